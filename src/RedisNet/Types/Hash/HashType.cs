using System.Runtime.CompilerServices;
using RedisNet.Commands.ServerCommands;
using RedisNet.Keyspace;

namespace RedisNet.Types.Hash;

/// <summary>The hash type's entry in <see cref="TypeNames"/>: TYPE "hash", object type 4, digest, encoding, memory.</summary>
public static class HashType
{
    [ModuleInitializer]
    internal static void Register() => TypeNames.Register(typeof(HashValue), new RedisValueType
    {
        Name = "hash",
        ObjType = 4,
        Copy = v => ((HashValue)v).Clone(),
        DigestValue = (v, d) => Digest((HashValue)v, d),
        Encoding = v => ((HashValue)v).IsListpack ? "listpack" : "hashtable",
        MemoryUsage = (v, samples) => MemoryUsage((HashValue)v, samples),
    });

    /// <summary>As xorObjectDigest: per field, a digest mixing field then value, xored into the key's digest (order-free).</summary>
    private static void Digest(HashValue h, Keyspace.Digest d)
    {
        var element = new Keyspace.Digest();
        for (int i = 0; i < h.SlotCount; i++)
        {
            if (!h.TryGetAt(i, out var pair)) continue;
            element.Clear();
            element.Mix(HashPair.Field(pair));
            element.Mix(HashPair.Value(pair));
            d.Xor(element.State);
        }
    }

    /// <summary>
    /// objectComputeSize for hashes: the listpack's allocation, or the dict (struct, bucket pointers)
    /// plus the average of the first <paramref name="samples"/> fields' sds strings and entries times the count.
    /// </summary>
    private static long MemoryUsage(HashValue h, int samples)
    {
        if (h.IsListpack)
        {
            long bytes = ListpackSize.Empty;
            for (int i = 0; i < h.SlotCount; i++)
            {
                h.TryGetAt(i, out var pair);
                bytes += ListpackSize.Entry(HashPair.Field(pair)) + ListpackSize.Entry(HashPair.Value(pair));
            }
            return MemoryEstimate.RobjSize + MemoryEstimate.SizeClass(bytes);
        }
        var table = h.Table!;
        long size = MemoryEstimate.RobjSize + DictStructSize + 8L * table.BucketCount;
        long elements = 0, seen = 0;
        for (int i = 0; i < table.SlotCount && (samples <= 0 || seen < samples); i++)
        {
            if (!table.IsOccupied(i)) continue;
            var pair = table.ItemAt(i);
            elements += SdsSize(HashPair.Field(pair).Length) + SdsSize(HashPair.Value(pair).Length) + DictEntrySize;
            seen++;
        }
        if (seen > 0) size += (long)((double)elements / seen * table.Count);
        return size;
    }

    internal const int DictStructSize = 56, DictEntrySize = 24;

    internal static long SdsSize(int length) => MemoryEstimate.SizeClass(MemoryEstimate.SdsHeader(length, true) + length + 1);
}
