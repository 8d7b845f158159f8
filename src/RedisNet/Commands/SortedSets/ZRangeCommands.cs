using RedisNet.Types.SortedSet;

namespace RedisNet.Commands.SortedSets;

/// <summary>ZRANGE in all its forms and ZRANGESTORE: Redis's zrangeGenericCommand.</summary>
public static class ZRangeCommands
{
    private enum RangeType { Auto, Rank, Score, Lex }
    private enum Direction { Auto, Forward, Reverse }

    [RedisCommand("zrange", Arity = -4, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "sorted-set", Since = "1.2.0", Summary = "Return a range of members in a sorted set", Complexity = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.")]
    public static void ZRange(CommandContext ctx) => Range(ctx, 1, store: false, RangeType.Auto, Direction.Auto);

    [RedisCommand("zrangestore", Arity = -5, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = 2, Step = 1,
        Acl = AclCategory.Write | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "OW,update index:1 range:0,1,0;RO,access index:2 range:0,1,0",
        Group = "sorted-set", Since = "6.2.0", Summary = "Store a range of members from sorted set into another key", Complexity = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.")]
    public static void ZRangeStore(CommandContext ctx) => Range(ctx, 2, store: true, RangeType.Auto, Direction.Auto);

    [RedisCommand("zrevrange", Arity = -4, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "sorted-set", Since = "1.2.0", Summary = "Return a range of members in a sorted set, by index, with scores ordered from high to low", Complexity = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.", DocFlags = "deprecated", DeprecatedSince = "6.2.0", ReplacedBy = "`ZRANGE` with the `REV` argument")]
    public static void ZRevRange(CommandContext ctx) => Range(ctx, 1, store: false, RangeType.Rank, Direction.Reverse);

    [RedisCommand("zrangebyscore", Arity = -4, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "sorted-set", Since = "1.0.5", Summary = "Return a range of members in a sorted set, by score", Complexity = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).", DocFlags = "deprecated", DeprecatedSince = "6.2.0", ReplacedBy = "`ZRANGE` with the `BYSCORE` argument")]
    public static void ZRangeByScore(CommandContext ctx) => Range(ctx, 1, store: false, RangeType.Score, Direction.Forward);

    [RedisCommand("zrevrangebyscore", Arity = -4, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "sorted-set", Since = "2.2.0", Summary = "Return a range of members in a sorted set, by score, with scores ordered from high to low", Complexity = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).", DocFlags = "deprecated", DeprecatedSince = "6.2.0", ReplacedBy = "`ZRANGE` with the `REV` and `BYSCORE` arguments")]
    public static void ZRevRangeByScore(CommandContext ctx) => Range(ctx, 1, store: false, RangeType.Score, Direction.Reverse);

    [RedisCommand("zrangebylex", Arity = -4, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "sorted-set", Since = "2.8.9", Summary = "Return a range of members in a sorted set, by lexicographical range", Complexity = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).", DocFlags = "deprecated", DeprecatedSince = "6.2.0", ReplacedBy = "`ZRANGE` with the `BYLEX` argument")]
    public static void ZRangeByLex(CommandContext ctx) => Range(ctx, 1, store: false, RangeType.Lex, Direction.Forward);

    [RedisCommand("zrevrangebylex", Arity = -4, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "sorted-set", Since = "2.8.9", Summary = "Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings.", Complexity = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).", DocFlags = "deprecated", DeprecatedSince = "6.2.0", ReplacedBy = "`ZRANGE` with the `REV` and `BYLEX` arguments")]
    public static void ZRevRangeByLex(CommandContext ctx) => Range(ctx, 1, store: false, RangeType.Lex, Direction.Reverse);

    private static void Range(CommandContext ctx, int keyIdx, bool store, RangeType type, Direction dir)
    {
        int minIdx = keyIdx + 1, maxIdx = keyIdx + 2;
        bool withScores = false;
        long offset = 0, limit = -1;
        for (int j = keyIdx + 3; j < ctx.ArgCount; j++)
        {
            int left = ctx.ArgCount - j - 1;
            if (!store && ctx.ArgIs(j, "withscores"u8)) withScores = true;
            else if (ctx.ArgIs(j, "limit"u8) && left >= 2)
            {
                if (!ctx.TryArgLong(j + 1, out offset) || !ctx.TryArgLong(j + 2, out limit)) return;
                j += 2;
            }
            else if (dir == Direction.Auto && ctx.ArgIs(j, "rev"u8)) dir = Direction.Reverse;
            else if (type == RangeType.Auto && ctx.ArgIs(j, "bylex"u8)) type = RangeType.Lex;
            else if (type == RangeType.Auto && ctx.ArgIs(j, "byscore"u8)) type = RangeType.Score;
            else { ctx.SyntaxError(); return; }
        }
        if (dir == Direction.Auto) dir = Direction.Forward;
        if (type == RangeType.Auto) type = RangeType.Rank;
        if (limit != -1 && type == RangeType.Rank)
        {
            ctx.Error("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
            return;
        }
        if (withScores && type == RangeType.Lex)
        {
            ctx.Error("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
            return;
        }
        bool reverse = dir == Direction.Reverse;
        if (reverse && type != RangeType.Rank) (minIdx, maxIdx) = (maxIdx, minIdx);

        long start = 0, end = 0;
        ScoreRange scores = default;
        LexRange lex = default;
        switch (type)
        {
            case RangeType.Rank:
                if (!ctx.TryArgLong(minIdx, out start) || !ctx.TryArgLong(maxIdx, out end)) return;
                break;
            case RangeType.Score:
                if (!ScoreRange.TryParse(ctx.Arg(minIdx), ctx.Arg(maxIdx), out scores)) { ctx.Error(ScoreRange.Error); return; }
                break;
            default:
                if (!LexRange.TryParse(ctx.Arg(minIdx), ctx.Arg(maxIdx), out lex)) { ctx.Error(LexRange.Error); return; }
                break;
        }

        if (!ctx.TryRead<SortedSetValue>(ctx.Arg(keyIdx), out var z)) return;
        List<byte[]> result;
        if (z is null) result = new List<byte[]>();
        else if (type == RangeType.Rank)
            result = ZStore.ClampRanks(z.Count, ref start, ref end) ? ZStore.ByRank(z, start, end, reverse) : new List<byte[]>();
        else
        {
            int first = type == RangeType.Score ? scores.First(z.Tree) : lex.First(z.Tree);
            int stop = type == RangeType.Score ? scores.End(z.Tree) : lex.End(z.Tree);
            result = ZStore.ByRankWindow(z, first, stop, offset, limit, reverse);
        }

        if (!store)
        {
            ZStore.WriteEntries(ctx, result, withScores);
            return;
        }
        var dst = new SortedSetValue();
        // Entries change in place on updates, so the destination gets its own.
        foreach (var e in result) dst.Tree.Insert(ZEntry.Create(ZEntry.Score(e), ZEntry.Member(e)));
        ZStore.StoreResult(ctx, ctx.Arg(1), dst, "zrangestore"u8);
    }
}
