using RedisNet.Protocol;
using RedisNet.Types.Stream;

namespace RedisNet.Commands.Streams;

/// <summary>Parsing of stream IDs and of the XADD/XTRIM trimming options, with Redis's errors.</summary>
public static class StreamArgs
{
    public const string InvalidId = "ERR Invalid stream ID specified as stream command argument";

    /// <summary>
    /// Redis's streamGenericParseIDOrReply: "-", "+", "ms", "ms-seq" and, when
    /// <paramref name="seqGiven"/> is wanted, "ms-*" (seqGiven false). A missing seq is <paramref name="missingSeq"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out StreamId id, ulong missingSeq, bool strict, bool allowAutoSeq, out bool seqGiven)
    {
        id = default;
        seqGiven = true;
        int nul = s.IndexOf((byte)0);
        if (nul >= 0) s = s[..nul]; // Redis reads the ID as a C string
        if (s.Length > 127) return false;
        if (s.Length == 1 && (s[0] == '-' || s[0] == '+'))
        {
            if (strict) return false;
            id = s[0] == '-' ? StreamId.Zero : StreamId.Max;
            return true;
        }
        int dash = s.IndexOf((byte)'-');
        var msPart = dash >= 0 ? s[..dash] : s;
        if (!TryParseU64(msPart, out ulong ms)) return false;
        ulong seq = missingSeq;
        if (dash >= 0)
        {
            var seqPart = s[(dash + 1)..];
            if (allowAutoSeq && seqPart.Length == 1 && seqPart[0] == '*') { seq = 0; seqGiven = false; }
            else if (!TryParseU64(seqPart, out seq)) return false;
        }
        id = new StreamId(ms, seq);
        return true;
    }

    /// <summary>Parses an ID or replies the invalid-ID error.</summary>
    public static bool TryArgId(CommandContext ctx, int arg, out StreamId id, ulong missingSeq = 0, bool strict = false)
    {
        if (TryParse(ctx.Arg(arg), out id, missingSeq, strict, false, out _)) return true;
        ctx.Error(InvalidId);
        return false;
    }

    /// <summary>Strict IDs from argument <paramref name="first"/> on, all parsed before any is used (XDEL, XACK).</summary>
    public static StreamId[]? TryArgIds(CommandContext ctx, int first)
    {
        var ids = new StreamId[ctx.ArgCount - first];
        for (int j = first; j < ctx.ArgCount; j++)
            if (!TryArgId(ctx, j, out ids[j - first], 0, strict: true)) return null;
        return ids;
    }

    /// <summary>An XRANGE bound: "(" makes it exclusive (then "-"/"+" are not allowed).</summary>
    public static bool TryArgInterval(CommandContext ctx, int arg, out StreamId id, out bool exclusive, ulong missingSeq)
    {
        var s = ctx.Arg(arg);
        exclusive = s.Length > 1 && s[0] == '(';
        if (TryParse(exclusive ? s[1..] : s, out id, missingSeq, exclusive, false, out _)) return true;
        ctx.Error(InvalidId);
        return false;
    }

    /// <summary>Redis's string2ull: string2ll, else strtoull's rules (spaces, a sign, wrap-around of "-").</summary>
    private static bool TryParseU64(ReadOnlySpan<byte> s, out ulong value)
    {
        if (NumberFormat.TryParseInt64(s, out long ll))
        {
            value = (ulong)ll;
            return ll >= 0;
        }
        value = 0;
        int i = 0;
        while (i < s.Length && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
        bool neg = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
        int digits = 0;
        for (; i < s.Length; i++, digits++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return false;
            if (value > (ulong.MaxValue - d) / 10) return false; // ERANGE
            value = value * 10 + d;
        }
        if (digits == 0) return false;
        if (neg) value = unchecked(0 - value);
        return true;
    }
}

/// <summary>XADD/XTRIM's trimming options and XADD's ID (Redis's streamAddTrimArgs).</summary>
public sealed class TrimArgs
{
    public bool ByMaxLen, ByMinId, Approx, NoMkStream, IdGiven, SeqGiven;
    public long MaxLen, Limit;
    public StreamId MinId, Id;
    /// <summary>Index of the MAXLEN/MINID value argument (rewritten for propagation of approximate trims).</summary>
    public int StrategyArg;

    public bool Trims => ByMaxLen || ByMinId;

    /// <summary>
    /// Redis's streamParseAddOrTrimArgsOrReply. Returns the index of XADD's ID argument (XTRIM: the
    /// argument count), or -1 after replying an error.
    /// </summary>
    public static int Parse(CommandContext ctx, bool xadd, TrimArgs a)
    {
        bool limitGiven = false;
        int i = 2;
        for (; i < ctx.ArgCount; i++)
        {
            int more = ctx.ArgCount - 1 - i;
            var opt = ctx.Arg(i);
            if (xadd && opt.Length == 1 && opt[0] == '*') break;
            bool maxlen = ctx.ArgIs(i, "maxlen"u8), minid = !maxlen && ctx.ArgIs(i, "minid"u8);
            if ((maxlen || minid) && more > 0)
            {
                if (a.Trims)
                {
                    ctx.Error("ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
                    return -1;
                }
                a.Approx = false;
                var next = ctx.Arg(i + 1);
                if (more >= 2 && next.Length == 1 && (next[0] == '~' || next[0] == '='))
                {
                    a.Approx = next[0] == '~';
                    i++;
                }
                if (maxlen)
                {
                    if (!ctx.TryArgLong(i + 1, out a.MaxLen)) return -1;
                    if (a.MaxLen < 0) { ctx.Error("ERR The MAXLEN argument must be >= 0."); return -1; }
                    a.ByMaxLen = true;
                }
                else
                {
                    if (!StreamArgs.TryArgId(ctx, i + 1, out a.MinId, 0, strict: true)) return -1;
                    a.ByMinId = true;
                }
                i++;
                a.StrategyArg = i;
            }
            else if (ctx.ArgIs(i, "limit"u8) && more > 0)
            {
                if (!ctx.TryArgLong(i + 1, out a.Limit)) return -1;
                if (a.Limit < 0) { ctx.Error("ERR The LIMIT argument must be >= 0."); return -1; }
                limitGiven = true;
                i++;
            }
            else if (xadd && ctx.ArgIs(i, "nomkstream"u8)) a.NoMkStream = true;
            else if (xadd)
            {
                if (!StreamArgs.TryParse(opt, out a.Id, 0, strict: true, allowAutoSeq: true, out a.SeqGiven))
                {
                    ctx.Error(StreamArgs.InvalidId);
                    return -1;
                }
                a.IdGiven = true;
                break;
            }
            else { ctx.SyntaxError(); return -1; }
        }
        if (a.Limit != 0 && !a.Trims)
        {
            ctx.Error("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
            return -1;
        }
        if (!xadd && !a.Trims)
        {
            ctx.Error("ERR syntax error, XTRIM must be called with a trimming strategy");
            return -1;
        }
        if ((ctx.Client.Flags & Server.ClientFlags.Master) != 0) a.Limit = 0; // the master already rewrote the trim
        else if (limitGiven)
        {
            if (!a.Approx)
            {
                ctx.Error("ERR syntax error, LIMIT cannot be used without the special ~ option");
                return -1;
            }
        }
        else if (a.Approx)
        {
            a.Limit = 100 * ctx.Server.Config.StreamNodeMaxEntries;
            if (a.Limit <= 0 || a.Limit > 10000) a.Limit = 10000;
        }
        else a.Limit = 0;
        return i;
    }
}
