namespace RedisNet.Server;

/// <summary>
/// A per-command latency histogram in nanoseconds with the same bucketing as Redis's HDR histogram
/// (1 ns to 1 s, 2 significant digits): exact below 256 ns, then 128 sub-buckets per power of two.
/// Reported values are a bucket's highest equivalent value, so INFO latencystats and LATENCY
/// HISTOGRAM print the same numbers Redis would for the same samples.
/// </summary>
public sealed class LatencyHistogram
{
    private const long MaxValue = 1_000_000_000;
    private const int ExactLimit = 256;   // values below this have their own bucket
    private const int HalfSub = 128;
    private const int MaxShift = 23;      // floor(log2(1e9)) - 7
    private readonly long[] _counts = new long[ExactLimit + MaxShift * HalfSub];
    public long TotalCount { get; private set; }

    public void Record(long ns)
    {
        if (ns < 1) ns = 1;
        else if (ns > MaxValue) ns = MaxValue;
        _counts[IndexOf(ns)]++;
        TotalCount++;
    }

    private static int Shift(long v) => v < ExactLimit ? 0 : 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)v) - 7;

    internal static int IndexOf(long v)
    {
        int k = Shift(v);
        if (k == 0) return (int)v;
        return ExactLimit + (k - 1) * HalfSub + (int)((v >> k) - HalfSub);
    }

    /// <summary>The largest value that falls in the same bucket as the one at <paramref name="index"/>.</summary>
    internal static long HighestEquivalent(int index)
    {
        if (index < ExactLimit) return index;
        int k = (index - ExactLimit) / HalfSub + 1;
        long sub = (index - ExactLimit) % HalfSub + HalfSub;
        return (sub << k) + (1L << k) - 1;
    }

    public static long HighestEquivalentValue(long v) => HighestEquivalent(IndexOf(Math.Clamp(v, 1, MaxValue)));

    /// <summary>hdr_value_at_percentile: the highest equivalent value below which the percentile of samples fall.</summary>
    public long ValueAtPercentile(double percentile)
    {
        double p = Math.Min(percentile, 100.0);
        long target = Math.Max(1, (long)(p / 100 * TotalCount + 0.5));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= target) return HighestEquivalent(i);
        }
        return 0;
    }

    /// <summary>
    /// Cumulative counts at power-of-two levels from 1024 ns (HDR log iteration, base 2), listing a
    /// level only when the count grew: the pairs LATENCY HISTOGRAM prints (microseconds, count).
    /// </summary>
    public List<(long Usec, long Count)> CumulativeByPowerOfTwo()
    {
        var result = new List<(long, long)>();
        long previous = 0, cumulative = 0;
        int next = 0;
        for (long level = 1024; cumulative < TotalCount && level <= MaxValue * 2; level *= 2)
        {
            int upTo = IndexOf(Math.Min(level, MaxValue));
            for (; next <= upTo; next++) cumulative += _counts[next];
            if (cumulative > previous)
            {
                result.Add((HighestEquivalentValue(level) / 1000, cumulative));
                previous = cumulative;
            }
        }
        return result;
    }

    public void Reset()
    {
        Array.Clear(_counts);
        TotalCount = 0;
    }
}
