using RedisNet.Types.SortedSet;

namespace RedisNet.Commands.SortedSets;

/// <summary>Point reads: ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK, ZCOUNT, ZLEXCOUNT.</summary>
public static class ZReadCommands
{
    [RedisCommand("zcard", Arity = 2, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Fast, KeySpecs = "RO index:1 range:0,1,0",
        Group = "sorted-set", Since = "1.2.0", Summary = "Get the number of members in a sorted set", Complexity = "O(1)")]
    public static void ZCard(CommandContext ctx)
    {
        if (!ctx.TryRead<SortedSetValue>(ctx.Arg(1), out var z)) return;
        ctx.Reply.WriteInteger(z?.Count ?? 0);
    }

    [RedisCommand("zscore", Arity = 3, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Fast, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "sorted-set", Since = "1.2.0", Summary = "Get the score associated with the given member in a sorted set", Complexity = "O(1)")]
    public static void ZScore(CommandContext ctx)
    {
        if (!ctx.TryRead<SortedSetValue>(ctx.Arg(1), out var z)) return;
        if (z != null && z.TryGetScore(ctx.Arg(2), out double score)) ctx.Reply.WriteDouble(score);
        else ctx.Reply.WriteNull();
    }

    [RedisCommand("zmscore", Arity = -3, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Fast, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "sorted-set", Since = "6.2.0", Summary = "Get the score associated with the given members in a sorted set", Complexity = "O(N) where N is the number of members being requested.")]
    public static void ZMScore(CommandContext ctx)
    {
        if (!ctx.TryRead<SortedSetValue>(ctx.Arg(1), out var z)) return;
        ctx.Reply.WriteArrayHeader(ctx.ArgCount - 2);
        for (int i = 2; i < ctx.ArgCount; i++)
        {
            if (z != null && z.TryGetScore(ctx.Arg(i), out double score)) ctx.Reply.WriteDouble(score);
            else ctx.Reply.WriteNull();
        }
    }

    [RedisCommand("zrank", Arity = 3, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Fast, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "sorted-set", Since = "2.0.0", Summary = "Determine the index of a member in a sorted set", Complexity = "O(log(N))")]
    public static void ZRank(CommandContext ctx) => Rank(ctx, reverse: false);

    [RedisCommand("zrevrank", Arity = 3, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Fast, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "sorted-set", Since = "2.0.0", Summary = "Determine the index of a member in a sorted set, with scores ordered from high to low", Complexity = "O(log(N))")]
    public static void ZRevRank(CommandContext ctx) => Rank(ctx, reverse: true);

    private static void Rank(CommandContext ctx, bool reverse)
    {
        if (!ctx.TryRead<SortedSetValue>(ctx.Arg(1), out var z)) return;
        int rank = z?.Rank(ctx.Arg(2)) ?? -1;
        if (rank < 0) { ctx.Reply.WriteNull(); return; }
        ctx.Reply.WriteInteger(reverse ? z!.Count - 1 - rank : rank);
    }

    [RedisCommand("zcount", Arity = 4, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Fast, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "sorted-set", Since = "2.0.0", Summary = "Count the members in a sorted set with scores within the given values", Complexity = "O(log(N)) with N being the number of elements in the sorted set.")]
    public static void ZCount(CommandContext ctx)
    {
        if (!ScoreRange.TryParse(ctx.Arg(2), ctx.Arg(3), out var range)) { ctx.Error(ScoreRange.Error); return; }
        if (!ctx.TryRead<SortedSetValue>(ctx.Arg(1), out var z)) return;
        if (z is null) { ctx.Reply.WriteInteger(0); return; }
        ctx.Reply.WriteInteger(Math.Max(0, range.End(z.Tree) - range.First(z.Tree)));
    }

    [RedisCommand("zlexcount", Arity = 4, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Fast, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "sorted-set", Since = "2.8.9", Summary = "Count the number of members in a sorted set between a given lexicographical range", Complexity = "O(log(N)) with N being the number of elements in the sorted set.")]
    public static void ZLexCount(CommandContext ctx)
    {
        if (!LexRange.TryParse(ctx.Arg(2), ctx.Arg(3), out var range)) { ctx.Error(LexRange.Error); return; }
        if (!ctx.TryRead<SortedSetValue>(ctx.Arg(1), out var z)) return;
        if (z is null) { ctx.Reply.WriteInteger(0); return; }
        ctx.Reply.WriteInteger(Math.Max(0, range.End(z.Tree) - range.First(z.Tree)));
    }
}
