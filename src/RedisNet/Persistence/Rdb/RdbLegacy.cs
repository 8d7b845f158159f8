using System.Runtime.CompilerServices;
using RedisNet.PubSub;
using RedisNet.Types.Hash;
using RedisNet.Types.List;

namespace RedisNet.Persistence.Rdb;

/// <summary>
/// Loaders for the encodings older Redis versions wrote and 7.0 still reads (it never writes them):
/// plain lists, ziplist lists and quicklists of ziplists, zipmap and ziplist hashes, ziplist sorted
/// sets. Each becomes what Redis 7.0 makes of it on load: quicklists of listpack-like nodes, and
/// listpack hashes/sorted sets converted when over the local limits. (Text-score sorted sets are
/// in <see cref="RdbZset"/>, Redis 5/6 streams in the stream reader.)
/// </summary>
internal static class RdbLegacy
{
    [ModuleInitializer]
    internal static void Register()
    {
        RdbCodecs.RegisterLoader(RdbFormat.TypeList, LoadPlainList);
        RdbCodecs.RegisterLoader(RdbFormat.TypeListZiplist, LoadZiplistList);
        RdbCodecs.RegisterLoader(RdbFormat.TypeListQuicklist, LoadQuicklist);
        RdbCodecs.RegisterLoader(RdbFormat.TypeHashZiplist, (r, ctx) =>
            RdbHash.FromListpack(Converted(r, "Hash ziplist integrity check failed."), ctx, checkDuplicates: true, "Hash ziplist integrity check failed."));
        RdbCodecs.RegisterLoader(RdbFormat.TypeZsetZiplist, (r, ctx) =>
            RdbZset.FromListpack(Converted(r, "Zset ziplist integrity check failed."), ctx, "Zset ziplist integrity check failed."));
        RdbCodecs.RegisterLoader(RdbFormat.TypeHashZipmap, LoadZipmap);
    }

    private static byte[] Converted(RdbReader r, string what)
    {
        byte[]? scratch = null;
        return Ziplist.ToListpack(r.ReadStringSpan(ref scratch), what, out _);
    }

    private static ListValue NewList(RdbLoadContext ctx) => new(ctx.Config.ListMaxListpackSize, ctx.Config.ListCompressDepth);

    /// <summary>RDB_TYPE_LIST: a count and the elements, pushed one by one (so nodes split under the local fill).</summary>
    private static object? LoadPlainList(RdbReader r, RdbLoadContext ctx)
    {
        int len = r.ReadCount();
        if (len == 0) return null;
        var list = NewList(ctx);
        byte[]? scratch = null;
        while (len-- > 0) list.PushTail(r.ReadStringSpan(ref scratch));
        return list;
    }

    /// <summary>RDB_TYPE_LIST_ZIPLIST: one ziplist whose entries are pushed one by one.</summary>
    private static object? LoadZiplistList(RdbReader r, RdbLoadContext ctx)
    {
        byte[]? scratch = null;
        var zl = new Ziplist(r.ReadStringSpan(ref scratch), "List ziplist integrity check failed.");
        var list = NewList(ctx);
        while (zl.Next(out var v)) list.PushTail(v);
        return list.Count == 0 ? null : list;
    }

    /// <summary>RDB_TYPE_LIST_QUICKLIST: one ziplist per node, each kept as a node; empty ones skipped.</summary>
    private static object? LoadQuicklist(RdbReader r, RdbLoadContext ctx)
    {
        int nodes = r.ReadCount();
        if (nodes == 0) return null;
        var list = NewList(ctx);
        byte[]? scratch = null;
        while (nodes-- > 0)
        {
            var data = r.ReadStringSpan(ref scratch);
            if (data.Length == 0) throw new RdbFormatException("empty quicklist node");
            var zl = new Ziplist(data, "Ziplist integrity check failed.");
            var chunk = new ListChunk(Math.Max(16, data.Length));
            while (zl.Next(out var v)) chunk.Insert(chunk.Count, v);
            if (chunk.Count > 0) list.AppendChunk(chunk);
        }
        return list.Count == 0 ? null : list;
    }

    private const string ZipmapError = "Zipmap integrity check failed.";

    /// <summary>
    /// RDB_TYPE_HASH_ZIPMAP (Redis 2.4): a count byte, then per pair a field length and field, a
    /// value length, a free byte, the value and that many unused bytes; 255 ends. Duplicates are
    /// refused; the hash converts when it has too many fields or one is too long.
    /// </summary>
    private static object? LoadZipmap(RdbReader r, RdbLoadContext ctx)
    {
        byte[]? scratch = null;
        var zm = r.ReadStringSpan(ref scratch);
        if (zm.Length < 2 || zm[^1] != 0xFF) throw new RdbFormatException(ZipmapError);
        var h = new HashValue();
        var seen = new HashSet<byte[]>(ByteKeyComparer.Instance);
        int pos = 1, pairs = 0;
        long maxLen = 0;
        while (zm[pos] != 0xFF)
        {
            var field = Item(zm, ref pos, hasFree: false);
            var value = Item(zm, ref pos, hasFree: true);
            if (!seen.Add(field.ToArray())) throw new RdbFormatException("Hash zipmap with dup elements");
            maxLen = Math.Max(maxLen, Math.Max(field.Length, value.Length));
            h.AppendLoaded(field, value);
            pairs++;
        }
        if (pos != zm.Length - 1 || (zm[0] < 254 && zm[0] != pairs)) throw new RdbFormatException(ZipmapError);
        if (pairs == 0) return null;
        if (pairs > ctx.Config.HashMaxListpackEntries || maxLen > ctx.Config.HashMaxListpackValue) h.ConvertToTable();
        return h;
    }

    /// <summary>One zipmap string: its length (1 byte, or 254 and 4 bytes), the free byte for values, the bytes, the free space.</summary>
    private static ReadOnlySpan<byte> Item(ReadOnlySpan<byte> zm, ref int pos, bool hasFree)
    {
        int end = zm.Length - 1;
        if (pos >= end) throw new RdbFormatException(ZipmapError);
        long len = zm[pos++];
        if (len == 254)
        {
            if (pos + 4 > end) throw new RdbFormatException(ZipmapError);
            len = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(zm[pos..]);
            pos += 4;
        }
        else if (len == 255) throw new RdbFormatException(ZipmapError);
        int free = 0;
        if (hasFree)
        {
            if (pos >= end) throw new RdbFormatException(ZipmapError);
            free = zm[pos++];
        }
        if (pos + len + free > end) throw new RdbFormatException(ZipmapError);
        var s = zm.Slice(pos, (int)len);
        pos += (int)len + free;
        return s;
    }
}
