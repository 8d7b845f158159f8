using RedisNet.Protocol;
using RedisNet.Types.SortedSet;

namespace RedisNet.Commands.SortedSets;

/// <summary>ZRANDMEMBER key [count [WITHSCORES]]: random members, distinct for a positive count.</summary>
public static class ZRandMember
{
    [RedisCommand("zrandmember", Arity = -2, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0", Tips = "nondeterministic_output",
        Group = "sorted-set", Since = "6.2.0", Summary = "Get one or multiple random elements from a sorted set", Complexity = "O(N) where N is the number of elements returned")]
    public static void ZRandMemberCommand(CommandContext ctx)
    {
        var r = ctx.Reply;
        if (ctx.ArgCount < 3)
        {
            if (!ctx.TryRead<SortedSetValue>(ctx.Arg(1), out var one)) return;
            if (one is null) { r.WriteNull(); return; }
            r.WriteBulk(ZEntry.Member(one.Tree.At(Random.Shared.Next(one.Count))));
            return;
        }
        if (!NumberFormat.TryParseInt64(ctx.Arg(2), out long l)) { ctx.Error(Errors.NotInteger); return; }
        if (l == long.MinValue)
        {
            ctx.Error($"ERR value is out of range, value must between {-long.MaxValue} and {long.MaxValue}");
            return;
        }
        bool withScores = false;
        if (ctx.ArgCount > 4 || (ctx.ArgCount == 4 && !ctx.ArgIs(3, "withscores"u8))) { ctx.SyntaxError(); return; }
        if (ctx.ArgCount == 4)
        {
            withScores = true;
            if (l < -long.MaxValue / 2 || l > long.MaxValue / 2) { ctx.Error("ERR value is out of range"); return; }
        }
        if (!ctx.TryRead<SortedSetValue>(ctx.Arg(1), out var z)) return;
        if (z is null || l == 0) { r.WriteArrayHeader(0); return; }

        List<byte[]> picked;
        if (l < 0 || l == 1)
        {
            // With repetitions: each pick independent.
            long count = l < 0 ? -l : l;
            r.WriteArrayHeader(withScores && !r.Resp3 ? count * 2 : count);
            for (long i = 0; i < count; i++)
            {
                var e = z.Tree.At(Random.Shared.Next(z.Count));
                if (withScores && r.Resp3) r.WriteArrayHeader(2);
                r.WriteBulk(ZEntry.Member(e));
                if (withScores) r.WriteDouble(ZEntry.Score(e));
            }
            return;
        }
        if (l >= z.Count)
        {
            // The whole set, highest first: Redis walks it from the tail.
            picked = new List<byte[]>(z.Count);
            for (var c = z.Tree.CursorAt(z.Count - 1); c.Valid; c.MovePrev()) picked.Add(c.Current);
        }
        else
        {
            // Distinct ranks by partial Fisher-Yates over a sparse permutation.
            var swapped = new Dictionary<int, int>();
            picked = new List<byte[]>((int)l);
            for (int i = 0; i < l; i++)
            {
                int j = Random.Shared.Next(i, z.Count);
                int vj = swapped.TryGetValue(j, out var a) ? a : j;
                int vi = swapped.TryGetValue(i, out var b) ? b : i;
                swapped[j] = vi;
                picked.Add(z.Tree.At(vj));
            }
        }
        ZStore.WriteEntries(ctx, picked, withScores);
    }
}
