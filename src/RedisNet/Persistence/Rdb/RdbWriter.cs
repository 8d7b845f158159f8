using System.Buffers;
using System.Buffers.Binary;
using RedisNet.Keyspace;
using RedisNet.Protocol;

namespace RedisNet.Persistence.Rdb;

/// <summary>
/// Encodes RDB into a growable buffer: the primitives (lengths, strings with integer and LZF
/// encodings, doubles, little-endian numbers) and the file's structure (header, AUX, SELECTDB,
/// RESIZEDB, key/value records, EOF with CRC64). A background save encodes a step under the
/// execution lock and <see cref="FlushTo"/>s it outside; DUMP takes the bytes with
/// <see cref="ToArray"/>. The CRC covers every byte ever written, flushed or not.
/// </summary>
public sealed class RdbWriter
{
    private byte[] _buf;
    private int _len;
    private ulong _crcFlushed;
    private long _flushed;

    /// <summary>rdbcompression: strings over 20 bytes are LZF-compressed when that saves space.</summary>
    public bool Compress { get; set; }

    public RdbWriter(bool compress = true, int capacity = 64 * 1024) : this(compress, new byte[Math.Max(capacity, 64)]) { }

    /// <summary>Encodes into <paramref name="buffer"/> (a rented one) until it must grow.</summary>
    public RdbWriter(bool compress, byte[] buffer)
    {
        Compress = compress;
        _buf = buffer;
    }

    /// <summary>Bytes encoded but not yet flushed.</summary>
    public int Buffered => _len;
    /// <summary>Bytes written since the start, flushed or not.</summary>
    public long Position => _flushed + _len;
    public ReadOnlySpan<byte> BufferedSpan => _buf.AsSpan(0, _len);

    /// <summary>Writes the buffered bytes to <paramref name="stream"/> and empties the buffer.</summary>
    public void FlushTo(Stream stream)
    {
        _crcFlushed = Crc64.Update(_crcFlushed, _buf.AsSpan(0, _len));
        stream.Write(_buf, 0, _len);
        _flushed += _len;
        _len = 0;
    }

    /// <summary>
    /// Hands back the buffer holding the encoded bytes and continues in <paramref name="spare"/>
    /// (a background save swaps buffers under the lock and writes the full one outside it).
    /// The swapped-out bytes count as flushed: the caller checksums what it writes.
    /// </summary>
    public byte[] SwapBuffer(byte[] spare, out int length)
    {
        var full = _buf;
        length = _len;
        _flushed += _len;
        _buf = spare.Length >= 64 ? spare : new byte[64];
        _len = 0;
        return full;
    }

    /// <summary>The whole output (for DUMP and tests; nothing must have been flushed).</summary>
    public byte[] ToArray()
    {
        if (_flushed != 0) throw new InvalidOperationException("part of the output was flushed");
        return _buf.AsSpan(0, _len).ToArray();
    }

    private Span<byte> Reserve(int n)
    {
        if (_len + n > _buf.Length)
        {
            var nb = new byte[Math.Max(_buf.Length * 2, _len + n)];
            _buf.AsSpan(0, _len).CopyTo(nb);
            _buf = nb;
        }
        var s = _buf.AsSpan(_len, n);
        _len += n;
        return s;
    }

    // ---- primitives ----

    public void WriteByte(byte b) => Reserve(1)[0] = b;

    public void WriteRaw(ReadOnlySpan<byte> data) => data.CopyTo(Reserve(data.Length));

