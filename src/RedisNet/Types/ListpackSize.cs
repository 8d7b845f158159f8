using RedisNet.Protocol;

namespace RedisNet.Types;

/// <summary>
/// Bytes Redis's listpack would use for given elements (MEMORY USAGE of listpack encodings): a
/// 6-byte header, one end byte, and per element its encoding (integers take 1 to 9 bytes, strings a
/// 1, 2 or 5-byte length) plus the back-length.
/// </summary>
public static class ListpackSize
{
    public const int Empty = 7;

    public static int Entry(ReadOnlySpan<byte> element)
    {
        int size;
        if (element.Length <= 20 && NumberFormat.TryParseInt64(element, out long v))
            size = v is >= 0 and <= 127 ? 1 : v is >= -4096 and <= 4095 ? 2 : v is >= short.MinValue and <= short.MaxValue ? 3
                : v is >= -(1 << 23) and < (1 << 23) ? 4 : v is >= int.MinValue and <= int.MaxValue ? 5 : 9;
        else size = element.Length < 64 ? 1 + element.Length : element.Length < 4096 ? 2 + element.Length : 5 + element.Length;
        return size + (size <= 127 ? 1 : size < 16383 ? 2 : size < 2097151 ? 3 : size < 268435455 ? 4 : 5);
    }
}
