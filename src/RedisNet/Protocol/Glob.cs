namespace RedisNet.Protocol;

/// <summary>
/// Redis's glob-style matching (stringmatchlen), used by CONFIG GET, KEYS, SCAN MATCH, PSUBSCRIBE...:
/// <c>*</c> any run, <c>?</c> one byte, <c>[abc]</c> <c>[^a-z]</c> classes, <c>\x</c> a literal x.
/// Byte-based; <paramref name="nocase"/> folds ASCII letters only, as Redis's tolower does.
/// </summary>
public static class Glob
{
    public static bool Match(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text, bool nocase = false)
    {
        bool skipLonger = false;
        return MatchImpl(pattern, text, nocase, ref skipLonger, 0);
    }

    public static bool Match(string pattern, string text, bool nocase = false) =>
        Match(System.Text.Encoding.Latin1.GetBytes(pattern), System.Text.Encoding.Latin1.GetBytes(text), nocase);

    // skipLonger: once a '*' tail failed to match at some offset, trying longer prefixes for an
    // outer '*' cannot succeed either; this keeps patterns like "a*a*a*a*b" from going exponential.
    private static bool MatchImpl(ReadOnlySpan<byte> p, ReadOnlySpan<byte> s, bool nocase, ref bool skipLonger, int depth)
    {
        // Redis caps recursion to protect the stack against hostile patterns.
        if (depth > 1000) return false;
        while (p.Length > 0 && s.Length > 0)
        {
            switch (p[0])
            {
                case (byte)'*':
                    while (p.Length > 1 && p[1] == '*') p = p[1..];
                    if (p.Length == 1) return true;
                    for (int i = 0; i < s.Length; i++)
                    {
                        if (MatchImpl(p[1..], s[i..], nocase, ref skipLonger, depth + 1)) return true;
                        if (skipLonger) return false;
                    }
                    skipLonger = true;
                    return false;
                case (byte)'?':
                    s = s[1..];
                    break;
                case (byte)'[':
                {
                    p = p[1..];
                    bool not = p.Length > 0 && p[0] == '^';
                    if (not) p = p[1..];
                    bool match = false;
                    while (true)
                    {
                        if (p.Length == 0) break; // unterminated class: Redis treats the end as ']'
                        if (p[0] == '\\' && p.Length >= 2)
                        {
                            p = p[1..];
                            if (p[0] == s[0]) match = true;
                        }
                        else if (p[0] == ']') break;
                        else if (p.Length >= 3 && p[1] == '-')
                        {
                            int start = p[0], end = p[2], c = s[0];
                            if (start > end) (start, end) = (end, start);
                            if (nocase) { start = Lower(start); end = Lower(end); c = Lower(c); }
                            p = p[2..];
                            if (c >= start && c <= end) match = true;
                        }
                        else if (nocase ? Lower(p[0]) == Lower(s[0]) : p[0] == s[0]) match = true;
                        p = p[1..];
                    }
                    if (not) match = !match;
                    if (!match) return false;
                    s = s[1..];
                    if (p.Length == 0) return s.Length == 0; // pattern ended inside the class
                    break;
                }
                case (byte)'\\':
                    if (p.Length >= 2) p = p[1..];
                    goto default;
                default:
                    if (nocase ? Lower(p[0]) != Lower(s[0]) : p[0] != s[0]) return false;
                    s = s[1..];
                    break;
            }
            p = p[1..];
            if (s.Length == 0)
            {
                while (p.Length > 0 && p[0] == '*') p = p[1..];
                break;
            }
        }
        return p.Length == 0 && s.Length == 0;
    }

    private static int Lower(int c) => c is >= 'A' and <= 'Z' ? c + 32 : c;
}
