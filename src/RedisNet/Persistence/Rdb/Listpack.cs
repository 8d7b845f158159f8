using System.Buffers.Binary;
using RedisNet.Protocol;

namespace RedisNet.Persistence.Rdb;

/// <summary>
/// Builds Redis listpack bytes (what RDB stores for small hashes, sorted sets and list nodes):
/// 6-byte header (total bytes, count), entries (a string that reads as a canonical integer is
/// stored as an integer, as lpAppend does), 0xFF. Layout facts from Redis's listpack.c.
/// </summary>
public sealed class ListpackBuilder
{
    private byte[] _buf;
    private int _pos = Listpack.HeaderSize, _count;

    public ListpackBuilder(int capacity = 256) => _buf = new byte[Math.Max(capacity, 16)];

    public int Count => _count;

    public void Append(ReadOnlySpan<byte> s)
    {
        if (s.Length <= 20 && NumberFormat.TryParseInt64(s, out long v)) { AppendInt(v); return; }
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

    public void AppendInt(long v)
    {
        Ensure(16);
        int start = _pos;
        if (v is >= 0 and <= 127) _buf[_pos++] = (byte)v;
        else if (v is >= -4096 and <= 4095)
        {
            ulong u = (ulong)v & 0x1FFF;
            _buf[_pos++] = (byte)(0xC0 | (u >> 8));
            _buf[_pos++] = (byte)u;
        }
        else
        {
            int n = v is >= short.MinValue and <= short.MaxValue ? 2 : v is >= -8388608 and <= 8388607 ? 3 : v is >= int.MinValue and <= int.MaxValue ? 4 : 8;
            _buf[_pos++] = n switch { 2 => 0xF1, 3 => 0xF2, 4 => 0xF3, _ => 0xF4 };
            for (int i = 0; i < n; i++) _buf[_pos++] = (byte)((ulong)v >> (8 * i));
        }
        BackLen(_pos - start);
    }

    /// <summary>lpEncodeBacklen: the entry's length, readable from its end, 7 bits per byte.</summary>
    private void BackLen(int l)
    {
        Ensure(5);
        int n = Listpack.BackLenSize(l);
        for (int i = 0; i < n; i++)
            _buf[_pos++] = (byte)(((l >> (7 * (n - 1 - i))) & 127) | (i == 0 ? 0 : 128));
        _count++;
    }

    private void Ensure(int more)
    {
        if (_buf.Length - _pos < more) Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _pos + more));
    }

    /// <summary>The finished listpack (the count saturates at 65535, as lpSetNumElements).</summary>
    public byte[] ToArray()
    {
        var lp = new byte[_pos + 1];
        _buf.AsSpan(0, _pos).CopyTo(lp);
        lp[_pos] = Listpack.End;
        BinaryPrimitives.WriteUInt32LittleEndian(lp, (uint)lp.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(lp.AsSpan(4), (ushort)Math.Min(_count, Listpack.UnknownCount));
        return lp;
    }
}

