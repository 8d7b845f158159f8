using System.Runtime.CompilerServices;
using RedisNet.Commands.ServerCommands;
using RedisNet.Keyspace;
using RedisNet.Types.Hash;

namespace RedisNet.Types.Set;

/// <summary>The set type's entry in <see cref="TypeNames"/>: TYPE "set", object type 2, digest, encoding, memory.</summary>
public static class SetType
{
    [ModuleInitializer]
    internal static void Register() => TypeNames.Register(typeof(SetValue), new RedisValueType
    {
        Name = "set",
        ObjType = 2,
        Copy = v => ((SetValue)v).Clone(),
        // As xorObjectDigest: each member (integers as text) xored in, so order does not matter.
        DigestValue = (v, d) => { foreach (var m in ((SetValue)v).Members()) d.Xor(m); },
        Encoding = v => ((SetValue)v).IsIntset ? "intset" : "hashtable",
        MemoryUsage = (v, samples) => MemoryUsage((SetValue)v, samples),
    });

    /// <summary>objectComputeSize for sets: the intset's allocation, or the dict plus sampled members times the count.</summary>
    private static long MemoryUsage(SetValue s, int samples)
    {
        if (s.Ints is { } ints) return MemoryEstimate.RobjSize + MemoryEstimate.SizeClass(8 + (long)ints.Count * ints.Width);
        var table = s.Table!;
        long size = MemoryEstimate.RobjSize + HashType.DictStructSize + 8L * table.BucketCount;
        long elements = 0, seen = 0;
        for (int i = 0; i < table.SlotCount && (samples <= 0 || seen < samples); i++)
        {
            if (!table.IsOccupied(i)) continue;
            elements += HashType.SdsSize(table.ItemAt(i).Length) + HashType.DictEntrySize;
            seen++;
        }
        if (seen > 0) size += (long)((double)elements / seen * table.Count);
        return size;
    }
}
