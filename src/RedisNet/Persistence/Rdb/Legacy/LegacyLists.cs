using RedisNet.Types.List;

namespace RedisNet.Persistence.Rdb.Legacy;

/// <summary>
/// Lists in the encodings Redis 7.0 still loads but no longer writes, built as its rdbLoadObject
/// builds them: a quicklist with the current list-max-listpack-size and list-compress-depth.
/// </summary>
internal static class LegacyLists
{
    private static ListValue NewList(RdbLoadContext ctx) => new(ctx.Config.ListMaxListpackSize, ctx.Config.ListCompressDepth);

    /// <summary>RDB_TYPE_LIST (before Redis 3.2): a count and the elements, pushed at the tail one by one.</summary>
    public static object? LoadLinkedList(RdbReader r, RdbLoadContext ctx)
    {
        int n = r.ReadCount();
        if (n == 0) return null;
        var list = NewList(ctx);
        byte[]? scratch = null;
        for (int i = 0; i < n; i++) list.PushTail(r.ReadStringSpan(ref scratch));
        return list;
    }

    /// <summary>RDB_TYPE_LIST_ZIPLIST (Redis 2.6 to 3.0): one ziplist whose entries are pushed at the tail, so nodes split by today's fill.</summary>
    public static object? LoadZiplist(RdbReader r, RdbLoadContext ctx)
    {
        var blob = r.ReadString();
        var list = NewList(ctx);
        var zl = new ZiplistReader(blob);
        Span<byte> digits = stackalloc byte[20];
        while (zl.Next(out var e)) list.PushTail(e.AsBytes(digits));
        return list.Count == 0 ? null : list;
    }

    /// <summary>
    /// RDB_TYPE_LIST_QUICKLIST (Redis 3.2 to 6.2): a node count, then each node's ziplist. Each
    /// becomes one node as it is (converted to a listpack, not re-split); empty ones are skipped.
    /// </summary>
    public static object? LoadQuicklist(RdbReader r, RdbLoadContext ctx)
    {
        int nodes = r.ReadCount();
        if (nodes == 0) return null;
        var list = NewList(ctx);
        Span<byte> digits = stackalloc byte[20];
        byte[]? scratch = null;
        for (int i = 0; i < nodes; i++)
        {
            var blob = r.ReadStringSpan(ref scratch);
            if (blob.Length == 0) throw new RdbFormatException("Quicklist node with an empty ziplist blob");
            var zl = new ZiplistReader(blob);
            var node = new ListChunk(Math.Max(16, blob.Length));
            while (zl.Next(out var e)) node.Insert(node.Count, e.AsBytes(digits));
            list.AppendLoadedNode(node);
        }
        return list.Count == 0 ? null : list;
    }
}
