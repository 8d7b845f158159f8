using System.Buffers.Binary;
using System.Globalization;
using RedisNet.Keyspace;

namespace RedisNet.Persistence.Rdb;

/// <summary>
/// Decodes RDB primitives from a stream through a buffer: lengths, strings (integer and LZF
/// encodings), doubles in both forms, little-endian numbers. Keeps a running CRC64 of consumed
/// bytes so the EOF checksum can be verified without a second pass. Every malformed or short
/// input throws <see cref="RdbFormatException"/>: loading never crashes on bad data.
/// </summary>
public sealed class RdbReader
{
    private readonly Stream _stream;
    private byte[] _buf;
    private int _pos, _end;
    private int _crcFrom;      // _buf index from which bytes are not yet in _crc
    private ulong _crc;
    private long _consumedBefore; // bytes dropped from the buffer before index 0
    private readonly long _limit;

    /// <param name="limit">Largest string or collection length accepted (guards allocations on corrupt input).</param>
    public RdbReader(Stream stream, int bufferSize = 64 * 1024, long limit = 1L << 40)
    {
        _stream = stream;
        _buf = new byte[bufferSize];
        _limit = limit;
    }

    /// <summary>A reader over bytes already in memory (DUMP payloads).</summary>
    public static RdbReader Over(ReadOnlyMemory<byte> data) => new(new MemoryStream(data.ToArray(), false), Math.Max(64, data.Length));

    /// <summary>Bytes consumed since the start.</summary>
    public long Position => _consumedBefore + _pos;

    /// <summary>The CRC64 of every byte consumed so far.</summary>
    public ulong Checksum()
    {
        _crc = Crc64.Update(_crc, _buf.AsSpan(_crcFrom, _pos - _crcFrom));
        _crcFrom = _pos;
        return _crc;
    }

    /// <summary>True when no more bytes follow.</summary>
    public bool AtEnd => _pos == _end && !Fill(1, throwOnShort: false);

    private bool Fill(int need, bool throwOnShort = true)
    {
        if (_end - _pos >= need) return true;
        // Fold consumed bytes into the CRC, then move the unread tail to the front.
        Checksum();
        int tail = _end - _pos;
        if (need > _buf.Length)
        {
            var nb = new byte[Math.Max(need, _buf.Length * 2)];
            _buf.AsSpan(_pos, tail).CopyTo(nb);
            _buf = nb;
        }
        else _buf.AsSpan(_pos, tail).CopyTo(_buf);
        _consumedBefore += _pos;
        _pos = 0;
        _crcFrom = 0;
        _end = tail;
        while (_end < need)
        {
            int n = _stream.Read(_buf, _end, _buf.Length - _end);
            if (n <= 0)
            {
                if (throwOnShort) throw new RdbFormatException("Unexpected EOF reading RDB file");
                return false;
            }
            _end += n;
        }
        return true;
    }

    public byte ReadByte()
    {
        if (_pos == _end) Fill(1);
        return _buf[_pos++];
    }

    /// <summary>The next <paramref name="n"/> bytes, valid until the next read.</summary>
    public ReadOnlySpan<byte> ReadSpan(int n)
    {
        Fill(n);
        var s = _buf.AsSpan(_pos, n);
        _pos += n;
        return s;
    }

    public void ReadExact(Span<byte> dest) => ReadSpan(dest.Length).CopyTo(dest);

    public ulong ReadUInt64LE() => BinaryPrimitives.ReadUInt64LittleEndian(ReadSpan(8));
    public long ReadInt64LE() => BinaryPrimitives.ReadInt64LittleEndian(ReadSpan(8));
    public uint ReadUInt32LE() => BinaryPrimitives.ReadUInt32LittleEndian(ReadSpan(4));

    /// <summary>rdbLoadLenByRef: a length, or with <paramref name="encoded"/> set, a special string encoding number.</summary>
    public ulong ReadLength(out bool encoded)
    {
        encoded = false;
        byte b = ReadByte();
        switch (b >> 6)
        {
            case RdbFormat.Len6Bit: return (ulong)(b & 0x3f);
            case RdbFormat.Len14Bit: return (ulong)(((b & 0x3f) << 8) | ReadByte());
            case RdbFormat.LenEncoded: encoded = true; return (ulong)(b & 0x3f);
        }
        if (b == RdbFormat.Len32Bit) return BinaryPrimitives.ReadUInt32BigEndian(ReadSpan(4));
        if (b == RdbFormat.Len64Bit) return BinaryPrimitives.ReadUInt64BigEndian(ReadSpan(8));
        throw new RdbFormatException($"Unknown length encoding {b} in rdbLoadLen()");
    }

