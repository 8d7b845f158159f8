using System.Runtime.CompilerServices;
using RedisNet.Commands.ServerCommands;
using RedisNet.Keyspace;

namespace RedisNet.Types.List;

/// <summary>Registers the list type with the generic key commands (TYPE, COPY, DEBUG DIGEST, OBJECT ENCODING, MEMORY USAGE).</summary>
internal static class ListType
{
    // sizeof(robj) + sizeof(quicklist), and sizeof(quicklistNode), on 64-bit Redis 7.0.
    private const int RobjAndQuicklist = 16 + 40, NodeSize = 40;

    [ModuleInitializer]
    internal static void Register() => TypeNames.Register(typeof(ListValue), new RedisValueType
    {
        Name = "list",
        ObjType = 1,
        Copy = v => ((ListValue)v).Clone(),
        // Redis mixes each element, head to tail, as a string (integers in their decimal form).
        DigestValue = (v, d) =>
        {
            var l = (ListValue)v;
            if (l.Count == 0) return;
            for (var c = l.CursorAt(0); c.Valid; c.Next()) d.Mix(c.Current);
        },
        // Redis 7.0 stores every list as a quicklist (a single listpack encoding arrived in 7.2).
        Encoding = _ => "quicklist",
        MemoryUsage = (v, samples) => MemoryUsage((ListValue)v, samples),
        DebugObjectFields = v => DebugFields((ListValue)v),
    });

    /// <summary>DEBUG OBJECT's quicklist fields: nodes, average entries per node, fill, compression, listpack bytes.</summary>
    private static string DebugFields(ListValue l)
    {
        long bytes = 0;
        for (int i = 0; i < l.ChunkCount; i++) bytes += l.ChunkAt(i).LpBytes;
        double avg = l.ChunkCount == 0 ? 0 : (double)l.Count / l.ChunkCount;
        return FormattableString.Invariant($" ql_nodes:{l.ChunkCount} ql_avg_node:{avg:F2} ql_listpack_max:{l.Fill} ql_compressed:{(l.CompressDepth != 0 ? 1 : 0)} ql_uncompressed_size:{bytes}");
    }

    /// <summary>objectComputeSize for a quicklist: the average of the first SAMPLES nodes (node + listpack allocation) times the node count.</summary>
    private static long MemoryUsage(ListValue l, int samples)
    {
        int nodes = l.ChunkCount;
        if (nodes == 0) return RobjAndQuicklist;
        int n = samples <= 0 ? nodes : Math.Min(samples, nodes);
        long sum = 0;
        for (int i = 0; i < n; i++) sum += NodeSize + MemoryEstimate.SizeClass(l.ChunkAt(i).LpBytes);
        return RobjAndQuicklist + (long)((double)sum / n * nodes);
    }
}
