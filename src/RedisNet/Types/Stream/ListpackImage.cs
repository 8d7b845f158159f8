using System.Buffers.Binary;
using RedisNet.Protocol;

namespace RedisNet.Types.Stream;

/// <summary>
/// Builds the exact bytes of the listpack Redis keeps for a stream node (master entry, then each
/// entry with its flags, ID deltas, fields/values and lp-count). RDB files and DUMP payloads store
/// stream nodes as these bytes, and DEBUG OBJECT's serializedlength counts them.
/// </summary>
public sealed class ListpackImage
{
    private byte[] _buf = new byte[256];
    private int _pos;
    private int _count;

    /// <summary>The listpack of one node.</summary>
    public static byte[] Of(StreamNode node)
    {
        var lp = new ListpackImage();
        lp._pos = ListpackSize.Header;
        lp.Int(node.Live);
        lp.Int(node.Deleted);
        lp.Int(node.MasterFields.Length);
        foreach (var f in node.MasterFields) lp.Str(f);
        lp.Int(0);
        for (int i = 0; i < node.Count; i++)
        {
            var id = node.IdAt(i);
            var fields = node.Fields(i);
            bool same = node.HasMasterFields(i);
            lp.Int(node.FlagsAt(i));
            lp.Int((long)(id.Ms - node.Master.Ms));
            lp.Int((long)(id.Seq - node.Master.Seq));
            if (!same) lp.Int(fields.Count);
            while (fields.Next())
            {
                if (!same) lp.Str(fields.Field);
                lp.Str(fields.Value);
            }
            lp.Int(same ? fields.Count + 3 : 2 * fields.Count + 4);
        }
        lp.Ensure(1);
        lp._buf[lp._pos++] = 0xFF;
        BinaryPrimitives.WriteUInt32LittleEndian(lp._buf, (uint)lp._pos);
        BinaryPrimitives.WriteUInt16LittleEndian(lp._buf.AsSpan(4), (ushort)Math.Min(lp._count, 65535));
        return lp._buf.AsSpan(0, lp._pos).ToArray();
    }

    private void Str(ReadOnlySpan<byte> s)
    {
        if (s.Length <= 20 && NumberFormat.TryParseInt64(s, out long v)) { Int(v); return; }
        Ensure(s.Length + 10);
        int start = _pos;
        if (s.Length < 64) _buf[_pos++] = (byte)(0x80 | s.Length);
        else if (s.Length < 4096)
        {
            _buf[_pos++] = (byte)(0xE0 | (s.Length >> 8));
            _buf[_pos++] = (byte)s.Length;
        }
        else
        {
            _buf[_pos++] = 0xF0;
            BinaryPrimitives.WriteInt32LittleEndian(_buf.AsSpan(_pos), s.Length);
            _pos += 4;
        }
        s.CopyTo(_buf.AsSpan(_pos));
        _pos += s.Length;
        BackLen(_pos - start);
    }

    private void Int(long v)
    {
        Ensure(16);
        int start = _pos;
        if (v >= 0 && v <= 127) _buf[_pos++] = (byte)v;
        else if (v >= -4096 && v <= 4095)
        {
            long u = v < 0 ? (1L << 13) + v : v;
            _buf[_pos++] = (byte)(0xC0 | (u >> 8));
            _buf[_pos++] = (byte)u;
        }
        else if (v >= short.MinValue && v <= short.MaxValue) Fixed(0xF1, v, 2);
        else if (v >= -8388608 && v <= 8388607) Fixed(0xF2, v, 3);
        else if (v >= int.MinValue && v <= int.MaxValue) Fixed(0xF3, v, 4);
        else Fixed(0xF4, v, 8);
        BackLen(_pos - start);
    }

    // Little-endian two's complement in n bytes.
    private void Fixed(byte encoding, long v, int n)
    {
        _buf[_pos++] = encoding;
        ulong u = (ulong)v;
        for (int i = 0; i < n; i++) _buf[_pos++] = (byte)(u >> (8 * i));
    }

    /// <summary>lpEncodeBacklen: the element's length, readable from its end, 7 bits per byte.</summary>
    private void BackLen(int l)
    {
        Ensure(5);
        int n = l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
        for (int i = 0; i < n; i++)
        {
            int shift = 7 * (n - 1 - i);
            _buf[_pos++] = (byte)(((l >> shift) & 127) | (i == 0 ? 0 : 128));
        }
        _count++;
    }

    private void Ensure(int more)
    {
        if (_buf.Length - _pos < more) Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _pos + more));
    }
}
