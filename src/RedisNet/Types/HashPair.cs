namespace RedisNet.Types;

/// <summary>
/// A hash field and its value in one array: [field length as a 7-bit varint][field][value].
/// One allocation per field instead of two strings and an entry object.
/// </summary>
public static class HashPair
{
    public static byte[] Create(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        int header = VarintSize(field.Length);
        var pair = new byte[header + field.Length + value.Length];
        uint n = (uint)field.Length;
        int p = 0;
        while (n >= 0x80) { pair[p++] = (byte)(n | 0x80); n >>= 7; }
        pair[p] = (byte)n;
        field.CopyTo(pair.AsSpan(header));
        value.CopyTo(pair.AsSpan(header + field.Length));
        return pair;
    }

    public static ReadOnlySpan<byte> Field(byte[] pair)
    {
        int len = ReadLength(pair, out int header);
        return new ReadOnlySpan<byte>(pair, header, len);
    }

    public static ReadOnlySpan<byte> Value(byte[] pair)
    {
        int len = ReadLength(pair, out int header);
        return new ReadOnlySpan<byte>(pair, header + len, pair.Length - header - len);
    }

    private static int ReadLength(byte[] pair, out int header)
    {
        int b = pair[0];
        if (b < 0x80) { header = 1; return b; }
        int len = 0, shift = 0, p = 0;
        do
        {
            b = pair[p++];
            len |= (b & 0x7F) << shift;
            shift += 7;
        } while (b >= 0x80);
        header = p;
        return len;
    }

    private static int VarintSize(int n)
    {
        int size = 1;
        while (n >= 0x80) { size++; n >>= 7; }
        return size;
    }
}
