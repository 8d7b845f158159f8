namespace RedisNet.Types.HyperLogLog;

/// <summary>
/// The dense encoding: 16384 registers of 6 bits packed little-endian-first into 12288 bytes
/// (register i starts at bit 6*i, low bits in the lower byte), as Redis packs them.
/// </summary>
public static class HllDense
{
    public static int Get(ReadOnlySpan<byte> regs, int i)
    {
        int pos = i * HllFormat.RegisterBits, b = pos >> 3, fb = pos & 7;
        int b0 = regs[b];
        int b1 = b + 1 < regs.Length ? regs[b + 1] : 0;
        return ((b0 >> fb) | (b1 << (8 - fb))) & 63;
    }

    public static void Put(Span<byte> regs, int i, int value)
    {
        int pos = i * HllFormat.RegisterBits, b = pos >> 3, fb = pos & 7;
        regs[b] = (byte)((regs[b] & ~(63 << fb)) | (value << fb));
        // The last register fits in its byte; there is no byte after it.
        if (b + 1 < regs.Length)
            regs[b + 1] = (byte)((regs[b + 1] & ~(63 >> (8 - fb))) | (value >> (8 - fb)));
    }

    /// <summary>Raises register i to <paramref name="count"/>; true when that changed it.</summary>
    public static bool Set(Span<byte> regs, int i, int count)
    {
        if (Get(regs, i) >= count) return false;
        Put(regs, i, count);
        return true;
    }

    // Every 3 bytes hold exactly 4 registers, so whole-table passes decode them a group at a time.
    private static (int, int, int, int) Group(ReadOnlySpan<byte> regs, int g)
    {
        int b0 = regs[g * 3], b1 = regs[g * 3 + 1], b2 = regs[g * 3 + 2];
        return (b0 & 63, (b0 >> 6) | ((b1 & 15) << 2), (b1 >> 4) | ((b2 & 3) << 4), b2 >> 2);
    }

    public static void Histogram(ReadOnlySpan<byte> regs, Span<int> histo)
    {
        for (int g = 0; g < HllFormat.Registers / 4; g++)
        {
            var (r0, r1, r2, r3) = Group(regs, g);
            histo[r0]++;
            histo[r1]++;
            histo[r2]++;
            histo[r3]++;
        }
    }

    /// <summary>max[i] = MAX(max[i], register i).</summary>
    public static void MergeInto(ReadOnlySpan<byte> regs, Span<byte> max)
    {
        for (int g = 0; g < HllFormat.Registers / 4; g++)
        {
            var (r0, r1, r2, r3) = Group(regs, g);
            var m = max.Slice(g * 4, 4);
            if (r0 > m[0]) m[0] = (byte)r0;
            if (r1 > m[1]) m[1] = (byte)r1;
            if (r2 > m[2]) m[2] = (byte)r2;
            if (r3 > m[3]) m[3] = (byte)r3;
        }
    }
}
