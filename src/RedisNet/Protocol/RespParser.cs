using System.Buffers.Text;

namespace RedisNet.Protocol;

/// <summary>Outcome of parsing one command from the query buffer.</summary>
public enum ParseStatus { Complete, Incomplete, Error }

/// <summary>
/// Parses RESP multibulk and inline commands from a contiguous span, as Redis's processMultibulkBuffer
/// and processInlineBuffer do: same limits, same error strings. Stateless: an incomplete command
/// is simply re-parsed when more bytes arrive (the caller keeps the unconsumed bytes).
/// </summary>
public static class RespParser
{
    /// <summary>PROTO_INLINE_MAX_SIZE: longest inline command or count line Redis accepts.</summary>
    public const int InlineMaxSize = 64 * 1024;
    // Redis 7.0 accepts counts up to INT_MAX and waits for the arguments (nothing is preallocated here).
    private const int MaxMultibulk = int.MaxValue;

    /// <summary>
    /// Parses one command starting at <paramref name="pos"/>. On Complete, advances pos past it and
    /// adds its arguments to the batch. On Error, <paramref name="error"/> holds Redis's message.
    /// </summary>
    public static ParseStatus ParseCommand(Span<byte> buf, ref int pos, CommandBatch batch, long maxBulkLen, out string? error, bool authenticated = true)
    {
        error = null;
        if (pos >= buf.Length) return ParseStatus.Incomplete;
        return buf[pos] == (byte)'*'
            ? ParseMultibulk(buf, ref pos, batch, maxBulkLen, authenticated, out error)
            : ParseInline(buf, ref pos, batch, out error);
    }

    private static ParseStatus ParseMultibulk(Span<byte> buf, ref int pos, CommandBatch batch, long maxBulkLen, bool authenticated, out string? error)
    {
        error = null;
        int p = pos;
        int nl = buf.Slice(p).IndexOf((byte)'\r');
        if (nl < 0)
        {
            if (buf.Length - p > InlineMaxSize) { error = "Protocol error: too big mbulk count string"; return ParseStatus.Error; }
            return ParseStatus.Incomplete;
        }
        if (nl > InlineMaxSize) { error = "Protocol error: too big mbulk count string"; return ParseStatus.Error; }
        if (p + nl + 1 >= buf.Length) return ParseStatus.Incomplete;
        if (!TryParseLong(buf.Slice(p + 1, nl - 1), out long count) || count > MaxMultibulk)
        {
            error = "Protocol error: invalid multibulk length";
            return ParseStatus.Error;
        }
        // Before AUTH, Redis only takes small requests, so an unauthenticated client cannot make it buffer much.
        if (count > 10 && !authenticated)
        {
            error = "Protocol error: unauthenticated multibulk length";
            return ParseStatus.Error;
        }
        p += nl + 2;
        if (count <= 0)
        {
            // "*0\r\n" and "*-1\r\n" are skipped silently, as Redis does.
            pos = p;
            return ParseStatus.Complete;
        }
        for (long i = 0; i < count; i++)
        {
            if (p >= buf.Length) { batch.Rollback(); return ParseStatus.Incomplete; }
            if (buf[p] != (byte)'$')
            {
                batch.Rollback();
                error = $"Protocol error: expected '$', got '{(char)buf[p]}'";
                return ParseStatus.Error;
            }
            int cr = buf.Slice(p).IndexOf((byte)'\r');
            if (cr < 0)
            {
                batch.Rollback();
                if (buf.Length - p > InlineMaxSize) { error = "Protocol error: too big bulk count string"; return ParseStatus.Error; }
                return ParseStatus.Incomplete;
            }
            if (cr > InlineMaxSize) { batch.Rollback(); error = "Protocol error: too big bulk count string"; return ParseStatus.Error; }
            if (!TryParseLong(buf.Slice(p + 1, cr - 1), out long len) || len < 0 || len > maxBulkLen)
            {
                batch.Rollback();
                error = "Protocol error: invalid bulk length";
                return ParseStatus.Error;
            }
            if (len > 16384 && !authenticated)
            {
                batch.Rollback();
                error = "Protocol error: unauthenticated bulk length";
                return ParseStatus.Error;
            }
            int dataStart = p + cr + 2;
            // Compare in long arithmetic: a huge declared length must not overflow, and nothing is
            // allocated for it; we just wait for the bytes (bounded by client-query-buffer-limit).
            if ((long)dataStart + len + 2 > buf.Length) { batch.Rollback(); batch.NeedBytes = (long)dataStart + len + 2 - pos; return ParseStatus.Incomplete; }
            batch.AddArg(dataStart, (int)len);
            p = dataStart + (int)len + 2;
        }
        batch.EndCommand();
        pos = p;
        return ParseStatus.Complete;
    }

    private static ParseStatus ParseInline(Span<byte> buf, ref int pos, CommandBatch batch, out string? error)
    {
        error = null;
        int nl = buf.Slice(pos).IndexOf((byte)'\n');
        if (nl < 0)
        {
            if (buf.Length - pos > InlineMaxSize) { error = "Protocol error: too big inline request"; return ParseStatus.Error; }
            return ParseStatus.Incomplete;
        }
        if (nl > InlineMaxSize) { error = "Protocol error: too big inline request"; return ParseStatus.Error; }
        int lineEnd = pos + nl;
        if (nl > 0 && buf[lineEnd - 1] == (byte)'\r') lineEnd--;
        var line = buf.Slice(pos, lineEnd - pos);
        int baseOffset = pos;
        if (!InlineSplitter.Split(line, baseOffset, batch))
        {
            error = "Protocol error: unbalanced quotes in request";
            return ParseStatus.Error;
        }
        pos += nl + 1;
        // An empty line yields no arguments: Redis ignores it.
        if (batch.ArgTotal > batch.CommandStarts[batch.Count]) batch.EndCommand();
        return ParseStatus.Complete;
    }

    /// <summary>Strict integer parse as Redis's string2ll for protocol counts.</summary>
    public static bool TryParseLong(ReadOnlySpan<byte> s, out long value)
        => Utf8Parser.TryParse(s, out value, out int consumed) && consumed == s.Length && s.Length > 0 && s[0] != (byte)'+';
}
