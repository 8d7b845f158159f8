namespace RedisNet.Protocol;

/// <summary>
/// Redis's glob-style matcher (stringmatchlen), used by KEYS, SCAN MATCH, PSUBSCRIBE, ACL key
/// patterns and CONFIG GET: '*', '?', '[...]' with '^' negation and 'a-z' ranges, '\' escapes.
/// Its quirks are kept on purpose: bytes compare as signed chars in ranges, an unterminated '['
/// matches what it has seen, and recursion deeper than 1000 '*' fails (Redis's guard against
/// abusive patterns).
/// </summary>
public static class Glob
{
    private const int MaxNesting = 1000;

    public static bool Match(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text, bool nocase)
    {
        bool skipLonger = false;
        return MatchImpl(pattern, text, nocase, ref skipLonger, 0);
    }

    // Past the end of the pattern reads as NUL, as the C code reads the sds terminator.
    private static int At(ReadOnlySpan<byte> s, int i) => i < s.Length ? (sbyte)s[i] : 0;

    private static int Lower(int c) => c >= 'A' && c <= 'Z' ? c + 32 : c;

    private static bool MatchImpl(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text, bool nocase, ref bool skipLonger, int nesting)
    {
        if (nesting > MaxNesting) return false;
        int p = 0, s = 0;
        while (p < pattern.Length && s < text.Length)
        {
            switch (pattern[p])
            {
                case (byte)'*':
                    while (p + 1 < pattern.Length && pattern[p + 1] == '*') p++;
                    if (p == pattern.Length - 1) return true;
                    while (s < text.Length)
                    {
                        if (MatchImpl(pattern[(p + 1)..], text[s..], nocase, ref skipLonger, nesting + 1)) return true;
                        // The rest of the pattern matched nowhere after an earlier '*': give up early.
                        if (skipLonger) return false;
                        s++;
                    }
                    skipLonger = true;
                    return false;
                case (byte)'?':
                    s++;
                    break;
                case (byte)'[':
                {
                    p++;
                    bool not = At(pattern, p) == '^';
                    if (not) p++;
                    bool match = false;
                    int c = (sbyte)text[s];
                    while (true)
                    {
                        int left = pattern.Length - p;
                        if (At(pattern, p) == '\\' && left >= 2)
                        {
                            p++;
                            if (At(pattern, p) == c) match = true;
                        }
                        else if (At(pattern, p) == ']') break;
                        else if (left == 0) { p--; break; }
                        else if (left >= 3 && At(pattern, p + 1) == '-')
                        {
                            int start = At(pattern, p), end = At(pattern, p + 2), cc = c;
                            if (start > end) (start, end) = (end, start);
                            if (nocase) { start = Lower(start); end = Lower(end); cc = Lower(cc); }
                            p += 2;
                            if (cc >= start && cc <= end) match = true;
                        }
                        else if (nocase ? Lower(At(pattern, p)) == Lower(c) : At(pattern, p) == c) match = true;
                        p++;
                    }
                    if (not) match = !match;
                    if (!match) return false;
                    s++;
                    break;
                }
                default:
                    if (pattern[p] == '\\' && pattern.Length - p >= 2) p++;
                    int pc = (sbyte)pattern[p], tc = (sbyte)text[s];
                    if (nocase ? Lower(pc) != Lower(tc) : pc != tc) return false;
                    s++;
                    break;
            }
            p++;
            if (s == text.Length)
            {
                while (p < pattern.Length && pattern[p] == '*') p++;
                break;
            }
        }
        return p == pattern.Length && s == text.Length;
    }
}
