using RedisNet.Types.SortedSet;

namespace RedisNet.Commands.SortedSets;

/// <summary>ZREM and ZREMRANGEBYRANK/SCORE/LEX.</summary>
public static class ZRemCommands
{
    [RedisCommand("zrem", Arity = -3, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.SortedSet | AclCategory.Fast, KeySpecs = "RW,delete index:1 range:0,1,0",
        Group = "sorted-set", Since = "1.2.0", Summary = "Remove one or more members from a sorted set", Complexity = "O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.")]
    public static void ZRem(CommandContext ctx)
    {
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<SortedSetValue>(key, out _, out var z)) return;
        if (z is null) { ctx.Reply.WriteInteger(0); return; }
        long deleted = 0;
        for (int i = 2; i < ctx.ArgCount && z.Count > 0; i++)
            if (z.Remove(ctx.Arg(i))) deleted++;
        ZStore.AfterRemoval(ctx, key, z, "zrem"u8, deleted);
        ctx.Reply.WriteInteger(deleted);
    }

    [RedisCommand("zremrangebyrank", Arity = 4, Flags = CommandFlags.Write, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RW,delete index:1 range:0,1,0",
        Group = "sorted-set", Since = "2.0.0", Summary = "Remove all members in a sorted set within the given indexes", Complexity = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.")]
    public static void ZRemRangeByRank(CommandContext ctx)
    {
        if (!ctx.TryArgLong(2, out long start) || !ctx.TryArgLong(3, out long end)) return;
        if (!Lookup(ctx, out var z)) return;
        long removed = 0;
        if (ZStore.ClampRanks(z.Count, ref start, ref end)) removed = RemoveRanks(z, (int)start, (int)end + 1);
        Done(ctx, z, "zremrangebyrank"u8, removed);
    }

    [RedisCommand("zremrangebyscore", Arity = 4, Flags = CommandFlags.Write, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RW,delete index:1 range:0,1,0",
        Group = "sorted-set", Since = "1.2.0", Summary = "Remove all members in a sorted set within the given scores", Complexity = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.")]
    public static void ZRemRangeByScore(CommandContext ctx)
    {
        if (!ScoreRange.TryParse(ctx.Arg(2), ctx.Arg(3), out var range)) { ctx.Error(ScoreRange.Error); return; }
        if (!Lookup(ctx, out var z)) return;
        Done(ctx, z, "zremrangebyscore"u8, RemoveRanks(z, range.First(z.Tree), range.End(z.Tree)));
    }

    [RedisCommand("zremrangebylex", Arity = 4, Flags = CommandFlags.Write, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RW,delete index:1 range:0,1,0",
        Group = "sorted-set", Since = "2.8.9", Summary = "Remove all members in a sorted set between the given lexicographical range", Complexity = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.")]
    public static void ZRemRangeByLex(CommandContext ctx)
    {
        if (!LexRange.TryParse(ctx.Arg(2), ctx.Arg(3), out var range)) { ctx.Error(LexRange.Error); return; }
        if (!Lookup(ctx, out var z)) return;
        Done(ctx, z, "zremrangebylex"u8, RemoveRanks(z, range.First(z.Tree), range.End(z.Tree)));
    }

    // Replies 0 itself for a missing key (lookupKeyWriteOrReply).
    private static bool Lookup(CommandContext ctx, out SortedSetValue z)
    {
        z = null!;
        if (!ctx.TryWrite<SortedSetValue>(ctx.Arg(1), out _, out var found)) return false;
        if (found is null) { ctx.Reply.WriteInteger(0); return false; }
        z = found;
        return true;
    }

    private static void Done(CommandContext ctx, SortedSetValue z, ReadOnlySpan<byte> evt, long removed)
    {
        ZStore.AfterRemoval(ctx, ctx.Arg(1), z, evt, removed);
        ctx.Reply.WriteInteger(removed);
    }

    /// <summary>Removes the entries of ranks [first, end).</summary>
    internal static long RemoveRanks(SortedSetValue z, int first, int end)
    {
        if (first >= end) return 0;
        var doomed = new List<byte[]>(end - first);
        var c = z.Tree.CursorAt(first);
        for (int i = first; i < end && c.Valid; i++, c.MoveNext()) doomed.Add(c.Current);
        foreach (var e in doomed) z.RemoveEntry(e);
        return doomed.Count;
    }
}
