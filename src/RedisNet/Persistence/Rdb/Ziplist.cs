using System.Buffers.Binary;
using RedisNet.Protocol;

namespace RedisNet.Persistence.Rdb;

/// <summary>
/// Reads a ziplist (the small-collection encoding of RDB files from Redis before 7.0) from an
/// untrusted blob, as ziplistValidateIntegrity does on load, always deeply: header (total bytes,
/// tail offset, count), each entry's previous-length and encoding within bounds, the end byte.
/// Layout facts from Redis's ziplist.c.
/// </summary>
public ref struct Ziplist
{
    private const int HeaderSize = 10;
    private readonly ReadOnlySpan<byte> _zl;
    private readonly string _what;
    private readonly int _headerCount;
    private int _pos, _prevLen, _seen, _lastStart;
    private byte[]? _digits;

    public Ziplist(ReadOnlySpan<byte> zl, string what)
    {
        _what = what;
        if (zl.Length < HeaderSize + 1 || BinaryPrimitives.ReadUInt32LittleEndian(zl) != (uint)zl.Length || zl[^1] != 0xFF
            || BinaryPrimitives.ReadUInt32LittleEndian(zl[4..]) > (uint)(zl.Length - 1))
            throw new RdbFormatException(what);
        _zl = zl;
        _headerCount = BinaryPrimitives.ReadUInt16LittleEndian(zl[8..]);
        _pos = HeaderSize;
        _lastStart = HeaderSize;
    }

    /// <summary>The next element as bytes (integers as decimal text, valid until the next call); false at the end.</summary>
    public bool Next(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (_zl[_pos] == 0xFF)
        {
            if (_pos != _zl.Length - 1) Fail();
            // The tail offset points at the last entry (or the end of the header when empty); the count is exact below 65535.
            if (BinaryPrimitives.ReadUInt32LittleEndian(_zl[4..]) != (uint)_lastStart) Fail();
            if (_headerCount != 0xFFFF && _headerCount != _seen) Fail();
            return false;
        }
        int start = _pos;
        int prev = _zl[_pos];
        if (prev == 0xFE) { Need(5); prev = (int)BinaryPrimitives.ReadUInt32LittleEndian(_zl[(_pos + 1)..]); _pos += 5; }
        else if (prev == 0xFF) Fail();
        else _pos++;
        if (prev != _prevLen) Fail();
        Need(1);
        byte b = _zl[_pos];
        long integer;
        switch (b >> 6)
        {
            case 0: value = Take(1, b & 0x3F); goto Done;
            case 1: Need(2); value = Take(2, ((b & 0x3F) << 8) | _zl[_pos + 1]); goto Done;
            case 2:
                if (b != 0x80) Fail();
                Need(5);
                uint len = BinaryPrimitives.ReadUInt32BigEndian(_zl[(_pos + 1)..]);
                if (len > int.MaxValue) Fail();
                value = Take(5, (int)len);
                goto Done;
        }
        switch (b)
        {
            case 0xC0: Need(3); integer = BinaryPrimitives.ReadInt16LittleEndian(_zl[(_pos + 1)..]); _pos += 3; break;
            case 0xD0: Need(5); integer = BinaryPrimitives.ReadInt32LittleEndian(_zl[(_pos + 1)..]); _pos += 5; break;
            case 0xE0: Need(9); integer = BinaryPrimitives.ReadInt64LittleEndian(_zl[(_pos + 1)..]); _pos += 9; break;
            case 0xF0:
                Need(4);
                integer = (_zl[_pos + 1] | (_zl[_pos + 2] << 8) | (_zl[_pos + 3] << 16)) << 8 >> 8; // sign-extend 24 bits
                _pos += 4;
                break;
            case 0xFE: Need(2); integer = (sbyte)_zl[_pos + 1]; _pos += 2; break;
            default:
                if (b is < 0xF1 or > 0xFD) Fail();
                integer = (b & 0x0F) - 1;
                _pos++;
                break;
        }
        _digits ??= new byte[20];
        value = _digits.AsSpan(0, NumberFormat.FormatInt64(integer, _digits));
    Done:
        if (_pos > _zl.Length - 1) Fail();
        _prevLen = _pos - start;
        _lastStart = start;
        _seen++;
        return true;
    }

    private readonly void Need(int n)
    {
        if (_pos + n > _zl.Length - 1) Fail();
    }

    private ReadOnlySpan<byte> Take(int header, int length)
    {
        if ((long)_pos + header + length > _zl.Length - 1) Fail();
        var s = _zl.Slice(_pos + header, length);
        _pos += header + length;
        return s;
    }

    private readonly void Fail() => throw new RdbFormatException(_what);

    /// <summary>The elements of a ziplist re-encoded as a listpack (how Redis 7.0 converts them on load).</summary>
    public static byte[] ToListpack(ReadOnlySpan<byte> zl, string what, out int count)
    {
        var z = new Ziplist(zl, what);
        var lp = new ListpackBuilder(zl.Length);
        while (z.Next(out var v)) lp.Append(v);
        count = lp.Count;
        return lp.ToArray();
    }
}
