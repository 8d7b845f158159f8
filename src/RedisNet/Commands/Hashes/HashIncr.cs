using RedisNet.Commands.Strings;
using RedisNet.Protocol;
using RedisNet.Config;
using RedisNet.Types;
using RedisNet.Types.Hash;

namespace RedisNet.Commands.Hashes;

/// <summary>HINCRBY and HINCRBYFLOAT (the latter with Redis's long double arithmetic and formatting).</summary>
public static class HashIncr
{
    private static readonly byte[] HSetName = "HSET"u8.ToArray();

    [RedisCommand("hincrby", Arity = 4, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Hash | AclCategory.Fast, KeySpecs = "RW,ACCESS,UPDATE index:1 range:0,1,0",
        Group = "hash", Since = "2.0.0", Summary = "Increment the integer value of a hash field by the given number", Complexity = "O(1)")]
    public static void HIncrBy(CommandContext ctx)
    {
        if (!ctx.TryArgLong(3, out long incr)) return;
        if (!HashAccess.TryWriteOrCreate(ctx, out var hash)) return;
        long value = 0;
        if (hash.TryFind(ctx.Arg(2), out var pair) && !NumberFormat.TryParseInt64(HashPair.Value(pair), out value))
        {
            ctx.Error("ERR hash value is not an integer");
            return;
        }
        long sum = unchecked(value + incr);
        // Overflow: both operands have the sign the sum lacks.
        if (((value ^ sum) & (incr ^ sum)) < 0)
        {
            ctx.Error(Errors.Overflow);
            return;
        }
        hash.Set(ctx.Arg(2), NumberFormat.Int64Bytes(sum), ctx.Server.Config);
        ctx.Reply.WriteInteger(sum);
        HashAccess.Changed(ctx, "hincrby"u8);
        ctx.Dirty();
    }

    [RedisCommand("hincrbyfloat", Arity = 4, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Hash | AclCategory.Fast, KeySpecs = "RW,ACCESS,UPDATE index:1 range:0,1,0",
        Group = "hash", Since = "2.6.0", Summary = "Increment the float value of a hash field by the given amount", Complexity = "O(1)")]
    public static void HIncrByFloat(CommandContext ctx)
    {
        if (!LongDouble.TryParse(ctx.Arg(3), out var incr))
        {
            ctx.Error(Errors.NotFloat);
            return;
        }
        if (!incr.IsFinite)
        {
            ctx.Error("ERR value is NaN or Infinity");
            return;
        }
        if (!HashAccess.TryWriteOrCreate(ctx, out var hash)) return;
        var value = LongDouble.Zero;
        if (hash.TryFind(ctx.Arg(2), out var pair) && !LongDouble.TryParse(HashPair.Value(pair), out value))
        {
            ctx.Error("ERR hash value is not a float");
            return;
        }
        var sum = LongDouble.Add(value, incr);
        if (!sum.IsFinite)
        {
            ctx.Error("ERR increment would produce NaN or Infinity");
            return;
        }
        var text = sum.FormatHuman();
        hash.Set(ctx.Arg(2), text, ctx.Server.Config);
        ctx.Reply.WriteBulk(text);
        HashAccess.Changed(ctx, "hincrbyfloat"u8);
        ctx.Dirty();
        // Replicas get the result as HSET, so float formatting cannot make them diverge.
        if (StringAccess.Propagating(ctx)) ctx.Propagate(HSetName, ctx.ArgBytes(1), ctx.ArgBytes(2), text);
    }
}
