using System.Numerics;
using System.Runtime.InteropServices;

namespace RedisNet.Commands.Bitmaps;

/// <summary>Counting and searching bits over byte spans (hardware popcount, vectorized byte scans).</summary>
internal static class BitScan
{
    /// <summary>Number of set bits: 64 bits per POPCNT, then the tail bytes.</summary>
    public static long PopCount(ReadOnlySpan<byte> s)
    {
        long n = 0;
        var words = MemoryMarshal.Cast<byte, ulong>(s);
        foreach (ulong w in words) n += BitOperations.PopCount(w);
        for (int i = words.Length * 8; i < s.Length; i++) n += BitOperations.PopCount(s[i]);
        return n;
    }

    private static int BitAt(ReadOnlySpan<byte> s, long pos) => (s[(int)(pos >> 3)] >> (7 - (int)(pos & 7))) & 1;

    /// <summary>
    /// The first bit equal to <paramref name="bit"/> in bit positions <paramref name="from"/>..<paramref name="to"/>
    /// (inclusive, both inside <paramref name="s"/>), or -1.
    /// </summary>
    public static long FindBit(ReadOnlySpan<byte> s, long from, long to, int bit)
    {
        long b = from;
        for (; b <= to && (b & 7) != 0; b++)
            if (BitAt(s, b) == bit) return b;
        long firstByte = b >> 3, lastByte = ((to + 1) >> 3) - 1; // bytes wholly inside the range
        if (b <= to && lastByte >= firstByte)
        {
            var whole = s.Slice((int)firstByte, (int)(lastByte - firstByte + 1));
            int i = whole.IndexOfAnyExcept(bit == 1 ? (byte)0 : (byte)0xFF);
            if (i >= 0)
            {
                uint v = bit == 1 ? whole[i] : (uint)(byte)~whole[i];
                return (firstByte + i) * 8 + BitOperations.LeadingZeroCount(v) - 24;
            }
            b = (lastByte + 1) * 8;
        }
        for (; b <= to; b++)
            if (BitAt(s, b) == bit) return b;
        return -1;
    }
}