/// <summary>
/// Reads a listpack from an untrusted blob, entry by entry, never past its end. The header is
/// checked on creation (lpValidateIntegrity's shallow check: total bytes and end byte); with
/// <c>deep</c>, each entry's back-length and the element count are checked too (sanitize-dump-payload).
/// </summary>
public ref struct Listpack
{
    public const int HeaderSize = 6, UnknownCount = 65535;
    public const byte End = 0xFF;

    private readonly ReadOnlySpan<byte> _lp;
    private readonly bool _deep;
    private int _pos, _seen;
    private readonly int _headerCount;
    private byte[]? _digits;

    public Listpack(ReadOnlySpan<byte> lp, bool deep, string what)
    {
        if (lp.Length < HeaderSize + 1 || BinaryPrimitives.ReadUInt32LittleEndian(lp) != (uint)lp.Length || lp[^1] != End)
            throw new RdbFormatException(what);
        _lp = lp;
        _deep = deep;
        _pos = HeaderSize;
        _headerCount = BinaryPrimitives.ReadUInt16LittleEndian(lp[4..]);
        What = what;
    }

    /// <summary>The error message for a malformed listpack ("Hash listpack integrity check failed." ...).</summary>
    public string What { get; }

    /// <summary>The element count from the header (65535: unknown, count by walking).</summary>
    public int HeaderCount => _headerCount;

    public static int BackLenSize(int l) => l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;

    /// <summary>
    /// The next element as bytes (integers as their decimal text, in a buffer valid until the next
    /// call); false at the end (after checking the count under deep validation).
    /// </summary>
    public bool Next(out ReadOnlySpan<byte> value)
    {
        if (!NextRaw(out value, out long n, out bool isInt)) return false;
        if (isInt)
        {
            _digits ??= new byte[20];
            value = _digits.AsSpan(0, NumberFormat.FormatInt64(n, _digits));
        }
        return true;
    }

    /// <summary>The next element, either a string or an integer.</summary>
    public bool NextRaw(out ReadOnlySpan<byte> str, out long integer, out bool isInt)
    {
        str = default;
        integer = 0;
        isInt = false;
        if (_pos >= _lp.Length - 1)
        {
            if (_lp[_pos] != End) Fail();
            if (_deep && _headerCount != UnknownCount && _headerCount != _seen) Fail();
            return false;
        }
        int start = _pos;
        byte b = _lp[_pos];
        if ((b & 0x80) == 0) { integer = b; isInt = true; _pos++; }
        else if ((b & 0xC0) == 0x80) str = Take(1, b & 0x3F);
        else if ((b & 0xE0) == 0xC0)
        {
            Need(2);
            long v = ((b & 0x1F) << 8) | _lp[_pos + 1];
            integer = v >= 1 << 12 ? v - (1 << 13) : v;
            isInt = true;
            _pos += 2;
        }
        else if ((b & 0xF0) == 0xE0) { Need(2); str = Take(2, ((b & 0x0F) << 8) | _lp[_pos + 1]); }
        else if (b == 0xF0)
        {
            Need(5);
            uint len = BinaryPrimitives.ReadUInt32LittleEndian(_lp[(_pos + 1)..]);
            if (len > int.MaxValue) Fail();
            str = Take(5, (int)len);
        }
        else if (b is >= 0xF1 and <= 0xF4)
        {
            int size = b == 0xF1 ? 2 : b == 0xF2 ? 3 : b == 0xF3 ? 4 : 8;
            Need(1 + size);
            ulong u = 0;
            for (int i = 0; i < size; i++) u |= (ulong)_lp[_pos + 1 + i] << (8 * i);
            int unused = 64 - 8 * size;
            integer = (long)(u << unused) >> unused; // sign-extend
            isInt = true;
            _pos += 1 + size;
        }
        else Fail();
        int l = _pos - start, bl = BackLenSize(l);
        // The back-length must fit before the end byte; its value is checked only when deep.
        if (_pos + bl > _lp.Length - 1) Fail();
        if (_deep && ReadBackLen(_pos + bl - 1) != l) Fail();
        _pos += bl;
        _seen++;
        return true;
    }

    /// <summary>lpDecodeBacklen: from the entry's last byte backwards, 7 bits per byte.</summary>
    private readonly long ReadBackLen(int last)
    {
        long v = 0;
        int shift = 0;
        for (int p = last; ; p--)
        {
            v |= (long)(_lp[p] & 127) << shift;
            if ((_lp[p] & 128) == 0) return v;
            shift += 7;
            if (shift > 28) return -1;
        }
    }

    private readonly void Need(int n)
    {
        if (_pos + n > _lp.Length - 1) Fail();
    }

    private ReadOnlySpan<byte> Take(int header, int length)
    {
        if ((long)_pos + header + length > _lp.Length - 1) Fail();
        var s = _lp.Slice(_pos + header, length);
        _pos += header + length;
        return s;
    }

    private readonly void Fail() => throw new RdbFormatException(What);
}
