namespace RedisNet.Protocol;

/// <summary>
/// Splits a line into arguments with redis.conf / inline-command rules (Redis's sdssplitargs):
/// blanks separate; "double quotes" take \n \r \t \b \a \\ \" and \xHH escapes; 'single quotes'
/// take only \'; a closing quote must be followed by a blank or the end of the line.
/// </summary>
public static class InlineSplitter
{
    /// <summary>
    /// Splits in place: unescaped bytes are written over the source (never longer than it), and each
    /// argument is added to the batch as an offset from <paramref name="baseOffset"/>.
    /// </summary>
    public static bool Split(Span<byte> line, int baseOffset, CommandBatch batch)
    {
        int start = batch.ArgTotal;
        bool ok = Walk(line, line, out var ranges);
        if (!ok) { batch.ArgTotal = start; return false; }
        foreach (var (off, len) in ranges) batch.AddArg(baseOffset + off, len);
        return true;
    }

    /// <summary>Splits into new arrays; null when quotes are unbalanced (config parsing).</summary>
    public static List<byte[]>? Split(ReadOnlySpan<byte> line)
    {
        var copy = line.ToArray();
        if (!Walk(copy, copy, out var ranges)) return null;
        var result = new List<byte[]>(ranges.Count);
        foreach (var (off, len) in ranges) result.Add(copy.AsSpan(off, len).ToArray());
        return result;
    }

    public static List<string>? SplitToStrings(string line)
    {
        var parts = Split(System.Text.Encoding.Latin1.GetBytes(line));
        return parts?.ConvertAll(p => System.Text.Encoding.Latin1.GetString(p));
    }

    private static bool Walk(ReadOnlySpan<byte> src, Span<byte> dst, out List<(int, int)> ranges)
    {
        ranges = new List<(int, int)>();
        int i = 0, n = src.Length;
        while (true)
        {
            while (i < n && IsSpace(src[i])) i++;
            if (i >= n) return true;
            bool inDq = false, inSq = false, done = false;
            int w = i, argStart = i;
            while (!done)
            {
                if (inDq)
                {
                    if (i >= n) return false;
                    byte c = src[i];
                    if (c == '\\' && i + 3 < n && src[i + 1] == 'x' && IsHex(src[i + 2]) && IsHex(src[i + 3]))
                    {
                        dst[w++] = (byte)(Hex(src[i + 2]) * 16 + Hex(src[i + 3]));
                        i += 3;
                    }
                    else if (c == '\\' && i + 1 < n)
                    {
                        i++;
                        dst[w++] = src[i] switch
                        {
                            (byte)'n' => (byte)'\n',
                            (byte)'r' => (byte)'\r',
                            (byte)'t' => (byte)'\t',
                            (byte)'b' => (byte)'\b',
                            (byte)'a' => (byte)'\a',
                            var o => o,
                        };
                    }
                    else if (c == '"')
                    {
                        if (i + 1 < n && !IsSpace(src[i + 1])) return false;
                        done = true;
                    }
                    else dst[w++] = c;
                }
                else if (inSq)
                {
                    if (i >= n) return false;
                    byte c = src[i];
                    if (c == '\\' && i + 1 < n && src[i + 1] == '\'') { i++; dst[w++] = (byte)'\''; }
                    else if (c == '\'')
                    {
                        if (i + 1 < n && !IsSpace(src[i + 1])) return false;
                        done = true;
                    }
                    else dst[w++] = c;
                }
                else
                {
                    if (i >= n) { done = true; break; }
                    byte c = src[i];
                    if (IsSpace(c)) { done = true; }
                    else if (c == '"') inDq = true;
                    else if (c == '\'') inSq = true;
                    else dst[w++] = c;
                }
                if (i < n) i++;
            }
            ranges.Add((argStart, w - argStart));
        }
    }

    private static bool IsSpace(byte c) => c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f';
    private static bool IsHex(byte c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    private static int Hex(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
