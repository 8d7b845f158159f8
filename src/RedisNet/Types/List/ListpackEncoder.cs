using System.Buffers.Binary;
using RedisNet.Protocol;

namespace RedisNet.Types.List;

/// <summary>
/// Writes a node's elements as Redis's listpack bytes (what RDB files store for each quicklist node,
/// and what DEBUG OBJECT's serializedlength measures): header, entries with their integer or
/// string encodings and back-lengths, end byte. The sizes agree with <see cref="ListpackSize"/>.
/// </summary>
internal static class ListpackEncoder
{
    public static byte[] Encode(ListChunk chunk)
    {
        var lp = new byte[chunk.LpBytes];
        int pos = 6;
        for (int i = 0; i < chunk.Count; i++) pos = WriteEntry(lp, pos, chunk.Get(i));
        lp[pos++] = 0xFF;
        BinaryPrimitives.WriteUInt32LittleEndian(lp, (uint)pos);
        // The count field saturates at 65535 (then readers count the entries), as lpSetNumElements.
        BinaryPrimitives.WriteUInt16LittleEndian(lp.AsSpan(4), (ushort)Math.Min(chunk.Count, 65535));
        return lp;
    }

    private static int WriteEntry(byte[] lp, int pos, ReadOnlySpan<byte> value)
    {
        int start = pos;
        if (value.Length <= 20 && NumberFormat.TryParseInt64(value, out long v))
        {
            if (v is >= 0 and <= 127) lp[pos++] = (byte)v;
            else if (v is >= -4096 and <= 4095)
            {
                ulong u = (ulong)v & 0x1FFF;
                lp[pos++] = (byte)(0xC0 | (u >> 8));
                lp[pos++] = (byte)u;
            }
            else pos = WriteInt(lp, pos, v);
        }
        else if (value.Length < 64)
        {
            lp[pos++] = (byte)(0x80 | value.Length);
            value.CopyTo(lp.AsSpan(pos));
            pos += value.Length;
        }
        else if (value.Length < 4096)
        {
            lp[pos++] = (byte)(0xE0 | (value.Length >> 8));
            lp[pos++] = (byte)value.Length;
            value.CopyTo(lp.AsSpan(pos));
            pos += value.Length;
        }
        else
        {
            lp[pos++] = 0xF0;
            BinaryPrimitives.WriteUInt32LittleEndian(lp.AsSpan(pos), (uint)value.Length);
            pos += 4;
            value.CopyTo(lp.AsSpan(pos));
            pos += value.Length;
        }
        return WriteBackLen(lp, pos, pos - start);
    }

    /// <summary>16, 24, 32 or 64-bit two's complement, little endian, after its type byte.</summary>
    private static int WriteInt(byte[] lp, int pos, long v)
    {
        int bytes = v is >= short.MinValue and <= short.MaxValue ? 2 : v is >= -8388608 and <= 8388607 ? 3 : v is >= int.MinValue and <= int.MaxValue ? 4 : 8;
        lp[pos++] = bytes switch { 2 => 0xF1, 3 => 0xF2, 4 => 0xF3, _ => 0xF4 };
        for (int i = 0; i < bytes; i++) lp[pos++] = (byte)((ulong)v >> (8 * i));
        return pos;
    }

    /// <summary>The entry's length, written so it can be read backwards: 7 bits per byte, the last byte read first.</summary>
    private static int WriteBackLen(byte[] lp, int pos, int len)
    {
        int n = len <= 127 ? 1 : len < 16383 ? 2 : len < 2097151 ? 3 : len < 268435455 ? 4 : 5;
        for (int i = n - 1; i >= 0; i--)
        {
            int shift = 7 * (n - 1 - i);
            byte b = (byte)((len >> shift) & 127);
            if (i != 0) b |= 128; // every byte but the first read (the last one walking backwards)
            lp[pos + i] = b;
        }
        return pos + n;
    }
}
