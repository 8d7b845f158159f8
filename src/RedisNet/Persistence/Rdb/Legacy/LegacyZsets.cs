using RedisNet.Protocol;
using RedisNet.Types.SortedSet;

namespace RedisNet.Persistence.Rdb.Legacy;

/// <summary>Sorted sets in the encodings Redis 7.0 still loads but no longer writes.</summary>
internal static class LegacyZsets
{
    // LISTPACK_MAX_SAFETY_SIZE: Redis keeps a zset a skiplist when its members add up to more.
    private const long ListpackSafetySize = 1L << 30;

    /// <summary>
    /// RDB_TYPE_ZSET (before Redis 4.0): a count, then members with scores as text doubles. Loaded
    /// as a skiplist, then made a listpack when within zset-max-listpack-entries/value, as Redis does
    /// after loading. A NaN score or a duplicate member is corruption.
    /// </summary>
    public static object? LoadTextScores(RdbReader r, RdbLoadContext ctx)
    {
        int n = r.ReadCount();
        if (n == 0) return null;
        var members = new List<(byte[] Member, double Score)>(Math.Min(n, 1024));
        long maxLen = 0, totalLen = 0;
        for (int i = 0; i < n; i++)
        {
            var member = r.ReadString();
            double score = r.ReadTextDouble();
            if (double.IsNaN(score)) throw new RdbFormatException("Zset with NAN score detected");
            maxLen = Math.Max(maxLen, member.Length);
            totalLen += member.Length;
            members.Add((member, score));
        }
        bool listpack = n <= ctx.Config.ZsetMaxListpackEntries && maxLen <= ctx.Config.ZsetMaxListpackValue && totalLen <= ListpackSafetySize;
        var z = new SortedSetValue();
        if (!listpack) z.ConvertToSkiplist(); // before inserting: the member table finds duplicates in O(1)
        foreach (var (member, score) in members)
        {
            if (z.Find(member) is not null) throw new RdbFormatException("Duplicate zset fields detected");
            z.Insert(score, member);
        }
        return z;
    }

    /// <summary>
    /// RDB_TYPE_ZSET_ZIPLIST (Redis 2.6 to 6.2): member/score entries, scores as text or integers;
    /// a listpack whatever the member lengths, a skiplist past zset-max-listpack-entries.
    /// </summary>
    public static object? LoadZiplist(RdbReader r, RdbLoadContext ctx)
    {
        var blob = r.ReadString();
        int pairs = ZiplistReader.CountPairs(blob, "Zset");
        if (pairs == 0) return null;
        var z = new SortedSetValue();
        if (pairs > ctx.Config.ZsetMaxListpackEntries) z.ConvertToSkiplist();
        var zl = new ZiplistReader(blob);
        Span<byte> digits = stackalloc byte[20];
        while (zl.NextPair(out var m, out var s))
        {
            var member = m.AsBytes(digits);
            if (z.Find(member) is not null) throw new RdbFormatException("Zset ziplist integrity check failed: duplicate member");
            z.Insert(s.IsInt ? s.Int : ParseScore(s.Bytes), member);
        }
        return z;
    }

    /// <summary>zzlGetScore reads the text with strtod: what does not parse counts as 0. NaN cannot be ordered, so it is corruption here.</summary>
    private static double ParseScore(ReadOnlySpan<byte> text)
    {
        if (!NumberFormat.TryParseDouble(text, out double d))
        {
            if (text.Length == 3 && (text[0] | 0x20) == 'n' && (text[1] | 0x20) == 'a' && (text[2] | 0x20) == 'n')
                throw new RdbFormatException("Zset ziplist with a NaN score");
            return 0;
        }
        return d;
    }
}
