using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace RedisNet.Persistence.Rdb;

/// <summary>
/// CRC-64/Jones as Redis computes it for RDB files and DUMP payloads (reflected polynomial
/// 0x95AC9329AC4BC9B5, init 0, no final xor; check value of "123456789" is 0xE9C6D914C4B8D9CA).
/// Slicing by 8, so checksumming a snapshot costs little next to writing it.
/// </summary>
public static class Crc64
{
    private static readonly ulong[][] Tables = Build();

    private static ulong[][] Build()
    {
        const ulong poly = 0x95AC9329AC4BC9B5UL;
        var t = new ulong[8][];
        for (int k = 0; k < 8; k++) t[k] = new ulong[256];
        for (ulong n = 0; n < 256; n++)
        {
            ulong c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ poly : c >> 1;
            t[0][n] = c;
        }
        for (int n = 0; n < 256; n++)
            for (int k = 1; k < 8; k++)
                t[k][n] = t[0][t[k - 1][n] & 0xff] ^ (t[k - 1][n] >> 8);
        return t;
    }

    public static ulong Compute(ReadOnlySpan<byte> data) => Update(0, data);

    /// <summary>Continues a CRC over more bytes (a file is checksummed as it is written or read).</summary>
    public static ulong Update(ulong crc, ReadOnlySpan<byte> data)
    {
        var t = Tables;
        ulong[] t0 = t[0], t1 = t[1], t2 = t[2], t3 = t[3], t4 = t[4], t5 = t[5], t6 = t[6], t7 = t[7];
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            crc ^= BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i, 8));
            crc = t7[crc & 0xff] ^ t6[(crc >> 8) & 0xff] ^ t5[(crc >> 16) & 0xff] ^ t4[(crc >> 24) & 0xff]
                ^ t3[(crc >> 32) & 0xff] ^ t2[(crc >> 40) & 0xff] ^ t1[(crc >> 48) & 0xff] ^ t0[crc >> 56];
        }
        for (; i < data.Length; i++) crc = t0[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
        return crc;
    }
}
