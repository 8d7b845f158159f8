using System.Buffers.Binary;
using RedisNet.Types.Stream;

namespace RedisNet.Persistence.Rdb.Legacy;

/// <summary>
/// RDB_TYPE_STREAM_LISTPACKS (type 15, Redis 5.0 to 6.2). The layout is type 19's without the
/// fields 7.0 added; Redis 7.0 fills them in on load: max-deleted-entry-id 0-0, entries-added = the
/// length, first-id = the first live entry (or the maximum ID when none), and each group's
/// entries-read estimated from its last-delivered ID (streamEstimateDistanceFromFirstEverEntry).
/// The reader handles both layouts (<paramref name="v2"/> for type 19), so one loader can serve both.
/// </summary>
internal static class LegacyStreams
{
    public static object? LoadV1(RdbReader r, RdbLoadContext ctx) => Load(r, v2: false);

    public static StreamValue Load(RdbReader r, bool v2)
    {
        var s = new StreamValue();
        long nodes = r.ReadLength();
        byte[]? scratch = null;
        for (long i = 0; i < nodes; i++)
        {
            var key = r.ReadStringSpan(ref scratch);
            if (key.Length != 16) throw new RdbFormatException("Stream node key entry is not the size of a stream ID");
            var master = new StreamId(BinaryPrimitives.ReadUInt64BigEndian(key), BinaryPrimitives.ReadUInt64BigEndian(key[8..]));
            var lp = r.ReadStringSpan(ref scratch);
            var node = ReadNode(master, lp);
            if (s.Nodes.Count > 0 && s.Nodes[^1].Master >= master)
                throw new RdbFormatException(s.Nodes[^1].Master == master ? "Listpack re-added with existing key" : "Stream nodes out of order");
            s.Nodes.Add(node);
        }
        s.Length = r.ReadLength();
        s.LastId = ReadId(r);
        if (v2)
        {
            s.FirstId = ReadId(r);
            s.MaxDeletedId = ReadId(r);
            s.EntriesAdded = r.ReadLength();
        }
        else
        {
            s.MaxDeletedId = StreamId.Zero;
            s.EntriesAdded = s.Length;
            s.FirstId = s.EdgeId(first: true, skipTombstones: true);
        }
        long groups = r.ReadLength();
        for (long g = 0; g < groups; g++) ReadGroup(r, s, v2);
        return s;
    }

    private static void ReadGroup(RdbReader r, StreamValue s, bool v2)
    {
        var name = r.ReadString();
        var lastId = ReadId(r);
        // A 7.0 file stores the read counter (-1, unknown, as a 64-bit length); older ones get an estimate.
        long entriesRead = v2 ? (long)r.ReadLength(out _) : s.EstimateDistanceFromFirstEverEntry(lastId);
        var group = s.AddGroup(name, lastId, entriesRead)
            ?? throw new RdbFormatException($"Duplicated consumer group name {System.Text.Encoding.Latin1.GetString(name)}");
        long pel = r.ReadLength();
        for (long i = 0; i < pel; i++)
        {
            var id = ReadRawId(r);
            long deliveryTime = r.ReadInt64LE();
            long deliveryCount = r.ReadLength();
            if (!group.Pel.Add(new PendingEntry(id, null!, deliveryTime, deliveryCount)))
                throw new RdbFormatException("Duplicated global PEL entry loading stream consumer group");
        }
        long consumers = r.ReadLength();
        for (long i = 0; i < consumers; i++)
        {
            var consumer = group.AddConsumer(r.ReadString(), 0) ?? throw new RdbFormatException("Duplicate stream consumer detected.");
            consumer.SeenTime = r.ReadInt64LE();
            long owned = r.ReadLength();
            for (long k = 0; k < owned; k++)
            {
                var nack = group.Pel.Find(ReadRawId(r)) ?? throw new RdbFormatException("Consumer entry not found in group global PEL");
                if (nack.Consumer is not null) throw new RdbFormatException("Duplicated consumer PEL entry  loading a stream consumer group");
                nack.Consumer = consumer;
                consumer.Pel.Add(nack);
            }
        }
        // Redis checks this only under sanitize-dump-payload, then crashes later on such an entry; refuse it always.
        foreach (var e in group.Pel.All)
            if (e.Consumer is null) throw new RdbFormatException("Stream CG PEL entry without consumer");
    }

    /// <summary>One node's listpack; its decoder's errors (it trusts its input's lengths) become format errors.</summary>
    private static StreamNode ReadNode(StreamId master, ReadOnlySpan<byte> lp)
    {
        if (lp.Length >= 7 && lp[6] == 0xFF) throw new RdbFormatException("Empty listpack inside stream");
        try
        {
            var node = ListpackReader.ReadNode(master, lp, StreamValue.MaxPrealloc);
            node.Shrunk = true; // loaded listpacks are allocated to fit
            return node;
        }
        catch (Exception e) when (e is InvalidDataException or IndexOutOfRangeException or ArgumentException or OverflowException)
        {
            throw new RdbFormatException("Stream listpack integrity check failed.");
        }
    }

    private static StreamId ReadId(RdbReader r) => new(r.ReadLength(out _), r.ReadLength(out _));

    private static StreamId ReadRawId(RdbReader r)
    {
        var b = r.ReadSpan(16);
        return new StreamId(BinaryPrimitives.ReadUInt64BigEndian(b), BinaryPrimitives.ReadUInt64BigEndian(b[8..]));
    }
}
