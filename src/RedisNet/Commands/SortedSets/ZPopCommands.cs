using RedisNet.Config;
using RedisNet.Types.SortedSet;

namespace RedisNet.Commands.SortedSets;

/// <summary>
/// ZPOPMIN, ZPOPMAX and ZMPOP. <see cref="Pop"/> is Redis's genericZpopCommand, kept public so the
/// blocking forms (BZPOPMIN/BZPOPMAX/BZMPOP) can serve a woken client with the same replies.
/// </summary>
public static class ZPopCommands
{
    /// <summary>How a pop's reply is shaped (the four cases of genericZpopCommand).</summary>
    public enum PopReply
    {
        /// <summary>ZPOPMIN/ZPOPMAX: flat member, score... (RESP3 with COUNT: [member, score] pairs).</summary>
        Plain,
        /// <summary>BZPOPMIN/BZPOPMAX: key, member, score.</summary>
        WithKey,
        /// <summary>ZMPOP/BZMPOP: [key, [[member, score]...]].</summary>
        KeyAndPairs,
    }

    [RedisCommand("zpopmin", Arity = -2, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.SortedSet | AclCategory.Fast, KeySpecs = "RW,access,delete index:1 range:0,1,0",
        Group = "sorted-set", Since = "5.0.0", Summary = "Remove and return members with the lowest scores in a sorted set", Complexity = "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.")]
    public static void ZPopMin(CommandContext ctx) => PopCommand(ctx, max: false);

    [RedisCommand("zpopmax", Arity = -2, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.SortedSet | AclCategory.Fast, KeySpecs = "RW,access,delete index:1 range:0,1,0",
        Group = "sorted-set", Since = "5.0.0", Summary = "Remove and return members with the highest scores in a sorted set", Complexity = "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.")]
    public static void ZPopMax(CommandContext ctx) => PopCommand(ctx, max: true);

    private static void PopCommand(CommandContext ctx, bool max)
    {
        if (ctx.ArgCount > 3) { ctx.SyntaxError(); return; }
        long count = -1; // -1: no COUNT given, a single flat pair
        if (ctx.ArgCount == 3 && !ZArgs.TryArgPositive(ctx, 2, out count)) return;
        Pop(ctx, [ctx.ArgBytes(1)], max, count, PopReply.Plain, nested: ctx.Reply.Resp3 && count != -1, nullWhenEmpty: false);
    }

    [RedisCommand("zmpop", Arity = -4, Flags = CommandFlags.Write | CommandFlags.MovableKeys, FirstKey = 0, LastKey = 0, Step = 0,
        Acl = AclCategory.Write | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RW,access,delete index:1 keynum:0,1,1",
        Group = "sorted-set", Since = "7.0.0", Summary = "Remove and return members with scores in a sorted set", Complexity = "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.")]
    public static void ZMPop(CommandContext ctx)
    {
        if (!TryParseMPop(ctx, 1, out var keys, out bool max, out long count)) return;
        // Replicated as ZPOPMIN/ZPOPMAX with the number actually popped, as Redis does.
        if (Pop(ctx, keys, max, count, PopReply.KeyAndPairs, nested: true, nullWhenEmpty: true, out long n) is { } key)
            ctx.Propagate(max ? "ZPOPMAX"u8.ToArray() : "ZPOPMIN"u8.ToArray(), key, Protocol.NumberFormat.Int64Bytes(n));
    }

