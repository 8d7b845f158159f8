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

    /// <summary>
    /// quicklist's _quicklistNodeAllowInsert (7.0): may a node of <paramref name="lpBytes"/> bytes and
    /// <paramref name="count"/> entries take one more element of <paramref name="sz"/> bytes under
    /// list-max-listpack-size <paramref name="fill"/>? Negative fill is a byte limit, positive an entry count.
    /// </summary>
    public static bool AllowInsert(int lpBytes, int count, int fill, int sz)
    {
        int overhead = (sz < 254 ? 1 : 5) + (sz < 64 ? 1 : sz < 16384 ? 2 : 5);
        long newSz = (long)lpBytes + sz + overhead;
        if (fill < 0)
        {
            int offset = -fill - 1;
            if (offset < OptimizationLevel.Length && newSz <= OptimizationLevel[offset]) return true;
            if (offset < OptimizationLevel.Length) return false;
        }
        if (newSz > SizeSafetyLimit) return false;
        return count < fill;
    }
}
