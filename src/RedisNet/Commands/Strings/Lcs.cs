using RedisNet.Keyspace;

namespace RedisNet.Commands.Strings;

/// <summary>LCS: the longest common subsequence of two strings, its length, or its matching ranges.</summary>
public static class Lcs
{
    [RedisCommand("lcs", Arity = -3, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 2, Step = 1,
        Acl = AclCategory.Read | AclCategory.String | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:1,1,0",
        Group = "string", Since = "7.0.0", Summary = "Find longest common substring", Complexity = "O(N*M) where N and M are the lengths of s1 and s2, respectively")]
    public static void Command(CommandContext ctx)
    {
        var ea = StringAccess.LookupRead(ctx, ctx.Arg(1));
        var eb = StringAccess.LookupRead(ctx, ctx.Arg(2));
        if ((ea != null && !StringValues.IsString(ea)) || (eb != null && !StringValues.IsString(eb)))
        {
            ctx.Error("ERR The specified keys must contain string values");
            return;
        }
        bool idx = false, len = false, withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < ctx.ArgCount; j++)
        {
            bool moreArgs = j < ctx.ArgCount - 1;
            if (ctx.ArgIs(j, "idx"u8)) idx = true;
            else if (ctx.ArgIs(j, "len"u8)) len = true;
            else if (ctx.ArgIs(j, "withmatchlen"u8)) withMatchLen = true;
            else if (ctx.ArgIs(j, "minmatchlen"u8) && moreArgs)
            {
                if (!ctx.TryArgLong(++j, out minMatchLen)) return;
                if (minMatchLen < 0) minMatchLen = 0;
            }
            else
            {
                ctx.SyntaxError();
                return;
            }
        }
        if (idx && len)
        {
            ctx.Error("ERR If you want both the length and indexes, please just use IDX.");
            return;
        }
        var a = ea is null ? ReadOnlySpan<byte>.Empty : StringValues.Span(ea);
        var b = eb is null ? ReadOnlySpan<byte>.Empty : StringValues.Span(eb);
        long cells = (long)(a.Length + 1) * (b.Length + 1);
        if (cells > Array.MaxLength)
        {
            ctx.Error("ERR Insufficient memory, failed allocating transient memory for LCS");
            return;
        }
        var table = BuildTable(a, b);
        int width = b.Length + 1;
        int lcsLen = (int)table[cells - 1];
        if (len && !idx)
        {
            ctx.Reply.WriteInteger(lcsLen);
            return;
        }
        var result = new byte[lcsLen];
        var matches = idx ? new List<(int A0, int A1, int B0, int B1)>() : null;
        Backtrack(a, b, table, width, result, matches, minMatchLen);
        if (matches is null)
        {
            ctx.Reply.WriteBulk(result);
            return;
        }
        ctx.Reply.WriteMapHeader(2);
        ctx.Reply.WriteBulk("matches"u8);
        ctx.Reply.WriteArrayHeader(matches.Count);
        foreach (var (a0, a1, b0, b1) in matches)
        {
            ctx.Reply.WriteArrayHeader(withMatchLen ? 3 : 2);
            ctx.Reply.WriteArrayHeader(2);
            ctx.Reply.WriteInteger(a0);
            ctx.Reply.WriteInteger(a1);
            ctx.Reply.WriteArrayHeader(2);
            ctx.Reply.WriteInteger(b0);
            ctx.Reply.WriteInteger(b1);
            if (withMatchLen) ctx.Reply.WriteInteger(a1 - a0 + 1);
        }
        ctx.Reply.WriteBulk("len"u8);
        ctx.Reply.WriteInteger(lcsLen);
    }

    /// <summary>The classic table: cell (i, j) holds the LCS length of a[..i] and b[..j].</summary>
    private static uint[] BuildTable(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int width = b.Length + 1;
        var t = new uint[(a.Length + 1) * width];
        for (int i = 1; i <= a.Length; i++)
        {
            int row = i * width, up = row - width;
            for (int j = 1; j <= b.Length; j++)
            {
                if (a[i - 1] == b[j - 1]) t[row + j] = t[up + j - 1] + 1;
                else t[row + j] = Math.Max(t[up + j], t[row + j - 1]);
            }
        }
        return t;
    }

    /// <summary>
    /// Walks back from the end, filling the LCS right to left and collecting runs that are
    /// contiguous in both strings, last run first, as Redis reports them. When a mismatch forces a
    /// step, it goes up (shorter a) only if that keeps a strictly longer LCS, otherwise left.
    /// </summary>
    private static void Backtrack(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, uint[] t, int width, byte[] result,
        List<(int, int, int, int)>? matches, long minMatchLen)
    {
        int i = a.Length, j = b.Length, k = result.Length;
        int aStart = -1, aEnd = 0, bStart = 0; // aStart -1: no run open
        while (i > 0 && j > 0)
        {
            bool emit = false;
            if (a[i - 1] == b[j - 1])
            {
                result[--k] = a[i - 1];
                if (aStart < 0) { aStart = aEnd = i - 1; bStart = j - 1; }
                else if (aStart == i && bStart == j) { aStart--; bStart--; }
                else emit = true;
                // A run that reached the start of either string ends here: the walk stops.
                if (aStart == 0 || bStart == 0) emit = true;
                i--; j--;
            }
            else
            {
                if (t[(i - 1) * width + j] > t[i * width + j - 1]) i--;
                else j--;
                if (aStart >= 0) emit = true;
            }
            if (emit && aStart >= 0)
            {
                int runLen = aEnd - aStart + 1;
                if (matches != null && (minMatchLen == 0 || runLen >= minMatchLen))
                    matches.Add((aStart, aEnd, bStart, bStart + (aEnd - aStart)));
                aStart = -1;
            }
        }
    }
}
