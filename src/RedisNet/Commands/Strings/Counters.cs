using RedisNet.Config;
using RedisNet.Keyspace;
using RedisNet.Protocol;

namespace RedisNet.Commands.Strings;

/// <summary>INCR, DECR, INCRBY, DECRBY and INCRBYFLOAT.</summary>
public static class Counters
{
    [RedisCommand("incr", Arity = 2, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Fast, KeySpecs = "RW,ACCESS,UPDATE index:1 range:0,1,0",
        Group = "string", Since = "1.0.0", Summary = "Increment the integer value of a key by one", Complexity = "O(1)")]
    public static void Incr(CommandContext ctx) => IncrDecr(ctx, 1);

    [RedisCommand("decr", Arity = 2, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Fast, KeySpecs = "RW,ACCESS,UPDATE index:1 range:0,1,0",
        Group = "string", Since = "1.0.0", Summary = "Decrement the integer value of a key by one", Complexity = "O(1)")]
    public static void Decr(CommandContext ctx) => IncrDecr(ctx, -1);

    [RedisCommand("incrby", Arity = 3, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Fast, KeySpecs = "RW,ACCESS,UPDATE index:1 range:0,1,0",
        Group = "string", Since = "1.0.0", Summary = "Increment the integer value of a key by the given amount", Complexity = "O(1)")]
    public static void IncrBy(CommandContext ctx)
    {
        if (ctx.TryArgLong(2, out long incr)) IncrDecr(ctx, incr);
    }

    [RedisCommand("decrby", Arity = 3, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Fast, KeySpecs = "RW,ACCESS,UPDATE index:1 range:0,1,0",
        Group = "string", Since = "1.0.0", Summary = "Decrement the integer value of a key by the given number", Complexity = "O(1)")]
    public static void DecrBy(CommandContext ctx)
    {
        if (!ctx.TryArgLong(2, out long decr)) return;
        if (decr == long.MinValue)
        {
            ctx.Error("ERR decrement would overflow"); // its negation does not fit
            return;
        }
        IncrDecr(ctx, -decr);
    }

    /// <summary>Redis's incrDecrCommand: the stored value must be a canonical 64-bit integer; the TTL is kept.</summary>
    private static void IncrDecr(CommandContext ctx, long incr)
    {
        var key = ctx.Arg(1);
        if (!StringAccess.LookupWriteString(ctx, key, out var e)) return;
        long value = 0;
        if (e != null && !NumberFormat.TryParseInt64(StringValues.Span(e), out value))
        {
            ctx.Error(Errors.NotInteger);
            return;
        }
        if ((incr < 0 && value < 0 && incr < long.MinValue - value) || (incr > 0 && value > 0 && incr > long.MaxValue - value))
        {
            ctx.Error(Errors.Overflow);
            return;
        }
        value += incr;
        Span<byte> digits = stackalloc byte[20];
        var bytes = digits[..NumberFormat.FormatInt64(value, digits)];
        if (e is null) ctx.Db.AddString(key, bytes);
        else ctx.Db.OverwriteString(e, bytes, keepTtl: true);
        ctx.Dirty();
        ctx.Db.Notify(KeyspaceEventFlags.String, "incrby"u8, key);
        ctx.Reply.WriteIntegerDigits(bytes);
    }

    [RedisCommand("incrbyfloat", Arity = 3, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Fast, KeySpecs = "RW,ACCESS,UPDATE index:1 range:0,1,0",
        Group = "string", Since = "2.6.0", Summary = "Increment the float value of a key by the given amount", Complexity = "O(1)")]
    public static void IncrByFloat(CommandContext ctx)
    {
        var key = ctx.Arg(1);
        if (!StringAccess.LookupWriteString(ctx, key, out var e)) return;
        var value = LongDouble.Zero;
        if ((e != null && !LongDouble.TryParse(StringValues.Span(e), out value)) || !LongDouble.TryParse(ctx.Arg(2), out var incr))
        {
            ctx.Error(Errors.NotFloat);
            return;
        }
        var sum = LongDouble.Add(value, incr);
        if (!sum.IsFinite)
        {
            ctx.Error("ERR increment would produce NaN or Infinity");
            return;
        }
        var text = sum.FormatHuman();
        object stored = text;
        // Redis stores the result with createStringObject, never as int: keep "embstr" visible for OBJECT ENCODING.
        if (text.Length <= 20 && NumberFormat.TryParseInt64(text, out _)) stored = new MutableString(text, text.Length) { Embstr = true };
        if (e is null) e = ctx.Db.Add(key, stored);
        else ctx.Db.Overwrite(e, stored, keepTtl: true);
        ctx.Dirty();
        ctx.Db.Notify(KeyspaceEventFlags.String, "incrbyfloat"u8, key);
        ctx.Reply.WriteBulk(text);
        // Replicas get the result, so float formatting differences cannot make them diverge.
        if (StringAccess.Propagating(ctx)) ctx.Propagate(StringAccess.SetName, e.KeyBytes(), text, StringAccess.KeepTtlName);
    }
}
