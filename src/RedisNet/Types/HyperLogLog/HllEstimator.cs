namespace RedisNet.Types.HyperLogLog;

/// <summary>
/// Redis 7.0's cardinality estimate from the register histogram: Otmar Ertl's improved raw
/// estimator ("New cardinality estimation algorithms for HyperLogLog sketches", arXiv:1702.01284),
/// computed with the same double-precision steps so the result matches to the unit.
/// </summary>
public static class HllEstimator
{
    private const double AlphaInf = 0.721347520444481703680; // 1 / (2 ln 2)

    /// <summary><paramref name="histo"/> has 64 slots: histo[v] = number of registers holding v.</summary>
    public static ulong Estimate(ReadOnlySpan<int> histo)
    {
        const double m = HllFormat.Registers;
        double z = m * Tau((m - histo[HllFormat.Q + 1]) / m);
        for (int j = HllFormat.Q; j >= 1; j--)
        {
            z += histo[j];
            z *= 0.5;
        }
        z += m * Sigma(histo[0] / m);
        return (ulong)(long)Math.Round(AlphaInf * m * m / z, MidpointRounding.AwayFromZero);
    }

    private static double Sigma(double x)
    {
        if (x == 1.0) return double.PositiveInfinity;
        double y = 1, z = x, zPrime;
        do
        {
            x *= x;
            zPrime = z;
            z += x * y;
            y += y;
        } while (zPrime != z);
        return z;
    }

    private static double Tau(double x)
    {
        if (x == 0.0 || x == 1.0) return 0.0;
        double y = 1.0, z = 1 - x, zPrime;
        do
        {
            x = Math.Sqrt(x);
            zPrime = z;
            y *= 0.5;
            z -= Math.Pow(1 - x, 2) * y;
        } while (zPrime != z);
        return z / 3;
    }
}