    /// <summary>A plain length (no string encodings allowed), checked against the sanity limit.</summary>
    public long ReadLength()
    {
        ulong n = ReadLength(out bool enc);
        if (enc || n > (ulong)_limit) throw new RdbFormatException("bad length in RDB");
        return (long)n;
    }

    /// <summary>A length that counts elements; each needs at least one byte, so more than the limit is corruption.</summary>
    public int ReadCount()
    {
        long n = ReadLength();
        if (n > int.MaxValue) throw new RdbFormatException("collection too large in RDB");
        return (int)n;
    }

    /// <summary>A string as a new array (integer encodings become their decimal text, LZF is expanded).</summary>
    public byte[] ReadString()
    {
        byte[]? scratch = null;
        var s = ReadStringSpan(ref scratch);
        return scratch is not null && s.Length == scratch.Length && s.Overlaps(scratch) ? scratch : s.ToArray();
    }

    /// <summary>
    /// A string without a copy when possible: a slice of the read buffer (valid until the next read)
    /// or of <paramref name="scratch"/>, which is grown as needed and may be reused across calls.
    /// </summary>
    public ReadOnlySpan<byte> ReadStringSpan(ref byte[]? scratch)
    {
        ulong len = ReadLength(out bool encoded);
        if (encoded)
        {
            switch ((byte)len)
            {
                case RdbFormat.EncInt8: return FormatInto(ref scratch, (sbyte)ReadByte());
                case RdbFormat.EncInt16: return FormatInto(ref scratch, BinaryPrimitives.ReadInt16LittleEndian(ReadSpan(2)));
                case RdbFormat.EncInt32: return FormatInto(ref scratch, BinaryPrimitives.ReadInt32LittleEndian(ReadSpan(4)));
                case RdbFormat.EncLzf: return ReadLzf(ref scratch);
                default: throw new RdbFormatException($"Unknown RDB string encoding type {len}");
            }
        }
        if (len > (ulong)_limit) throw new RdbFormatException("string too long in RDB");
        int n = (int)len;
        if (n <= _buf.Length / 2) return ReadSpan(n);
        // Large strings: straight into their own array instead of growing the read buffer.
        var dest = scratch is not null && scratch.Length == n ? scratch : (scratch = GC.AllocateUninitializedArray<byte>(n));
        int have = Math.Min(_end - _pos, n);
        _buf.AsSpan(_pos, have).CopyTo(dest);
        _pos += have;
        Checksum();
        int off = have;
        while (off < n)
        {
            int r = _stream.Read(dest, off, n - off);
            if (r <= 0) throw new RdbFormatException("Unexpected EOF reading RDB file");
            off += r;
        }
        _crc = Crc64.Update(_crc, dest.AsSpan(have));
        _consumedBefore += n - have;
        return dest;
    }

    /// <summary>A string that must hold an integer (integer-encoded or decimal text), as rdbLoadObject reads intset/ziplist members.</summary>
    public long ReadStringAsInt64()
    {
        byte[]? scratch = null;
        var s = ReadStringSpan(ref scratch);
        if (!Protocol.NumberFormat.TryParseInt64(s, out long v)) throw new RdbFormatException("expected an integer string in RDB");
        return v;
    }

    private static ReadOnlySpan<byte> FormatInto(ref byte[]? scratch, long v)
    {
        if (scratch is null || scratch.Length < 20) scratch = new byte[20];
        int n = Protocol.NumberFormat.FormatInt64(v, scratch);
        return scratch.AsSpan(0, n);
    }

    private ReadOnlySpan<byte> ReadLzf(ref byte[]? scratch)
    {
        long clen = ReadLength(), len = ReadLength();
        if (len > int.MaxValue || clen > int.MaxValue) throw new RdbFormatException("LZF string too long");
        var compressed = ReadSpan((int)clen);
        var dest = scratch is not null && scratch.Length == len ? scratch : (scratch = GC.AllocateUninitializedArray<byte>((int)len));
        if (Lzf.Decompress(compressed, dest) != len) throw new RdbFormatException("Invalid LZF compressed string");
        return dest;
    }

    /// <summary>rdbLoadDoubleValue (the old text form): a length byte, 253 NaN, 254 +inf, 255 -inf.</summary>
    public double ReadTextDouble()
    {
        byte len = ReadByte();
        switch (len)
        {
            case 253: return double.NaN;
            case 254: return double.PositiveInfinity;
            case 255: return double.NegativeInfinity;
        }
        var text = ReadSpan(len);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            throw new RdbFormatException("bad double value in RDB");
        return d;
    }

    public double ReadBinaryDouble() => BinaryPrimitives.ReadDoubleLittleEndian(ReadSpan(8));
}
