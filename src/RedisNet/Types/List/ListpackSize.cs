using RedisNet.Protocol;

namespace RedisNet.Types.List;

/// <summary>
/// Byte sizes of Redis's listpack encoding: node boundaries (quicklist's fill rule) and MEMORY USAGE
/// depend on them, so lists are laid out in nodes exactly where Redis would split them.
/// </summary>
internal static class ListpackSize
{
    /// <summary>An empty listpack: 4-byte total size, 2-byte count, 1 end byte.</summary>
    public const int Empty = 7;

    /// <summary>Bytes of one entry: encoding (integers are packed when the string is a canonical integer) plus back-length.</summary>
    public static int Entry(ReadOnlySpan<byte> value)
    {
        int enc;
        if (value.Length <= 20 && NumberFormat.TryParseInt64(value, out long v))
            enc = v is >= 0 and <= 127 ? 1
                : v is >= -4096 and <= 4095 ? 2
                : v is >= short.MinValue and <= short.MaxValue ? 3
                : v is >= -8388608 and <= 8388607 ? 4
                : v is >= int.MinValue and <= int.MaxValue ? 5
                : 9;
        else
            enc = value.Length < 64 ? 1 + value.Length : value.Length < 4096 ? 2 + value.Length : 5 + value.Length;
        return enc + BackLen(enc);
    }

    private static int BackLen(int l) => l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;

    private static readonly int[] OptimizationLevel = { 4096, 8192, 16384, 32768, 65536 };
    private const int SizeSafetyLimit = 8192;
    // quicklist over-estimates an entry's overhead by this much (so nodes stay just under the limits).
    private const int SizeEstimateOverhead = 8;

    /// <summary>
    /// quicklist's _quicklistNodeAllowInsert: may a node of <paramref name="lpBytes"/> bytes and
    /// <paramref name="count"/> entries take one more element of <paramref name="sz"/> bytes under
    /// list-max-listpack-size <paramref name="fill"/>? Negative fill is a byte limit (4k..64k), positive
    /// an entry count (with an 8k safety limit on bytes), 0 one entry per node.
    /// </summary>
    public static bool AllowInsert(int lpBytes, int count, int fill, int sz)
    {
        long newSz = (long)lpBytes + sz + SizeEstimateOverhead;
        if (fill < 0) return newSz <= OptimizationLevel[Math.Min(-fill - 1, OptimizationLevel.Length - 1)];
        if (newSz > SizeSafetyLimit) return false;
        return count + 1 <= (fill == 0 ? 1 : fill);
    }

    // 7.0 still estimates a merge with the ziplist's header and end (11 bytes), not the listpack's 7.
    private const int MergeOverhead = 11;

    /// <summary>_quicklistNodeAllowMerge (7.0): the estimated merged size within the limits.</summary>
    public static bool AllowMerge(int aBytes, int bBytes, int count, int fill)
    {
        long merged = (long)aBytes + bBytes - MergeOverhead;
        if (fill < 0) return merged <= OptimizationLevel[Math.Min(-fill - 1, OptimizationLevel.Length - 1)];
        if (merged > SizeSafetyLimit) return false;
        return count <= (fill == 0 ? 1 : fill);
    }
}
