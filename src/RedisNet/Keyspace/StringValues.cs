using RedisNet.Protocol;

namespace RedisNet.Keyspace;

/// <summary>
/// Reading Redis string values whatever their CLR form (byte[] as stored by SET, or
/// <see cref="MutableString"/> after APPEND/SETRANGE), and the OBJECT ENCODING Redis 7.0 would
/// report for the same value and history.
/// </summary>
public static class StringValues
{
    /// <summary>Longest string Redis stores embedded in its object header (OBJ_ENCODING_EMBSTR_SIZE_LIMIT).</summary>
    public const int EmbstrMaxLength = 44;

    /// <summary>Sizes below this grow with spare room (APPEND) as sdsMakeRoomFor does; MutableString does the same.</summary>
    private const int InitialMutableSlack = 16;

    public static bool IsString(object? value) => value is byte[] || value is MutableString;

    /// <summary>The bytes of a string value. The caller has checked <see cref="IsString"/>.</summary>
    public static ReadOnlySpan<byte> Span(object value) =>
        value is byte[] b ? b : ((MutableString)value).Span;

    /// <summary>The bytes of <paramref name="value"/> when it is a string; false for any other type.</summary>
    public static bool TryGetSpan(object? value, out ReadOnlySpan<byte> span)
    {
        switch (value)
        {
            case byte[] b: span = b; return true;
            case MutableString m: span = m.Span; return true;
            default: span = default; return false;
        }
    }

    public static int Length(object value) => value is byte[] b ? b.Length : ((MutableString)value).Length;

    // Entry-based forms: an inline string is read in place, never copied (KeyEntry.Value would copy).
    public static bool IsString(KeyEntry e) => e.IsString;

    public static bool TryGetSpan(KeyEntry e, out ReadOnlySpan<byte> span) => e.TryGetString(out span);

    /// <summary>The bytes of a string entry. The caller has checked <see cref="IsString(KeyEntry)"/>.</summary>
    public static ReadOnlySpan<byte> Span(KeyEntry e)
    {
        e.TryGetString(out var span);
        return span;
    }

    public static int Length(KeyEntry e) => Span(e).Length;

    public static string Encoding(KeyEntry e)
    {
        if (e.BoxedValue is MutableString m) return m.Embstr ? "embstr" : "raw";
        var b = Span(e);
        if (b.Length <= 20 && NumberFormat.TryParseInt64(b, out _)) return "int";
        return b.Length <= EmbstrMaxLength ? "embstr" : "raw";
    }

    /// <summary>
    /// "int", "embstr" or "raw", as Redis 7.0's OBJECT ENCODING for a string. A byte[] holds a value
    /// that went through tryObjectEncoding (SET, MSET, GETSET, APPEND to a new key...): integers of
    /// at most 20 characters in canonical form are int, up to 44 bytes embstr, longer raw. Values
    /// changed in place (APPEND, SETRANGE) are MutableString: raw, except INCRBYFLOAT's integer-looking results.
    /// </summary>
    public static string Encoding(object value)
    {
        if (value is MutableString m) return m.Embstr ? "embstr" : "raw";
        var b = (byte[])value;
        if (b.Length <= 20 && NumberFormat.TryParseInt64(b, out _)) return "int";
        return b.Length <= EmbstrMaxLength ? "embstr" : "raw";
    }

    /// <summary>
    /// Makes the entry's value modifiable in place (Redis's dbUnshareStringValue): a byte[] becomes a
    /// MutableString with room to grow; an existing MutableString stops being embstr.
    /// </summary>
    public static MutableString Unshare(KeyEntry e)
    {
        if (e.BoxedValue is MutableString m)
        {
            m.Embstr = false;
            return m;
        }
        var bytes = Span(e);
        m = new MutableString(bytes, bytes.Length + InitialMutableSlack);
        e.Value = m;
        return m;
    }
}
