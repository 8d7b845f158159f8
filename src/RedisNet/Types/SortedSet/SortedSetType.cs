using System.Runtime.CompilerServices;
using RedisNet.Commands.ServerCommands;
using RedisNet.Keyspace;
using RedisNet.Protocol;

namespace RedisNet.Types.SortedSet;

/// <summary>Registers the sorted set with <see cref="TypeNames"/>: TYPE "zset", DEBUG DIGEST, OBJECT ENCODING, MEMORY USAGE.</summary>
public static class SortedSetType
{
    public static readonly RedisValueType Type = new()
    {
        Name = "zset",
        ObjType = 3,
        Copy = v => ((SortedSetValue)v).Clone(),
        DigestValue = (v, d) => Digest((SortedSetValue)v, d),
        Encoding = v => ((SortedSetValue)v).Encoding,
        MemoryUsage = (v, samples) => MemoryUsage((SortedSetValue)v, samples),
    };

    [ModuleInitializer]
    internal static void Register() => TypeNames.Register(typeof(SortedSetValue), Type);

    /// <summary>Redis's xorObjectDigest for a zset: per element SHA1-mix of member then "%.17g" score, xored together.</summary>
    private static void Digest(SortedSetValue z, Digest d)
    {
        var ele = new Digest();
        Span<byte> buf = stackalloc byte[40];
        foreach (var e in z.Entries())
        {
            ele.Clear();
            ele.Mix(ZEntry.Member(e));
            int n = NumberFormat.FormatDouble(ZEntry.Score(e), buf);
            ele.Mix(buf[..n]);
            d.Xor(ele.State);
        }
    }

    /// <summary>
    /// objectComputeSize: a listpack's exact allocation (our layout mirrors what Redis would store),
    /// or for the skiplist the fixed parts plus the sampled per-element average.
    /// </summary>
    private static long MemoryUsage(SortedSetValue z, int samples)
    {
        if (z.IsListpack) return MemoryEstimate.RobjSize + MemoryEstimate.SizeClass(ListpackBytes(z));
        long slots = 4;
        while (slots < z.Count) slots <<= 1;
        long size = MemoryEstimate.RobjSize + 16 + 32 + 56 + slots * 8 + MemoryEstimate.SizeClass(24 + 32 * 16);
        int limit = samples <= 0 ? int.MaxValue : samples, taken = 0;
        long elements = 0;
        for (var c = z.Tree.CursorAt(0); c.Valid && taken < limit; c.MoveNext(), taken++)
        {
            int len = c.Current.Length - 8;
            elements += MemoryEstimate.SizeClass(MemoryEstimate.SdsHeader(len, true) + len + 1)
                + MemoryEstimate.DictEntrySize + MemoryEstimate.SizeClass(24 + 16);
        }
        if (taken > 0) size += (long)((double)elements / taken * z.Count);
        return size;
    }

    /// <summary>Bytes of the listpack Redis would hold: header, member and score entries, end byte.</summary>
    internal static long ListpackBytes(SortedSetValue z)
    {
        long total = 6 + 1;
        Span<byte> buf = stackalloc byte[40];
        foreach (var e in z.Entries())
        {
            total += ListpackEntry(ZEntry.Member(e));
            int n = ScoreString(ZEntry.Score(e), buf);
            total += ListpackEntry(buf[..n]);
        }
        return total;
    }

    /// <summary>Redis's d2string: integers below 2^52 as integers, else %.17g.</summary>
    internal static int ScoreString(double d, Span<byte> buf)
    {
        if (d != 0 && d > -4503599627370495d && d < 4503599627370496d && d == Math.Truncate(d))
            return NumberFormat.FormatInt64((long)d, buf);
        return NumberFormat.FormatDouble(d, buf);
    }

    private static long ListpackEntry(ReadOnlySpan<byte> s)
    {
        long enc;
        if (s.Length <= 20 && NumberFormat.TryParseInt64(s, out long v))
            enc = v is >= 0 and <= 127 ? 1 : v is >= -4096 and <= 4095 ? 2 : v is >= short.MinValue and <= short.MaxValue ? 3
                : v is >= -(1 << 23) and < (1 << 23) ? 4 : v is >= int.MinValue and <= int.MaxValue ? 5 : 9;
        else enc = s.Length < 64 ? 1 + s.Length : s.Length < 4096 ? 2 + s.Length : 5 + s.Length;
        long back = enc <= 127 ? 1 : enc < 16383 ? 2 : enc < 2097151 ? 3 : enc < 268435455 ? 4 : 5;
        return enc + back;
    }
}