    /// <summary>rdbSaveLen: 6-bit, 14-bit (big-endian), 32-bit or 64-bit (big-endian) length.</summary>
    public void WriteLength(ulong len)
    {
        if (len < 1 << 6) WriteByte((byte)len);
        else if (len < 1 << 14)
        {
            var s = Reserve(2);
            s[0] = (byte)((len >> 8) | 0x40);
            s[1] = (byte)len;
        }
        else if (len <= uint.MaxValue)
        {
            var s = Reserve(5);
            s[0] = RdbFormat.Len32Bit;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)len);
        }
        else
        {
            var s = Reserve(9);
            s[0] = RdbFormat.Len64Bit;
            BinaryPrimitives.WriteUInt64BigEndian(s[1..], len);
        }
    }

    public void WriteLength(long len) => WriteLength((ulong)len);

    /// <summary>
    /// rdbSaveRawString: a canonical integer of at most 11 characters that fits 32 bits is stored as
    /// an integer; a string over 20 bytes is LZF-compressed when compression is on and saves 4+
    /// bytes; otherwise length and bytes.
    /// </summary>
    public void WriteString(ReadOnlySpan<byte> s)
    {
        if (s.Length <= 11 && s.Length > 0 && NumberFormat.TryParseInt64(s, out long n) && TryWriteIntEncoded(n)) return;
        if (Compress && s.Length > 20 && TryWriteLzf(s)) return;
        WriteLength((ulong)s.Length);
        WriteRaw(s);
    }

    /// <summary>rdbSaveLongLongAsStringObject: an integer-encoded string, or its decimal text when it needs more than 32 bits.</summary>
    public void WriteIntegerString(long n)
    {
        if (TryWriteIntEncoded(n)) return;
        Span<byte> text = stackalloc byte[20];
        int len = NumberFormat.FormatInt64(n, text);
        WriteLength((ulong)len);
        WriteRaw(text[..len]);
    }

    private bool TryWriteIntEncoded(long n)
    {
        const byte enc = RdbFormat.LenEncoded << 6;
        if (n >= sbyte.MinValue && n <= sbyte.MaxValue)
        {
            var s = Reserve(2);
            s[0] = enc | RdbFormat.EncInt8;
            s[1] = (byte)(sbyte)n;
        }
        else if (n >= short.MinValue && n <= short.MaxValue)
        {
            var s = Reserve(3);
            s[0] = enc | RdbFormat.EncInt16;
            BinaryPrimitives.WriteInt16LittleEndian(s[1..], (short)n);
        }
        else if (n >= int.MinValue && n <= int.MaxValue)
        {
            var s = Reserve(5);
            s[0] = enc | RdbFormat.EncInt32;
            BinaryPrimitives.WriteInt32LittleEndian(s[1..], (int)n);
        }
        else return false;
        return true;
    }

    private bool TryWriteLzf(ReadOnlySpan<byte> s)
    {
        var tmp = ArrayPool<byte>.Shared.Rent(s.Length);
        try
        {
            int clen = Lzf.Compress(s, tmp.AsSpan(0, s.Length - 4));
            if (clen <= 0) return false;
            WriteByte((RdbFormat.LenEncoded << 6) | RdbFormat.EncLzf);
            WriteLength((ulong)clen);
            WriteLength((ulong)s.Length);
            WriteRaw(tmp.AsSpan(0, clen));
            return true;
        }
        finally { ArrayPool<byte>.Shared.Return(tmp); }
    }

    /// <summary>rdbSaveBinaryDoubleValue: 8 bytes, little-endian IEEE 754.</summary>
    public void WriteBinaryDouble(double d) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), d);

    public void WriteUInt64LE(ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), v);

    public void WriteInt64LE(long v) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), v);

    // ---- file structure ----

    /// <summary>"REDIS0010".</summary>
    public void WriteHeader(int version = RdbFormat.Version)
    {
        WriteRaw("REDIS"u8);
        Span<byte> v = stackalloc byte[4];
        v[0] = (byte)('0' + version / 1000 % 10);
        v[1] = (byte)('0' + version / 100 % 10);
        v[2] = (byte)('0' + version / 10 % 10);
        v[3] = (byte)('0' + version % 10);
        WriteRaw(v);
    }

    public void WriteAux(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        WriteByte(RdbFormat.OpAux);
        WriteString(key);
        WriteString(value);
    }

    /// <summary>rdbSaveAuxFieldStrInt: the number as text, which the string encoder turns into an integer when it fits.</summary>
    public void WriteAux(ReadOnlySpan<byte> key, long value)
    {
        Span<byte> text = stackalloc byte[20];
        int n = NumberFormat.FormatInt64(value, text);
        WriteAux(key, text[..n]);
    }

    public void WriteSelectDb(int db)
    {
        WriteByte(RdbFormat.OpSelectDb);
        WriteLength((ulong)db);
    }

    public void WriteResizeDb(long keys, long expires)
    {
        WriteByte(RdbFormat.OpResizeDb);
        WriteLength((ulong)keys);
        WriteLength((ulong)expires);
    }

    /// <summary>
    /// One key as rdbSaveKeyValuePair writes it: EXPIRETIME_MS when it has a TTL, IDLE under an LRU
    /// maxmemory policy or FREQ under an LFU one, then type, key and value.
    /// </summary>
    public void WriteEntry(KeyEntry e, RdbLruInfo lru)
    {
        if (e.ExpireAt >= 0)
        {
            WriteByte(RdbFormat.OpExpireTimeMs);
            WriteInt64LE(e.ExpireAt);
        }
        WriteLruInfo(lru);
        if (e.TryGetString(out var s))
        {
            WriteByte(RdbFormat.TypeString);
            WriteString(e.Key);
            WriteString(s);
            return;
        }
        var value = e.BoxedValue!;
        var codec = RdbCodecs.For(value);
        WriteByte(codec.TypeOf(value));
        WriteString(e.Key);
        codec.Save(this, value);
    }

    /// <summary>The IDLE or FREQ opcode, if any (also used by DUMP, which has no opcodes of this kind).</summary>
    private void WriteLruInfo(RdbLruInfo lru)
    {
        if (lru.IdleSeconds >= 0)
        {
            WriteByte(RdbFormat.OpIdle);
            WriteLength((ulong)lru.IdleSeconds);
        }
        else if (lru.Freq >= 0)
        {
            WriteByte(RdbFormat.OpFreq);
            WriteByte((byte)lru.Freq);
        }
    }

    /// <summary>A value without key or type byte (the body of DUMP after its type byte).</summary>
    public void WriteValue(object value)
    {
        if (value is byte[] or MutableString) { WriteString(TypeNames.StringBytes(value)); return; }
        RdbCodecs.For(value).Save(this, value);
    }

    /// <summary>The type byte a value is written with.</summary>
    public static byte TypeOf(object value) =>
        value is byte[] or MutableString ? RdbFormat.TypeString : RdbCodecs.For(value).TypeOf(value);

    public void WriteFunction(ReadOnlySpan<byte> libraryCode)
    {
        WriteByte(RdbFormat.OpFunction2);
        WriteString(libraryCode);
    }

    /// <summary>EOF and the CRC64 of everything before it, including the EOF byte (0 when rdbchecksum is off).</summary>
    public void WriteEof(bool checksum)
    {
        WriteByte(RdbFormat.OpEof);
        ulong crc = checksum ? Crc64.Update(_crcFlushed, _buf.AsSpan(0, _len)) : 0;
        WriteUInt64LE(crc);
    }

    /// <summary>The CRC64 of everything written so far (DUMP's footer).</summary>
    public ulong Checksum() => Crc64.Update(_crcFlushed, _buf.AsSpan(0, _len));
}

/// <summary>What a record carries about access: idle seconds (LRU policies) or the LFU counter; -1 for none.</summary>
public readonly record struct RdbLruInfo(long IdleSeconds, int Freq)
{
    public static readonly RdbLruInfo None = new(-1, -1);
}
