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

    public static void Histogram(ReadOnlySpan<byte> regs, Span<int> histo)
    {
        for (int i = 0; i < HllFormat.Registers; i++) histo[Get(regs, i)]++;
    }

    /// <summary>max[i] = MAX(max[i], register i).</summary>
    public static void MergeInto(ReadOnlySpan<byte> regs, Span<byte> max)
    {
        for (int i = 0; i < HllFormat.Registers; i++)
        {
            int v = Get(regs, i);
            if (v > max[i]) max[i] = (byte)v;
        }
    }
}
