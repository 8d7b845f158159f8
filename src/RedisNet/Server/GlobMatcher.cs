namespace RedisNet.Server;

/// <summary>Redis's glob-style matching (stringmatchlen): *, ?, [abc], [^a-z], and \ escapes.</summary>
public static class GlobMatcher
{
    public static bool Match(string pattern, string text, bool ignoreCase = false) => Match(pattern.AsSpan(), text.AsSpan(), ignoreCase);

    private static char Fold(char c, bool ignoreCase) => ignoreCase ? char.ToLowerInvariant(c) : c;

    public static bool Match(ReadOnlySpan<char> p, ReadOnlySpan<char> s, bool ignoreCase)
    {
        while (p.Length > 0)
        {
            switch (p[0])
            {
                case '*':
                    while (p.Length > 1 && p[1] == '*') p = p[1..];
                    if (p.Length == 1) return true;
                    for (int i = 0; i <= s.Length; i++)
                        if (Match(p[1..], s[i..], ignoreCase)) return true;
                    return false;
                case '?':
                    if (s.Length == 0) return false;
                    s = s[1..];
                    break;
                case '[':
                {
                    if (s.Length == 0) return false;
                    p = p[1..];
                    bool not = p.Length > 0 && p[0] == '^';
                    if (not) p = p[1..];
                    bool match = false;
                    char c = Fold(s[0], ignoreCase);
                    while (p.Length > 0 && p[0] != ']')
                    {
                        if (p[0] == '\\' && p.Length >= 2)
                        {
                            p = p[1..];
                            if (Fold(p[0], ignoreCase) == c) match = true;
                        }
                        else if (p.Length >= 3 && p[1] == '-')
                        {
                            char lo = Fold(p[0], ignoreCase), hi = Fold(p[2], ignoreCase);
                            if (lo > hi) (lo, hi) = (hi, lo);
                            if (c >= lo && c <= hi) match = true;
                            p = p[2..];
                        }
                        else if (Fold(p[0], ignoreCase) == c) match = true;
                        p = p[1..];
                    }
                    if (not) match = !match;
                    if (!match) return false;
                    s = s[1..];
                    if (p.Length == 0) return s.Length == 0; // unterminated class ends the pattern
                    break;
                }
                case '\\' when p.Length >= 2:
                    p = p[1..];
                    goto default;
                default:
                    if (s.Length == 0 || Fold(p[0], ignoreCase) != Fold(s[0], ignoreCase)) return false;
                    s = s[1..];
                    break;
            }
            p = p[1..];
        }
        return s.Length == 0;
    }
}
