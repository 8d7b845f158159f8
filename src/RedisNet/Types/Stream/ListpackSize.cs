using RedisNet.Protocol;

namespace RedisNet.Types.Stream;

/// <summary>
/// Bytes a value takes in a Redis listpack (encoding, data and back-length). Streams keep Redis's
/// node boundaries (stream-node-max-bytes, approximate trimming, XINFO radix-tree-keys, MEMORY
/// USAGE), which depend on the listpack size of each node, so we count them as Redis lays them out.
/// </summary>
public static class ListpackSize
{
    public const int Header = 6, Terminator = 1;

    /// <summary>An integer element (lpAppendInteger).</summary>
    public static int Int(long v)
    {
        int enc = v >= 0 && v <= 127 ? 1
            : v >= -4096 && v <= 4095 ? 2
            : v >= short.MinValue && v <= short.MaxValue ? 3
            : v >= -8388608 && v <= 8388607 ? 4
            : v >= int.MinValue && v <= int.MaxValue ? 5
            : 9;
        return enc + BackLen(enc);
    }

    /// <summary>A string element: stored as an integer when it reads as one (string2ll rules), as listpacks do.</summary>
    public static int Str(ReadOnlySpan<byte> s)
    {
        if (s.Length <= 20 && NumberFormat.TryParseInt64(s, out long v)) return Int(v);
        int enc = s.Length < 64 ? 1 + s.Length : s.Length < 4096 ? 2 + s.Length : 5 + s.Length;
        return enc + BackLen(enc);
    }

    private static int BackLen(int l) => l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
}
