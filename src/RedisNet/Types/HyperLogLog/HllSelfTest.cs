using System.Text;
using RedisNet.Keyspace;

namespace RedisNet.Types.HyperLogLog;

/// <summary>
/// PFSELFTEST's checks: the 6-bit register packing reads back what was written, and the sparse and
/// dense encodings give the same estimates, within the expected error, as elements are added.
/// </summary>
public static class HllSelfTest
{
    /// <summary>Null when every check passes, otherwise what failed.</summary>
    public static string? Run()
    {
        var rng = new Random(1234);
        var regs = new byte[HllFormat.DenseSize - HllFormat.HeaderSize];
        var expected = new byte[HllFormat.Registers];
        for (int round = 0; round < 100; round++)
        {
            for (int i = 0; i < HllFormat.Registers; i++)
            {
                expected[i] = (byte)rng.Next(64);
                HllDense.Put(regs, i, expected[i]);
            }
            for (int i = 0; i < HllFormat.Registers; i++)
                if (HllDense.Get(regs, i) != expected[i])
                    return $"Register {i} should be {expected[i]} but is {HllDense.Get(regs, i)}";
        }

        var sparse = new MutableString(HllFormat.NewSparse(), 64);
        var dense = new MutableString(HllFormat.NewSparse(), 64);
        HllSparse.ToDense(dense);
        double relErr = 1.04 / Math.Sqrt(HllFormat.Registers);
        long checkpoint = 1;
        Span<byte> element = stackalloc byte[20];
        for (long j = 1; j <= 100_000; j++)
        {
            Encoding.ASCII.GetBytes(j.ToString(), element);
            var ele = element[..j.ToString().Length];
            int count = HllFormat.PatternLength(ele, out int index);
            if (HllFormat.IsDense(sparse.Span)) HllDense.Set(sparse.Span[HllFormat.HeaderSize..], index, count);
            else HllSparse.Set(sparse, index, count, 3000);
            HllDense.Set(dense.Span[HllFormat.HeaderSize..], index, count);
            if (j != checkpoint) continue;
            if (!Hll.TryCount(sparse.Span, out ulong a) || !Hll.TryCount(dense.Span, out ulong b))
                return "Corrupted HLL while testing";
            if (a != b) return $"Sparse and dense estimates differ at {j}: {a} vs {b}";
            double maxErr = Math.Max(relErr * 6 * j, 1);
            if (Math.Abs((double)b - j) > maxErr) return $"Too big error. card:{j} abserr:{Math.Abs((double)b - j)}";
            checkpoint *= 10;
        }
        return null;
    }
}
