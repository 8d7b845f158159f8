using System.Buffers.Binary;
using RedisNet.Persistence.Rdb;

namespace RedisNet.Types.Stream;

/// <summary>
/// Loads a stream from Redis 7.0's RDB form (RDB_TYPE_STREAM_LISTPACKS_2, the object after the
/// type byte): what <see cref="StreamRdb.Write(StreamValue)"/> writes and redis-server's DUMP/RDB contain.
/// Nodes keep their boundaries; PEL entries are shared between the group and their consumer.
/// Bad data throws <see cref="RdbFormatException"/>.
/// </summary>
public static class StreamRdbReader
{
    /// <summary>Reads one stream object from bytes; <paramref name="consumed"/> is how many bytes it took.</summary>
    public static StreamValue Read(ReadOnlySpan<byte> data, out int consumed)
    {
        var r = RdbReader.Over(data.ToArray());
        var s = Read(r, deep: false);
        consumed = (int)r.Position;
        return s;
    }

    /// <param name="v1">RDB_TYPE_STREAM_LISTPACKS (Redis 5/6): no first/max-deleted IDs, entries-added or group read counters.</param>
    /// <param name="nodeChecked">Called for each node listpack validated (Redis counts dump_payload_sanitizations per node).</param>
    public static StreamValue Read(RdbReader r, bool deep, bool v1 = false, Action? nodeChecked = null)
    {
        try { return ReadCore(r, deep, v1, nodeChecked); }
        catch (InvalidDataException e) { throw new RdbFormatException(e.Message); }
        catch (OverflowException) { throw new RdbFormatException("Stream listpack integrity check failed."); }
    }

    private static StreamValue ReadCore(RdbReader r, bool deep, bool v1, Action? nodeChecked)
    {
        var s = new StreamValue();
        byte[]? scratch = null;
        for (ulong nodes = Len(r); nodes > 0; nodes--)
        {
            var key = r.ReadStringSpan(ref scratch);
            if (key.Length != 16) throw new RdbFormatException("Stream node key entry is not the size of a stream ID");
            var master = new StreamId(BinaryPrimitives.ReadUInt64BigEndian(key), BinaryPrimitives.ReadUInt64BigEndian(key[8..]));
            var lp = r.ReadStringSpan(ref scratch);
            // Walk the whole listpack first: the node parser then never reads past its end.
            nodeChecked?.Invoke();
            var check = new Listpack(lp, deep, "Stream listpack integrity check failed.");
            while (check.NextRaw(out _, out _, out _)) { }
            var node = ListpackReader.ReadNode(master, lp, StreamValue.MaxPrealloc);
            node.Shrunk = true; // loaded listpacks are allocated to fit
            if (s.Nodes.Count > 0 && s.Nodes[^1].Master >= master) throw new RdbFormatException("Listpack re-added with existing key");
            s.Nodes.Add(node);
        }
        s.Length = (long)Len(r);
        s.LastId = Id(r);
        if (v1)
        {
            // As Redis migrates them: entries-added is the length, the first ID the first live entry's.
            s.EntriesAdded = s.Length;
            s.FirstId = s.EdgeId(first: true, skipTombstones: true);
        }
        else
        {
            s.FirstId = Id(r);
            s.MaxDeletedId = Id(r);
            s.EntriesAdded = (long)Len(r);
        }
        for (ulong groups = Len(r); groups > 0; groups--)
        {
            var name = r.ReadString();
            var lastId = Id(r);
            long entriesRead = v1 ? s.EstimateDistanceFromFirstEverEntry(lastId) : (long)Len(r);
            var g = s.AddGroup(name, lastId, entriesRead) ?? throw new RdbFormatException("Duplicated consumer group name");
            for (ulong pel = Len(r); pel > 0; pel--)
            {
                var id = RawId(r);
                long time = r.ReadInt64LE();
                if (!g.Pel.Add(new PendingEntry(id, null!, time, (long)Len(r)))) throw new RdbFormatException("Duplicated global PEL entry loading stream consumer group");
            }
            for (ulong consumers = Len(r); consumers > 0; consumers--)
            {
                var cname = r.ReadString();
                var c = g.AddConsumer(cname, 0) ?? throw new RdbFormatException("Duplicate stream consumer detected.");
                c.SeenTime = r.ReadInt64LE();
                for (ulong pel = Len(r); pel > 0; pel--)
                {
                    var nack = g.Pel.Find(RawId(r));
                    if (nack is null || nack.Consumer != null) throw new RdbFormatException("Consumer entry not found in group global PEL");
                    nack.Consumer = c;
                    c.Pel.Add(nack);
                }
            }
            foreach (var e in g.Pel.All)
                if (e.Consumer is null) throw new RdbFormatException("Stream CG PEL entry without consumer");
        }
        return s;
    }

    private static StreamId Id(RdbReader r) => new(Len(r), Len(r));

    private static StreamId RawId(RdbReader r)
    {
        var b = r.ReadSpan(16);
        return new StreamId(BinaryPrimitives.ReadUInt64BigEndian(b), BinaryPrimitives.ReadUInt64BigEndian(b[8..]));
    }

    /// <summary>rdbLoadLen: a plain length, the full 64-bit range (IDs, -1 for an unknown entries-read).</summary>
    private static ulong Len(RdbReader r)
    {
        ulong v = r.ReadLength(out bool encoded);
        if (encoded) throw new RdbFormatException("Stream object metadata loading failed.");
        return v;
    }
}
