using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace RedisNet.Protocol;

/// <summary>
/// A client's reply buffer. Handlers write RESP2 or RESP3 (per <see cref="Resp3"/>) straight into a
/// pooled byte array; the connection sends it once per batch, so a pipeline costs one send.
/// Not thread-safe: only code holding the server's execution lock writes to it.
/// </summary>
public sealed class RespWriter
{
    private byte[] _buf;
    private int _pos;
    public bool Resp3;

    public RespWriter(int initial = 1024) => _buf = ArrayPool<byte>.Shared.Rent(initial);

    public int Length => _pos;
    public ReadOnlyMemory<byte> Written => _buf.AsMemory(0, _pos);
    public ReadOnlySpan<byte> WrittenSpan => _buf.AsSpan(0, _pos);
    public void Reset() => _pos = 0;

    /// <summary>Drops everything written after <paramref name="mark"/> (e.g. CLIENT REPLY OFF).</summary>
    public void Truncate(int mark) => _pos = mark;

    /// <summary>Returns a too-large buffer to the pool once it has been sent, so idle clients stay small.</summary>
    public void ShrinkIfLarge(int keep = 64 * 1024)
    {
        if (_pos == 0 && _buf.Length > keep)
        {
            ArrayPool<byte>.Shared.Return(_buf);
            _buf = ArrayPool<byte>.Shared.Rent(1024);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int n)
    {
        if (_buf.Length - _pos < n) Grow(n);
        return _buf.AsSpan(_pos);
    }

    private void Grow(int n)
    {
        int size = Math.Max(_buf.Length * 2, _pos + n);
        var nb = ArrayPool<byte>.Shared.Rent(size);
        _buf.AsSpan(0, _pos).CopyTo(nb);
        ArrayPool<byte>.Shared.Return(_buf);
        _buf = nb;
    }

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _pos += bytes.Length;
    }

    private void WriteAscii(string s)
    {
        var span = Reserve(s.Length);
        for (int i = 0; i < s.Length; i++) span[i] = (byte)s[i];
        _pos += s.Length;
    }

    private void Crlf()
    {
        var s = Reserve(2);
        s[0] = (byte)'\r'; s[1] = (byte)'\n';
        _pos += 2;
    }

    private void PrefixedNumber(byte prefix, long n)
    {
        var s = Reserve(24);
        s[0] = prefix;
        Utf8Formatter.TryFormat(n, s.Slice(1), out int w);
        s[w + 1] = (byte)'\r'; s[w + 2] = (byte)'\n';
        _pos += w + 3;
    }

    public void WriteOk() => WriteRaw("+OK\r\n"u8);

    /// <summary>Status reply (+...). The text must not contain CR or LF.</summary>
    public void WriteSimple(string s) { WriteRaw("+"u8); WriteAscii(s); Crlf(); }
    public void WriteSimple(ReadOnlySpan<byte> s) { WriteRaw("+"u8); WriteRaw(s); Crlf(); }

    /// <summary>Error reply. <paramref name="message"/> includes its code ("ERR ...", "WRONGTYPE ...").</summary>
    public void WriteError(string message)
    {
        WriteRaw("-"u8);
        // Redis replaces newlines in error text so the reply stays one line.
        var span = Reserve(message.Length);
        for (int i = 0; i < message.Length; i++)
        {
            char c = message[i];
            span[i] = c == '\r' || c == '\n' ? (byte)' ' : (byte)c;
        }
        _pos += message.Length;
        Crlf();
    }

    public void WriteInteger(long n)
    {
        if ((ulong)n < 10) { var s = Reserve(4); s[0] = (byte)':'; s[1] = (byte)('0' + n); s[2] = (byte)'\r'; s[3] = (byte)'\n'; _pos += 4; return; }
        PrefixedNumber((byte)':', n);
    }