    /// <summary>
    /// Parses "numkeys key... MIN|MAX [COUNT n]" from argument <paramref name="numkeysIdx"/> (ZMPOP: 1,
    /// BZMPOP: 2), replying Redis's errors.
    /// </summary>
    public static bool TryParseMPop(CommandContext ctx, int numkeysIdx, out byte[][] keys, out bool max, out long count)
    {
        keys = [];
        max = false;
        count = -1;
        if (!ZArgs.TryArgRange(ctx, numkeysIdx, 1, long.MaxValue, out long numkeys, "ERR numkeys should be greater than 0")) return false;
        long whereIdx = numkeysIdx + numkeys + 1;
        if (whereIdx >= ctx.ArgCount || whereIdx < 0) { ctx.SyntaxError(); return false; }
        if (ctx.ArgIs((int)whereIdx, "min"u8)) max = false;
        else if (ctx.ArgIs((int)whereIdx, "max"u8)) max = true;
        else { ctx.SyntaxError(); return false; }
        for (int j = (int)whereIdx + 1; j < ctx.ArgCount; j++)
        {
            bool more = ctx.ArgCount - 1 - j > 0;
            if (count == -1 && ctx.ArgIs(j, "count"u8) && more)
            {
                j++;
                if (!ZArgs.TryArgRange(ctx, j, 1, long.MaxValue, out count, "ERR count should be greater than 0")) return false;
            }
            else { ctx.SyntaxError(); return false; }
        }
        if (count == -1) count = 1;
        keys = new byte[numkeys][];
        for (int i = 0; i < numkeys; i++) keys[i] = ctx.ArgBytes(numkeysIdx + 1 + i);
        return true;
    }

    /// <summary>
    /// Pops up to <paramref name="count"/> (-1: one, flat) elements from the first non-empty sorted
    /// set among <paramref name="keys"/> and replies. Returns the key popped from, or null when
    /// nothing was popped (a WRONGTYPE error, no candidate, or COUNT 0). Blocking commands call this
    /// after checking that a key has elements.
    /// </summary>
    public static byte[]? Pop(CommandContext ctx, IReadOnlyList<byte[]> keys, bool max, long count, PopReply shape, bool nested, bool nullWhenEmpty) =>
        Pop(ctx, keys, max, count, shape, nested, nullWhenEmpty, out _);

    /// <summary>As above; <paramref name="popped"/> is how many elements were taken (what ZMPOP propagates as the count).</summary>
    public static byte[]? Pop(CommandContext ctx, IReadOnlyList<byte[]> keys, bool max, long count, PopReply shape, bool nested, bool nullWhenEmpty, out long popped)
    {
        popped = 0;
        SortedSetValue? z = null;
        byte[]? key = null;
        foreach (var k in keys)
        {
            if (!ctx.TryWrite<SortedSetValue>(k, out _, out var found)) return null;
            if (found is null) continue;
            z = found;
            key = k;
            break;
        }
        var r = ctx.Reply;
        if (z is null)
        {
            if (nullWhenEmpty) r.WriteNullArray(); else r.WriteArrayHeader(0);
            return null;
        }
        if (count == 0) { r.WriteArrayHeader(0); return null; }
        if (count == -1) count = 1;
        long n = Math.Min(count, z.Count);
        switch (shape)
        {
            case PopReply.Plain: r.WriteArrayHeader(nested ? n : n * 2); break;
            case PopReply.WithKey: r.WriteArrayHeader(n * 2 + 1); r.WriteBulk(key); break;
            default: r.WriteArrayHeader(2); r.WriteBulk(key); r.WriteArrayHeader(n); break;
        }
        for (long i = 0; i < n; i++)
        {
            var e = z.Tree.At(max ? z.Count - 1 : 0);
            if (nested) r.WriteArrayHeader(2);
            r.WriteBulk(ZEntry.Member(e));
            r.WriteDouble(ZEntry.Score(e));
            z.RemoveEntry(e);
        }
        ctx.Db.Notify(KeyspaceEventFlags.Zset, max ? "zpopmax"u8 : "zpopmin"u8, key!);
        ctx.Db.SignalModified(key!);
        if (z.Count == 0)
        {
            ctx.Db.Delete(key!);
            ctx.Db.Notify(KeyspaceEventFlags.Generic, "del"u8, key!);
        }
        ctx.Dirty(n);
        popped = n;
        return key;
    }
}
