namespace RedisNet.Types.HyperLogLog;

/// <summary>Operations on a whole HLL string, whichever its encoding.</summary>
public static class Hll
{
    /// <summary>The estimated cardinality of a valid HLL (dense or sparse); false when its opcodes are corrupt.</summary>
    public static bool TryCount(ReadOnlySpan<byte> hll, out ulong card)
    {
        Span<int> histo = stackalloc int[64];
        histo.Clear();
        var regs = hll[HllFormat.HeaderSize..];
        card = 0;
        if (HllFormat.IsDense(hll)) HllDense.Histogram(regs, histo);
        else if (!HllSparse.Histogram(regs, histo)) return false;
        card = HllEstimator.Estimate(histo);
        return true;
    }

    /// <summary>The cardinality of raw registers (one byte each), as PFCOUNT of several keys computes it.</summary>
    public static ulong CountRaw(ReadOnlySpan<byte> registers)
    {
        Span<int> histo = stackalloc int[64];
        histo.Clear();
        foreach (byte r in registers) histo[r & 63]++;
        return HllEstimator.Estimate(histo);
    }

    /// <summary>max[i] = MAX(max[i], register i of <paramref name="hll"/>); false when corrupt.</summary>
    public static bool MergeInto(ReadOnlySpan<byte> hll, Span<byte> max)
    {
        var regs = hll[HllFormat.HeaderSize..];
        if (!HllFormat.IsDense(hll)) return HllSparse.MergeInto(regs, max);
        HllDense.MergeInto(regs, max);
        return true;
    }
}