    /// <summary>Integer reply from digits already formatted (INCR formats the stored value once for both).</summary>
    public void WriteIntegerDigits(ReadOnlySpan<byte> digits)
    {
        var s = Reserve(digits.Length + 3);
        s[0] = (byte)':';
        digits.CopyTo(s.Slice(1));
        s[digits.Length + 1] = (byte)'\r'; s[digits.Length + 2] = (byte)'\n';
        _pos += digits.Length + 3;
    }

    public void WriteBulk(ReadOnlySpan<byte> value)
    {
        var s = Reserve(value.Length + 16);
        s[0] = (byte)'$';
        Utf8Formatter.TryFormat(value.Length, s.Slice(1), out int w);
        int p = w + 1;
        s[p++] = (byte)'\r'; s[p++] = (byte)'\n';
        value.CopyTo(s.Slice(p));
        p += value.Length;
        s[p++] = (byte)'\r'; s[p++] = (byte)'\n';
        _pos += p;
    }

    public void WriteBulk(string value) => WriteBulk(Encoding.UTF8.GetBytes(value));

    public void WriteBulk(long n)
    {
        Span<byte> tmp = stackalloc byte[20];
        Utf8Formatter.TryFormat(n, tmp, out int w);
        WriteBulk(tmp.Slice(0, w));
    }

    /// <summary>Null bulk: $-1 in RESP2, _ in RESP3.</summary>
    public void WriteNull() => WriteRaw(Resp3 ? "_\r\n"u8 : "$-1\r\n"u8);

    /// <summary>Null array: *-1 in RESP2, _ in RESP3.</summary>
    public void WriteNullArray() => WriteRaw(Resp3 ? "_\r\n"u8 : "*-1\r\n"u8);

    public void WriteArrayHeader(long count) => PrefixedNumber((byte)'*', count);

    /// <summary>Map header: %n in RESP3, a flat array of 2n in RESP2.</summary>
    public void WriteMapHeader(long pairs) { if (Resp3) PrefixedNumber((byte)'%', pairs); else PrefixedNumber((byte)'*', pairs * 2); }

    /// <summary>Set header: ~n in RESP3, an array in RESP2.</summary>
    public void WriteSetHeader(long count) => PrefixedNumber(Resp3 ? (byte)'~' : (byte)'*', count);

    /// <summary>Push header (RESP3 out-of-band data); an array in RESP2.</summary>
    public void WritePushHeader(long count) => PrefixedNumber(Resp3 ? (byte)'>' : (byte)'*', count);

    /// <summary>Attribute-free boolean: #t/#f in RESP3, :1/:0 in RESP2.</summary>
    public void WriteBool(bool b)
    {
        if (Resp3) WriteRaw(b ? "#t\r\n"u8 : "#f\r\n"u8);
        else WriteRaw(b ? ":1\r\n"u8 : ":0\r\n"u8);
    }

    /// <summary>Double reply: ",d" in RESP3, a bulk string in RESP2, formatted as Redis's %.17g.</summary>
    public void WriteDouble(double d)
    {
        Span<byte> tmp = stackalloc byte[40];
        int n = NumberFormat.FormatDouble(d, tmp);
        if (Resp3)
        {
            WriteRaw(","u8);
            WriteRaw(tmp.Slice(0, n));
            Crlf();
        }
        else WriteBulk(tmp.Slice(0, n));
    }

    /// <summary>Verbatim string: =len\r\ntxt:... in RESP3, a bulk string in RESP2 (INFO, CLIENT LIST).</summary>
    public void WriteVerbatim(string text, string format = "txt")
    {
        if (!Resp3) { WriteBulk(text); return; }
        var bytes = Encoding.UTF8.GetBytes(text);
        PrefixedNumber((byte)'=', bytes.Length + 4);
        WriteAscii(format); WriteRaw(":"u8); WriteRaw(bytes); Crlf();
    }

    public void WriteBulkArray(IReadOnlyList<byte[]> items)
    {
        WriteArrayHeader(items.Count);
        foreach (var it in items) WriteBulk(it);
    }
}
