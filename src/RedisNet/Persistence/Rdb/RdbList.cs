using System.Runtime.CompilerServices;
using RedisNet.Types.List;

namespace RedisNet.Persistence.Rdb;

/// <summary>
/// Lists in RDB as Redis 7.0 writes them (RDB_TYPE_LIST_QUICKLIST_2): the node count, then per node
/// its container (2 = packed, 1 = plain) and its listpack (or the plain element) as a string.
/// Loading keeps the stored node boundaries (quicklistAppendListpack), skips empty listpacks and
/// drops a list that ends up empty.
/// </summary>
internal static class RdbList
{
    [ModuleInitializer]
    internal static void Register()
    {
        RdbCodecs.RegisterWriter(typeof(ListValue), new RdbValueCodec { TypeOf = _ => RdbFormat.TypeListQuicklist2, Save = (w, v) => Save(w, (ListValue)v) });
        RdbCodecs.RegisterLoader(RdbFormat.TypeListQuicklist2, Load);
    }

    private static void Save(RdbWriter w, ListValue l)
    {
        w.WriteLength(l.ChunkCount);
        for (int i = 0; i < l.ChunkCount; i++)
        {
            // Plain nodes exist in Redis only for elements of 1 GB and more (packed_threshold): every node here is packed.
            w.WriteLength(RdbFormat.QuicklistNodePacked);
            w.WriteString(ListpackEncoder.Encode(l.ChunkAt(i)));
        }
    }

    private static object? Load(RdbReader r, RdbLoadContext ctx)
    {
        int nodes = r.ReadCount();
        if (nodes == 0) return null;
        var list = new ListValue(ctx.Config.ListMaxListpackSize, ctx.Config.ListCompressDepth);
        byte[]? scratch = null;
        while (nodes-- > 0)
        {
            long container = r.ReadLength();
            if (container is not (RdbFormat.QuicklistNodePacked or RdbFormat.QuicklistNodePlain))
                throw new RdbFormatException("Quicklist integrity check failed.");
            var data = r.ReadStringSpan(ref scratch);
            if (data.Length == 0) throw new RdbFormatException("empty quicklist node");
            var chunk = new ListChunk(Math.Max(16, data.Length));
            if (container == RdbFormat.QuicklistNodePlain) chunk.Insert(0, data);
            else
            {
                ctx.CountSanitization();
                var lp = new Listpack(data, ctx.DeepSanitize, "Listpack integrity check failed.");
                while (lp.Next(out var element)) chunk.Insert(chunk.Count, element);
                if (chunk.Count == 0) continue; // Redis silently skips empty listpacks
            }
            list.AppendChunk(chunk);
        }
        return list.Count == 0 ? null : list;
    }
}
