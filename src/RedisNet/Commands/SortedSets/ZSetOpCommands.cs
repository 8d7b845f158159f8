using RedisNet.Keyspace;
using RedisNet.Types.SortedSet;

namespace RedisNet.Commands.SortedSets;

/// <summary>
/// ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD: Redis's zunionInterDiffGenericCommand.
/// Plain sets are accepted as inputs, every member scoring 1.
/// </summary>
public static class ZSetOpCommands
{
    private enum Op { Union, Inter, Diff }
    private enum Aggregate { Sum, Min, Max }

    [RedisCommand("zunion", Arity = -3, Flags = CommandFlags.ReadOnly | CommandFlags.MovableKeys, FirstKey = 0, LastKey = 0, Step = 0,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RO,access index:1 keynum:0,1,1",
        Group = "sorted-set", Since = "6.2.0", Summary = "Add multiple sorted sets", Complexity = "O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.")]
    public static void ZUnion(CommandContext ctx) => Run(ctx, null, 1, Op.Union, false);

    [RedisCommand("zinter", Arity = -3, Flags = CommandFlags.ReadOnly | CommandFlags.MovableKeys, FirstKey = 0, LastKey = 0, Step = 0,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RO,access index:1 keynum:0,1,1",
        Group = "sorted-set", Since = "6.2.0", Summary = "Intersect multiple sorted sets", Complexity = "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.")]
    public static void ZInter(CommandContext ctx) => Run(ctx, null, 1, Op.Inter, false);

    [RedisCommand("zdiff", Arity = -3, Flags = CommandFlags.ReadOnly | CommandFlags.MovableKeys, FirstKey = 0, LastKey = 0, Step = 0,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RO,access index:1 keynum:0,1,1",
        Group = "sorted-set", Since = "6.2.0", Summary = "Subtract multiple sorted sets", Complexity = "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.")]
    public static void ZDiff(CommandContext ctx) => Run(ctx, null, 1, Op.Diff, false);

    [RedisCommand("zunionstore", Arity = -4, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.MovableKeys, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "OW,update index:1 range:0,1,0;RO,access index:2 keynum:0,1,1",
        Group = "sorted-set", Since = "2.0.0", Summary = "Add multiple sorted sets and store the resulting sorted set in a new key", Complexity = "O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.")]
    public static void ZUnionStore(CommandContext ctx) => Run(ctx, ctx.ArgBytes(1), 2, Op.Union, false);

    [RedisCommand("zinterstore", Arity = -4, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.MovableKeys, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "OW,update index:1 range:0,1,0;RO,access index:2 keynum:0,1,1",
        Group = "sorted-set", Since = "2.0.0", Summary = "Intersect multiple sorted sets and store the resulting sorted set in a new key", Complexity = "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.")]
    public static void ZInterStore(CommandContext ctx) => Run(ctx, ctx.ArgBytes(1), 2, Op.Inter, false);

    [RedisCommand("zdiffstore", Arity = -4, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.MovableKeys, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "OW,update index:1 range:0,1,0;RO,access index:2 keynum:0,1,1",
        Group = "sorted-set", Since = "6.2.0", Summary = "Subtract multiple sorted sets and store the resulting sorted set in a new key", Complexity = "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.")]
    public static void ZDiffStore(CommandContext ctx) => Run(ctx, ctx.ArgBytes(1), 2, Op.Diff, false);

    [RedisCommand("zintercard", Arity = -3, Flags = CommandFlags.ReadOnly | CommandFlags.MovableKeys, FirstKey = 0, LastKey = 0, Step = 0,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RO,access index:1 keynum:0,1,1",
        Group = "sorted-set", Since = "7.0.0", Summary = "Intersect multiple sorted sets and return the cardinality of the result", Complexity = "O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.")]
    public static void ZInterCard(CommandContext ctx) => Run(ctx, null, 1, Op.Inter, true);

