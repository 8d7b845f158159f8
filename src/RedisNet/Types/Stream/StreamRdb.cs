using System.Buffers.Binary;
using RedisNet.Keyspace;
using RedisNet.Protocol;

namespace RedisNet.Types.Stream;

/// <summary>
/// A stream in Redis 7.0's RDB form (RDB_TYPE_STREAM_LISTPACKS_2, type 19, without the type byte):
/// each node as its 16-byte key and its listpack (strings, LZF-compressed when that pays), the
/// length, last/first/max-deleted IDs, entries-added, then each group with its PEL and consumers.
/// RDB saving and DUMP write it; DEBUG OBJECT's serializedlength is its length.
/// </summary>
public static class StreamRdb
{
    public const byte TypeCode = 19;

    public static long SerializedLength(StreamValue s) => Write(s).Length;

    public static byte[] Write(StreamValue s)
    {
        var o = new MemoryStream();
        Len(o, s.Nodes.Count);
        Span<byte> key = stackalloc byte[16];
        foreach (var node in s.Nodes)
        {
            IdBytes(key, node.Master);
            RawString(o, key);
            RawString(o, ListpackImage.Of(node));
        }
        Len(o, s.Length);
        Id(o, s.LastId);
        Id(o, s.FirstId);
        Id(o, s.MaxDeletedId);
        Len(o, s.EntriesAdded);
        Len(o, s.GroupCount);
        if (s.Groups is null) return o.ToArray();
        foreach (var g in s.Groups)
        {
            RawString(o, g.Name);
            Id(o, g.LastId);
            Len(o, g.EntriesRead); // -1 (unknown) is written as a 64-bit length, as Redis does
            Len(o, g.Pel.Count);
            foreach (var e in g.Pel.All)
            {
                IdBytes(key, e.Id);
                o.Write(key);
                Time(o, e.DeliveryTime);
                Len(o, e.DeliveryCount);
            }
            Len(o, g.Consumers.Count);
            foreach (var c in g.Consumers)
            {
                RawString(o, c.Name);
                Time(o, c.SeenTime);
                Len(o, c.Pel.Count);
                foreach (var e in c.Pel.All)
                {
                    IdBytes(key, e.Id);
                    o.Write(key);
                }
            }
        }
        return o.ToArray();
    }

    /// <summary>The 128-bit big-endian form Redis keys radix trees with.</summary>
    private static void IdBytes(Span<byte> dest, StreamId id)
    {
        BinaryPrimitives.WriteUInt64BigEndian(dest, id.Ms);
        BinaryPrimitives.WriteUInt64BigEndian(dest[8..], id.Seq);
    }

    private static void Id(MemoryStream o, StreamId id)
    {
        Len(o, (long)id.Ms);
        Len(o, (long)id.Seq);
    }

    private static void Time(MemoryStream o, long ms)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(b, ms);
        o.Write(b);
    }

    /// <summary>rdbSaveLen: 6-bit, 14-bit, 32-bit or 64-bit (the value read as unsigned).</summary>
    private static void Len(MemoryStream o, long value)
    {
        ulong v = (ulong)value;
        Span<byte> b = stackalloc byte[9];
        if (v < 1 << 6) o.WriteByte((byte)v);
        else if (v < 1 << 14)
        {
            o.WriteByte((byte)(0x40 | (v >> 8)));
            o.WriteByte((byte)v);
        }
        else if (v <= uint.MaxValue)
        {
            b[0] = 0x80;
            BinaryPrimitives.WriteUInt32BigEndian(b[1..], (uint)v);
            o.Write(b[..5]);
        }
        else
        {
            b[0] = 0x81;
            BinaryPrimitives.WriteUInt64BigEndian(b[1..], v);
            o.Write(b);
        }
    }

    /// <summary>rdbSaveRawString: a small integer's compact form, LZF when over 20 bytes and it pays, else length and bytes.</summary>
    private static void RawString(MemoryStream o, ReadOnlySpan<byte> s)
    {
        if (s.Length <= 11 && NumberFormat.TryParseInt64(s, out long n) && n >= int.MinValue && n <= int.MaxValue)
        {
            Span<byte> b = stackalloc byte[5];
            int size = n >= sbyte.MinValue && n <= sbyte.MaxValue ? 1 : n >= short.MinValue && n <= short.MaxValue ? 2 : 4;
            b[0] = (byte)(0xC0 | (size == 1 ? 0 : size == 2 ? 1 : 2));
            BinaryPrimitives.WriteInt32LittleEndian(b[1..], (int)n); // low bytes first
            o.Write(b[..(1 + size)]);
            return;
        }
        if (s.Length > 20)
        {
            var buffer = new byte[s.Length];
            int compressed = Lzf.Compress(s, buffer.AsSpan(0, s.Length - 4));
            if (compressed > 0)
            {
                o.WriteByte(0xC3);
                Len(o, compressed);
                Len(o, s.Length);
                o.Write(buffer, 0, compressed);
                return;
            }
        }
        Len(o, s.Length);
        o.Write(s);
    }
}
