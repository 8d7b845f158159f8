using System.Runtime.CompilerServices;
using RedisNet.Commands.ServerCommands;
using RedisNet.Keyspace;

namespace RedisNet.Types.Stream;

/// <summary>The stream type's entry in <see cref="TypeNames"/>: TYPE, DEBUG DIGEST, COPY, OBJECT ENCODING, MEMORY USAGE, DEBUG OBJECT.</summary>
public static class StreamType
{
    public static readonly RedisValueType Type = new()
    {
        Name = "stream",
        ObjType = 6,
        Copy = v => Copy((StreamValue)v),
        DigestValue = (v, d) => Digest((StreamValue)v, d),
        Encoding = _ => "stream",
        MemoryUsage = (v, samples) => MemoryUsage((StreamValue)v, samples),
    };

    [ModuleInitializer]
    internal static void Register() => TypeNames.Register(typeof(StreamValue), Type);

    /// <summary>Redis's xorObjectDigest for streams: each live entry's "ms.seq", then its fields and values, mixed in order.</summary>
    private static void Digest(StreamValue s, Digest d)
    {
        Span<byte> buf = stackalloc byte[41];
        var c = new StreamCursor(s, StreamId.Zero, StreamId.Max, reverse: false);
        while (c.Next(out var id, out var node, out int i))
        {
            int n = id.Format(buf);
            buf[buf[..n].IndexOf((byte)'-')] = (byte)'.';
            d.Mix(buf[..n]);
            var f = node.Fields(i);
            while (f.Next())
            {
                d.Mix(f.Field);
                d.Mix(f.Value);
            }
        }
    }

    private static StreamValue Copy(StreamValue s)
    {
        var copy = new StreamValue
        {
            Length = s.Length, LastId = s.LastId, MaxDeletedId = s.MaxDeletedId, FirstId = s.FirstId, EntriesAdded = s.EntriesAdded,
        };
        foreach (var n in s.Nodes) copy.Nodes.Add(n.Clone());
        if (s.Groups is null) return copy;
        foreach (var g in s.Groups)
        {
            var ng = copy.AddGroup(g.Name, g.LastId, g.EntriesRead)!;
            var byOld = new Dictionary<Consumer, Consumer>();
            foreach (var c in g.Consumers) byOld[c] = ng.AddConsumer(c.Name, c.SeenTime)!;
            foreach (var e in g.Pel.All)
            {
                var owner = byOld[e.Consumer];
                var ne = new PendingEntry(e.Id, owner, e.DeliveryTime, e.DeliveryCount);
                ng.Pel.Add(ne);
                owner.Pel.Add(ne);
            }
        }
        return copy;
    }

    // sizeof(robj), sizeof(stream), sizeof(streamCG), sizeof(streamNACK), sizeof(streamConsumer) on 64-bit Redis 7.0.
    private const long Robj = 16, StreamStruct = 80, GroupStruct = 40, NackStruct = 24, ConsumerStruct = 24;

    /// <summary>
    /// MEMORY USAGE's value part as Redis's objectComputeSize computes it for a stream: the radix
    /// trees' estimate, the first <paramref name="samples"/> listpacks' allocations extrapolated
    /// plus the tail's, and the groups' PELs and consumers.
    /// </summary>
    public static long MemoryUsage(StreamValue s, int samples)
    {
        if (samples == 0) samples = int.MaxValue;
        long size = Robj + StreamStruct + RaxUsage(s.Nodes.Count, RaxNodes(s.Nodes.Select(n => n.Master)));
        long lpSize = 0, sampled = 0;
        foreach (var n in s.Nodes)
        {
            if (sampled >= samples) break;
            lpSize += ListpackAlloc(n);
            sampled++;
        }
        if (s.Nodes.Count <= sampled) size += lpSize;
        else
        {
            if (sampled > 0) lpSize /= sampled;
            size += lpSize * (s.Nodes.Count - 1) + ListpackAlloc(s.Nodes[^1]);
        }
        if (s.Groups is null) return size;
        foreach (var g in s.Groups)
        {
            size += GroupStruct + RaxUsage(g.Pel.Count, RaxNodes(g.Pel.All.Select(e => e.Id))) + NackStruct * g.Pel.Count;
            foreach (var c in g.Consumers)
                size += ConsumerStruct + c.Name.Length + RaxUsage(c.Pel.Count, RaxNodes(c.Pel.All.Select(e => e.Id)));
        }
        return size;
    }

    /// <summary>zmalloc_size of a node's listpack: preallocated until it stops being the tail, then shrunk to fit.</summary>
    private static long ListpackAlloc(StreamNode n) =>
        MemoryEstimate.SizeClass(n.Shrunk ? n.ListpackBytes : Math.Max(n.ListpackBytes, n.Prealloc));

    /// <summary>Redis's streamRadixTreeMemoryUsage: 16 bytes per key and sizeof(raxNode) + 30 pointers per node.</summary>
    private static long RaxUsage(long keys, long nodes) => keys * 16 + nodes * (4 + 8 * 30);

    /// <summary>
    /// The number of nodes of a Redis radix tree holding these 128-bit big-endian keys (given in
    /// order): the root, every key, every prefix where keys diverge and each such prefix's children.
    /// </summary>
    public static long RaxNodes(IEnumerable<StreamId> sortedKeys)
    {
        var prefixes = new HashSet<(int, UInt128)> { (0, UInt128.Zero) };
        UInt128 prev = 0;
        bool first = true;
        foreach (var id in sortedKeys)
        {
            var k = new UInt128(id.Ms, id.Seq);
            prefixes.Add((16, k));
            if (!first)
            {
                int common = (int)(UInt128.LeadingZeroCount(prev ^ k) / 8);
                prefixes.Add((common, Prefix(k, common)));
                prefixes.Add((common + 1, Prefix(k, common + 1)));
                prefixes.Add((common + 1, Prefix(prev, common + 1)));
            }
            prev = k;
            first = false;
        }
        return prefixes.Count;
    }

    private static UInt128 Prefix(UInt128 k, int bytes) => bytes == 0 ? 0 : bytes >= 16 ? k : k & ~(UInt128.MaxValue >> (bytes * 8));
}
