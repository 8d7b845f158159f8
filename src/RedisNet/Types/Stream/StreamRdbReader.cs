using System.Buffers.Binary;
using System.Text;
using RedisNet.Keyspace;

namespace RedisNet.Types.Stream;

/// <summary>
/// Loads a stream from Redis 7.0's RDB form (RDB_TYPE_STREAM_LISTPACKS_2, the object after the
/// type byte): what <see cref="StreamRdb.Write"/> writes and redis-server's DUMP/RDB contain.
/// Nodes keep their boundaries; PEL entries are shared between the group and their consumer.
/// </summary>
public ref struct StreamRdbReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    private StreamRdbReader(ReadOnlySpan<byte> data) { _data = data; _pos = 0; }

    /// <summary>Reads one stream object; <paramref name="consumed"/> is how many bytes it took.</summary>
    public static StreamValue Read(ReadOnlySpan<byte> data, out int consumed)
    {
        var r = new StreamRdbReader(data);
        var s = new StreamValue();
        for (long nodes = r.Len(); nodes > 0; nodes--)
        {
            var key = r.String();
            if (key.Length != 16) throw new InvalidDataException("bad stream node key");
            var master = new StreamId(BinaryPrimitives.ReadUInt64BigEndian(key), BinaryPrimitives.ReadUInt64BigEndian(key.AsSpan(8)));
            var lp = r.String();
            var node = ListpackReader.ReadNode(master, lp, StreamValue.MaxPrealloc);
            node.Shrunk = true; // loaded listpacks are allocated to fit
            if (s.Nodes.Count > 0 && s.Nodes[^1].Master >= master) throw new InvalidDataException("stream nodes out of order");
            s.Nodes.Add(node);
        }
        s.Length = r.Len();
        s.LastId = r.Id();
        s.FirstId = r.Id();
        s.MaxDeletedId = r.Id();
        s.EntriesAdded = r.Len();
        for (long groups = r.Len(); groups > 0; groups--)
        {
            var name = r.String();
            var g = s.AddGroup(name, r.Id(), r.Len()) ?? throw new InvalidDataException("duplicate stream group");
            for (long pel = r.Len(); pel > 0; pel--)
            {
                var id = r.RawId();
                long time = r.Time();
                if (!g.Pel.Add(new PendingEntry(id, null!, time, r.Len()))) throw new InvalidDataException("duplicate PEL entry");
            }
            for (long consumers = r.Len(); consumers > 0; consumers--)
            {
                var cname = r.String();
                var c = g.AddConsumer(cname, 0) ?? throw new InvalidDataException("duplicate consumer");
                c.SeenTime = r.Time();
                for (long pel = r.Len(); pel > 0; pel--)
                {
                    var nack = g.Pel.Find(r.RawId());
                    if (nack is null || nack.Consumer != null) throw new InvalidDataException("consumer PEL entry not in the group PEL");
                    nack.Consumer = c;
                    c.Pel.Add(nack);
                }
            }
            foreach (var e in g.Pel.All)
                if (e.Consumer is null) throw new InvalidDataException("PEL entry without a consumer");
        }
        consumed = r._pos;
        return s;
    }

    private StreamId Id() => new((ulong)Len(), (ulong)Len());

    private StreamId RawId()
    {
        var b = Take(16);
        return new StreamId(BinaryPrimitives.ReadUInt64BigEndian(b), BinaryPrimitives.ReadUInt64BigEndian(b[8..]));
    }

    private long Time() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>rdbLoadLen (plain lengths only).</summary>
    private long Len()
    {
        long v = LenOrEncoding(out bool encoded);
        if (encoded) throw new InvalidDataException("unexpected encoded length");
        return v;
    }

    private long LenOrEncoding(out bool encoded)
    {
        byte b = Take(1)[0];
        encoded = false;
        switch (b >> 6)
        {
            case 0: return b & 0x3F;
            case 1: return ((b & 0x3F) << 8) | Take(1)[0];
            case 3: encoded = true; return b & 0x3F;
        }
        if (b == 0x80) return BinaryPrimitives.ReadUInt32BigEndian(Take(4));
        if (b == 0x81) return (long)BinaryPrimitives.ReadUInt64BigEndian(Take(8));
        throw new InvalidDataException("bad RDB length");
    }

    /// <summary>rdbGenericLoadStringObject: raw, integer-encoded or LZF-compressed.</summary>
    private byte[] String()
    {
        long len = LenOrEncoding(out bool encoded);
        if (!encoded) return Take(checked((int)len)).ToArray();
        switch (len)
        {
            case 0: return Encoding.ASCII.GetBytes(((sbyte)Take(1)[0]).ToString());
            case 1: return Encoding.ASCII.GetBytes(BinaryPrimitives.ReadInt16LittleEndian(Take(2)).ToString());
            case 2: return Encoding.ASCII.GetBytes(BinaryPrimitives.ReadInt32LittleEndian(Take(4)).ToString());
            case 3:
                int compressed = checked((int)Len()), original = checked((int)Len());
                var output = new byte[original];
                if (Lzf.Decompress(Take(compressed), output) != original) throw new InvalidDataException("bad LZF string");
                return output;
        }
        throw new InvalidDataException("bad RDB string encoding");
    }

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n < 0 || _pos + n > _data.Length) throw new InvalidDataException("truncated RDB stream");
        var s = _data.Slice(_pos, n);
        _pos += n;
        return s;
    }
}
