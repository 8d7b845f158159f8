namespace RedisNet.Cluster;

/// <summary>
/// Key → hash slot, as Redis Cluster defines it: CRC16 (XMODEM: polynomial 0x1021, initial 0)
/// of the key, or of its hash tag (the bytes between the first '{' and the next '}', when not
/// empty), modulo 16384.
/// </summary>
public static class HashSlot
{
    public const int Count = 16384;
    private static readonly ushort[] Table = BuildTable();

    private static ushort[] BuildTable()
    {
        var t = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            int crc = i << 8;
            for (int b = 0; b < 8; b++) crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            t[i] = (ushort)crc;
        }
        return t;
    }

    public static ushort Crc16(ReadOnlySpan<byte> data)
    {
        ushort crc = 0;
        foreach (var b in data) crc = (ushort)((crc << 8) ^ Table[((crc >> 8) ^ b) & 0xFF]);
        return crc;
    }

    public static int Of(ReadOnlySpan<byte> key)
    {
        int open = key.IndexOf((byte)'{');
        if (open >= 0)
        {
            int close = key.Slice(open + 1).IndexOf((byte)'}');
            if (close > 0) key = key.Slice(open + 1, close);
        }
        return Crc16(key) & (Count - 1);
    }
}
