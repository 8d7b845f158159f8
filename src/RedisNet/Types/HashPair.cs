namespace RedisNet.Types;

/// <summary>
/// A hash field and its value in one run of bytes: [field length as a 7-bit varint][field][value].
/// One allocation per listpack field, one record per hashtable field (<see cref="BlobTable"/>).
/// </summary>
public static class HashPair
{
    public static int Size(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value) => BlobTable.VarintSize(field.Length) + field.Length + value.Length;

    public static byte[] Create(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        var pair = new byte[Size(field, value)];
        Write(field, value, pair);
        return pair;
    }

    /// <summary>Writes the pair into <paramref name="dest"/>, which holds exactly <see cref="Size"/> bytes.</summary>
    public static void Write(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value, Span<byte> dest)
    {
        uint n = (uint)field.Length;
        int p = 0;
        while (n >= 0x80) { dest[p++] = (byte)(n | 0x80); n >>= 7; }
        dest[p++] = (byte)n;
        field.CopyTo(dest[p..]);
        value.CopyTo(dest[(p + field.Length)..]);
    }

    public static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> pair)
    {
        int p = 0;
        int len = BlobTable.ReadVarint(pair, ref p);
        return pair.Slice(p, len);
    }

    public static ReadOnlySpan<byte> Value(ReadOnlySpan<byte> pair)
    {
        int p = 0;
        int len = BlobTable.ReadVarint(pair, ref p);
        return pair[(p + len)..];
    }
}
