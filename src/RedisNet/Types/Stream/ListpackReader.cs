using System.Buffers.Binary;
using System.Text;

namespace RedisNet.Types.Stream;

/// <summary>
/// Reads a stream node's listpack (as found in an RDB file or DUMP payload) back into a
/// <see cref="StreamNode"/> with the same entries, flags and boundaries: the loading side of
/// <see cref="ListpackImage"/>.
/// </summary>
public ref struct ListpackReader
{
    private readonly ReadOnlySpan<byte> _lp;
    private int _pos;

    private ListpackReader(ReadOnlySpan<byte> lp)
    {
        if (lp.Length < ListpackSize.Header + 1 || BinaryPrimitives.ReadUInt32LittleEndian(lp) != lp.Length || lp[^1] != 0xFF)
            throw new InvalidDataException("bad stream listpack");
        _lp = lp;
        _pos = ListpackSize.Header;
    }

    /// <summary>Rebuilds the node keyed by <paramref name="master"/> from its listpack.</summary>
    public static StreamNode ReadNode(StreamId master, ReadOnlySpan<byte> listpack, long prealloc)
    {
        var r = new ListpackReader(listpack);
        long live = r.Int(), deleted = r.Int(), masterCount = r.Int();
        var masterFields = new Fields();
        for (long i = 0; i < masterCount; i++) masterFields.Add(r.Bytes(), []);
        if (r.Int() != 0) throw new InvalidDataException("bad stream master entry");
        var node = new StreamNode(master, masterFields, prealloc);
        var entry = new Fields();
        while (listpack[r._pos] != 0xFF)
        {
            long flags = r.Int();
            var id = new StreamId(master.Ms + (ulong)r.Int(), master.Seq + (ulong)r.Int());
            entry.Clear();
            bool same = (flags & StreamNode.FlagSameFields) != 0;
            long n = same ? masterCount : r.Int();
            for (long i = 0; i < n; i++)
            {
                var field = same ? masterFields.Field(checked((int)i)).ToArray() : r.Bytes();
                entry.Add(field, r.Bytes());
            }
            r.Int(); // lp-count
            node.Append(id, entry);
            if ((flags & StreamNode.FlagDeleted) != 0) node.MarkDeleted(node.Count - 1);
        }
        if (node.Live != live || node.Deleted != deleted) throw new InvalidDataException("bad stream node counters");
        return node;
    }

    private long Int()
    {
        var (isInt, value, _) = Next();
        if (!isInt) throw new InvalidDataException("bad stream listpack integer");
        return value;
    }

    /// <summary>An element as bytes: integers in decimal, as Redis returns them.</summary>
    private byte[] Bytes()
    {
        var (isInt, value, bytes) = Next();
        return isInt ? Encoding.ASCII.GetBytes(value.ToString()) : bytes!;
    }

    private (bool IsInt, long Value, byte[]? Bytes) Next()
    {
        int start = _pos;
        byte b = _lp[_pos];
        (bool, long, byte[]?) result;
        if ((b & 0x80) == 0) { result = (true, b, null); _pos += 1; }
        else if ((b & 0xC0) == 0x80) result = (false, 0, Take(1, b & 0x3F));
        else if ((b & 0xE0) == 0xC0)
        {
            long v = ((b & 0x1F) << 8) | _lp[_pos + 1];
            result = (true, v >= 1 << 12 ? v - (1 << 13) : v, null);
            _pos += 2;
        }
        else if ((b & 0xF0) == 0xE0) result = (false, 0, Take(2, ((b & 0x0F) << 8) | _lp[_pos + 1]));
        else if (b == 0xF0) result = (false, 0, Take(5, checked((int)BinaryPrimitives.ReadUInt32LittleEndian(_lp[(_pos + 1)..]))));
        else if (b >= 0xF1 && b <= 0xF4)
        {
            int size = b == 0xF1 ? 2 : b == 0xF2 ? 3 : b == 0xF3 ? 4 : 8;
            ulong u = 0;
            for (int i = 0; i < size; i++) u |= (ulong)_lp[_pos + 1 + i] << (8 * i);
            int unused = 64 - 8 * size;
            result = (true, (long)(u << unused) >> unused, null); // sign-extend
            _pos += 1 + size;
        }
        else throw new InvalidDataException("bad listpack encoding");
        int l = _pos - start;
        _pos += l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
        return result;
    }

    private byte[] Take(int header, int length)
    {
        var data = _lp.Slice(_pos + header, length).ToArray();
        _pos += header + length;
        return data;
    }

    /// <summary>Decoded pairs, as the node's input.</summary>
    private sealed class Fields : IFieldSource
    {
        private readonly List<(byte[] F, byte[] V)> _pairs = new();
        public int PairCount => _pairs.Count;
        public ReadOnlySpan<byte> Field(int i) => _pairs[i].F;
        public ReadOnlySpan<byte> Value(int i) => _pairs[i].V;
        public void Add(byte[] f, byte[] v) => _pairs.Add((f, v));
        public void Clear() => _pairs.Clear();
    }
}
