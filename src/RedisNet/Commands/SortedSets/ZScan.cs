using RedisNet.Commands.Keys;
using RedisNet.Protocol;
using RedisNet.Types.SortedSet;

namespace RedisNet.Commands.SortedSets;

/// <summary>ZSCAN key cursor [MATCH pattern] [COUNT count].</summary>
public static class ZScan
{
    [RedisCommand("zscan", Arity = -3, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.SortedSet | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0", Tips = "nondeterministic_output",
        Group = "sorted-set", Since = "2.8.0", Summary = "Incrementally iterate sorted sets elements and associated scores", Complexity = "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..")]
    public static void ZScanCommand(CommandContext ctx)
    {
        if (!Scan.TryParseCursor(ctx.Arg(2), out ulong cursor)) { ctx.Error("ERR invalid cursor"); return; }
        if (!ctx.TryRead<SortedSetValue>(ctx.Arg(1), out var z)) return;
        if (z is null) { ctx.Reply.WriteRaw("*2\r\n$1\r\n0\r\n*0\r\n"u8); return; }
        long count = 10;
        int patternArg = -1;
        for (int i = 3; i < ctx.ArgCount; i += 2)
        {
            bool hasValue = ctx.ArgCount - i >= 2;
            if (ctx.ArgIs(i, "count"u8) && hasValue)
            {
                if (!ctx.TryArgLong(i + 1, out count)) return;
                if (count < 1) { ctx.SyntaxError(); return; }
            }
            else if (ctx.ArgIs(i, "match"u8) && hasValue) patternArg = i + 1;
            else { ctx.SyntaxError(); return; }
        }
        if (patternArg >= 0 && ctx.Arg(patternArg).Length == 1 && ctx.Arg(patternArg)[0] == '*') patternArg = -1;

        var found = new List<byte[]>();
        if (z.Dict is null)
        {
            // A listpack is returned whole in one call, as Redis does.
            found.AddRange(z.Entries());
            cursor = 0;
        }
        else
        {
            // Redis doubles COUNT for member/score replies before taking ten times it as the bucket limit.
            long maxIterations = unchecked(count * 20);
            do cursor = z.Dict.Scan(cursor, found);
            while (cursor != 0 && maxIterations-- != 0 && found.Count < count);
        }

        var r = ctx.Reply;
        int kept = 0;
        foreach (var e in found)
            if (patternArg < 0 || Glob.Match(ctx.Arg(patternArg), ZEntry.Member(e), nocase: false)) kept++;
        r.WriteArrayHeader(2);
        r.WriteBulk((long)cursor);
        r.WriteArrayHeader(kept * 2L);
        Span<byte> buf = stackalloc byte[40];
        foreach (var e in found)
        {
            if (patternArg >= 0 && !Glob.Match(ctx.Arg(patternArg), ZEntry.Member(e), nocase: false)) continue;
            r.WriteBulk(ZEntry.Member(e));
            r.WriteBulk(buf[..SortedSetType.ScoreString(ZEntry.Score(e), buf)]);
        }
    }
}
