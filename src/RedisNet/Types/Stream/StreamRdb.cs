using System.Buffers.Binary;
using RedisNet.Persistence.Rdb;

namespace RedisNet.Types.Stream;

/// <summary>
/// A stream in Redis 7.0's RDB form (RDB_TYPE_STREAM_LISTPACKS_2, type 19, without the type byte):
/// each node as its 16-byte key and its listpack (strings, LZF-compressed when that pays), the
/// length, last/first/max-deleted IDs, entries-added, then each group with its PEL and consumers.
/// RDB saving and DUMP write it (through the stream's RDB codec).
/// </summary>
public static class StreamRdb
{
    public const byte TypeCode = 19;

    public static byte[] Write(StreamValue s)
    {
        var w = new RdbWriter(capacity: 256);
        Write(w, s);
        return w.ToArray();
    }

    public static void Write(RdbWriter w, StreamValue s)
    {
        w.WriteLength(s.Nodes.Count);
        Span<byte> key = stackalloc byte[16];
        foreach (var node in s.Nodes)
        {
            IdBytes(key, node.Master);
            w.WriteString(key);
            w.WriteString(ListpackImage.Of(node));
        }
        w.WriteLength(s.Length);
        Id(w, s.LastId);
        Id(w, s.FirstId);
        Id(w, s.MaxDeletedId);
        w.WriteLength(s.EntriesAdded);
        w.WriteLength(s.GroupCount);
        if (s.Groups is null) return;
        foreach (var g in s.Groups)
        {
            w.WriteString(g.Name);
            Id(w, g.LastId);
            w.WriteLength(g.EntriesRead); // -1 (unknown) is written as a 64-bit length, as Redis does
            w.WriteLength(g.Pel.Count);
            foreach (var e in g.Pel.All)
            {
                IdBytes(key, e.Id);
                w.WriteRaw(key);
                w.WriteInt64LE(e.DeliveryTime);
                w.WriteLength(e.DeliveryCount);
            }
            w.WriteLength(g.Consumers.Count);
            foreach (var c in g.Consumers)
            {
                w.WriteString(c.Name);
                w.WriteInt64LE(c.SeenTime);
                w.WriteLength(c.Pel.Count);
                foreach (var e in c.Pel.All)
                {
                    IdBytes(key, e.Id);
                    w.WriteRaw(key);
                }
            }
        }
    }

    /// <summary>The 128-bit big-endian form Redis keys radix trees with.</summary>
    private static void IdBytes(Span<byte> dest, StreamId id)
    {
        BinaryPrimitives.WriteUInt64BigEndian(dest, id.Ms);
        BinaryPrimitives.WriteUInt64BigEndian(dest[8..], id.Seq);
    }

    private static void Id(RdbWriter w, StreamId id)
    {
        w.WriteLength(id.Ms);
        w.WriteLength(id.Seq);
    }
}