    private static void Run(CommandContext ctx, byte[]? dst, int numkeysIdx, Op op, bool cardOnly)
    {
        if (!ctx.TryArgLong(numkeysIdx, out long setnum)) return;
        if (setnum < 1) { ctx.Error($"ERR at least 1 input key is needed for '{ctx.Command.Name}' command"); return; }
        if (setnum > ctx.ArgCount - (numkeysIdx + 1)) { ctx.SyntaxError(); return; }

        var src = new ZSource[setnum];
        int j = numkeysIdx + 1;
        for (int i = 0; i < setnum; i++, j++)
        {
            var e = dst != null ? ctx.Db.LookupWrite(ctx.Arg(j)) : ctx.Db.LookupRead(ctx.Arg(j));
            object? v = e?.BoxedValue;
            if (e != null && v is not SortedSetValue && v is not ISetMembers) { ctx.WrongType(); return; }
            src[i] = new ZSource(v);
        }

        var aggregate = Aggregate.Sum;
        bool withScores = false;
        long limit = 0;
        while (j < ctx.ArgCount)
        {
            int remaining = ctx.ArgCount - j;
            if (op != Op.Diff && !cardOnly && remaining >= setnum + 1 && ctx.ArgIs(j, "weights"u8))
            {
                j++;
                for (int i = 0; i < setnum; i++, j++)
                    if (!ZArgs.TryArgScore(ctx, j, out src[i].Weight, "ERR weight value is not a float")) return;
            }
            else if (op != Op.Diff && !cardOnly && remaining >= 2 && ctx.ArgIs(j, "aggregate"u8))
            {
                if (ctx.ArgIs(j + 1, "sum"u8)) aggregate = Aggregate.Sum;
                else if (ctx.ArgIs(j + 1, "min"u8)) aggregate = Aggregate.Min;
                else if (ctx.ArgIs(j + 1, "max"u8)) aggregate = Aggregate.Max;
                else { ctx.SyntaxError(); return; }
                j += 2;
            }
            else if (dst is null && !cardOnly && ctx.ArgIs(j, "withscores"u8)) { withScores = true; j++; }
            else if (cardOnly && remaining >= 2 && ctx.ArgIs(j, "limit"u8))
            {
                if (!ZArgs.TryArgPositive(ctx, j + 1, out limit, "ERR LIMIT can't be negative")) return;
                j += 2;
            }
            else { ctx.SyntaxError(); return; }
        }
        // Smallest inputs first, as Redis sorts them (the order of SUM's additions follows it).
        if (op != Op.Diff) src = src.OrderBy(s => s.Count).ToArray();

        if (cardOnly) { ctx.Reply.WriteInteger(InterCard(src, limit)); return; }
        var result = op switch
        {
            Op.Union => Union(src, aggregate),
            Op.Inter => Inter(src, aggregate),
            _ => Diff(src),
        };
        if (dst != null)
        {
            ZStore.StoreResult(ctx, dst, result, op switch { Op.Union => "zunionstore"u8, Op.Inter => "zinterstore"u8, _ => "zdiffstore"u8 });
            return;
        }
        ZStore.WriteEntries(ctx, new List<byte[]>(result.Entries()), withScores);
    }

    private static double Combine(double target, double value, Aggregate how) => how switch
    {
        // +inf + -inf is NaN: Redis keeps 0 instead.
        Aggregate.Sum => target + value is var s && double.IsNaN(s) ? 0 : s,
        Aggregate.Min => value < target ? value : target,
        _ => value > target ? value : target,
    };

    private static double Weighted(double score, double weight) => score * weight is var s && double.IsNaN(s) ? 0 : s;

    private static SortedSetValue Union(ZSource[] src, Aggregate how)
    {
        var acc = new MemberTable();
        foreach (var s in src)
        {
            foreach (var (bytes, off, score) in s.Elements())
            {
                var member = bytes.AsSpan(off);
                double w = Weighted(score, s.Weight);
                var existing = acc.Find(member);
                if (existing != null) ZEntry.SetScore(existing, Combine(ZEntry.Score(existing), w, how));
                else acc.Set(ZEntry.Create(w, member));
            }
        }
        var result = new SortedSetValue();
        foreach (var e in acc.Entries()) result.Tree.Insert(e);
        return result;
    }

    private static SortedSetValue Inter(ZSource[] src, Aggregate how)
    {
        var result = new SortedSetValue();
        if (src[0].Count == 0) return result;
        foreach (var (bytes, off, score0) in src[0].Elements())
        {
            var member = bytes.AsSpan(off);
            double score = Weighted(score0, src[0].Weight);
            bool inAll = true;
            for (int j = 1; j < src.Length && inAll; j++)
            {
                if (src[j].TryScore(member, out double s)) score = Combine(score, Weighted(s, src[j].Weight), how);
                else inAll = false;
            }
            if (inAll) result.Tree.Insert(ZEntry.Create(score, member));
        }
        return result;
    }

    private static long InterCard(ZSource[] src, long limit)
    {
        if (src[0].Count == 0) return 0;
        long n = 0;
        foreach (var (bytes, off, _) in src[0].Elements())
        {
            bool inAll = true;
            for (int j = 1; j < src.Length && inAll; j++) inAll = src[j].TryScore(bytes.AsSpan(off), out _);
            if (inAll && ++n == limit) break;
        }
        return n;
    }

    private static SortedSetValue Diff(ZSource[] src)
    {
        var result = new SortedSetValue();
        foreach (var (bytes, off, score) in src[0].Elements())
        {
            bool elsewhere = false;
            for (int j = 1; j < src.Length && !elsewhere; j++) elsewhere = src[j].TryScore(bytes.AsSpan(off), out _);
            if (!elsewhere) result.Tree.Insert(ZEntry.Create(score, bytes.AsSpan(off)));
        }
        return result;
    }

    /// <summary>One input: a sorted set, a plain set (scores 1), or a missing key (empty).</summary>
    private struct ZSource(object? value)
    {
        private readonly SortedSetValue? _z = value as SortedSetValue;
        private readonly ISetMembers? _s = value as ISetMembers;
        public double Weight = 1;

        public readonly long Count => _z?.Count ?? _s?.Count ?? 0;

        public readonly bool TryScore(ReadOnlySpan<byte> member, out double score)
        {
            score = 1;
            if (_z != null) return _z.TryGetScore(member, out score);
            return _s != null && _s.Contains(member);
        }

        /// <summary>Elements as (array, offset of the member in it, score).</summary>
        public readonly IEnumerable<(byte[] Bytes, int Offset, double Score)> Elements()
        {
            if (_z != null) foreach (var e in _z.Entries()) yield return (e, 8, ZEntry.Score(e));
            else if (_s != null) foreach (var m in _s.Members()) yield return (m, 0, 1.0);
        }
    }
}
