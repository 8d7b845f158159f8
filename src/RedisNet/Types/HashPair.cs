namespace RedisNet.Types;

/// <summary>
/// A hash field and its value in one run of bytes: [field length as a 7-bit varint][field][value].
/// One allocation per listpack field, one record per hashtable field (<see cref="BlobTable"/>).
/// </summary>
public static class HashPair
{
    public static byte[] Create(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        int header = BlobTable.VarintSize(field.Length);
        var pair = new byte[header + field.Length + value.Length];
        uint n = (uint)field.Length;
        int p = 0;
        while (n >= 0x80) { pair[p++] = (byte)(n | 0x80); n >>= 7; }
        pair[p] = (byte)n;
        field.CopyTo(pair.AsSpan(header));
        value.CopyTo(pair.AsSpan(header + field.Length));
        return pair;
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
