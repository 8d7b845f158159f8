using RedisNet.Commands.SortedSets;
using RedisNet.Types;
using RedisNet.Types.Hash;

namespace RedisNet.Commands.Keys;

/// <summary>
/// SORT's BY/GET pattern lookup (Redis's lookupKeyByPattern) and the value helpers its sorting uses.
/// Redis searches the pattern with C string functions, so a NUL byte ends the search for '*' and
/// "->" while the copied prefix/postfix still use the whole pattern: the same here.
/// </summary>
internal static class SortPattern
{
    /// <summary>
    /// The value a pattern names for one element: "#" is the element itself; otherwise the first '*'
    /// is replaced by the element and the key read as a string, or, with "->field" after the '*', as a
    /// hash field. Null when there is no '*', the key is missing or of another type, or the field is missing.
    /// </summary>
    public static ReadOnlySpan<byte> Lookup(CommandContext ctx, ReadOnlySpan<byte> pattern, byte[] element, out bool found)
    {
        found = false;
        var cstr = CString(pattern);
        if (cstr.Length == 1 && cstr[0] == '#') { found = true; return element; }
        int star = cstr.IndexOf((byte)'*');
        if (star < 0) return default;
        int arrow = cstr[(star + 1)..].IndexOf("->"u8);
        int fieldLen = 0;
        if (arrow >= 0)
        {
            arrow += star + 1;
            if (arrow + 2 < cstr.Length) fieldLen = pattern.Length - arrow - 2;
        }
        int postfix = pattern.Length - (star + 1) - (fieldLen > 0 ? fieldLen + 2 : 0);
        var key = new byte[star + element.Length + postfix];
        pattern[..star].CopyTo(key);
        element.CopyTo(key.AsSpan(star));
        pattern.Slice(star + 1, postfix).CopyTo(key.AsSpan(star + element.Length));

        var e = ctx.Db.LookupRead(key);
        if (e is null) return default;
        if (fieldLen > 0)
        {
            if (e.BoxedValue is not HashValue hash || !hash.TryFind(pattern[^fieldLen..], out var pair)) return default;
            found = true;
            return HashPair.Value(pair);
        }
        if (!e.TryGetString(out var value)) return default;
        found = true;
        return value;
    }

    /// <summary>The text before the first NUL, as C's string functions see it.</summary>
    public static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> s)
    {
        int nul = s.IndexOf((byte)0);
        return nul < 0 ? s : s[..nul];
    }

    /// <summary>
    /// SORT's numeric weight: strtod over the C string, which must be consumed whole, with no ERANGE
    /// (overflow or underflow) and no NaN. "" reads as 0; white space alone is an error.
    /// </summary>
    public static bool TryScore(ReadOnlySpan<byte> value, out double score)
    {
        var s = CString(value);
        score = 0;
        if (s.Length == 0) return true;
        int i = 0;
        while (i < s.Length && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
        if (i == s.Length || !ZArgs.TryScore(s[i..], out score) || double.IsNaN(score)) return false;
        // glibc also reports ERANGE for an inexact subnormal result, which a decimal one always is
        // (an exact hexadecimal subnormal such as 0x1p-1074 is fine).
        return !(double.IsSubnormal(score) && !IsHex(s[i..]));
    }

    private static bool IsHex(ReadOnlySpan<byte> s)
    {
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-')) s = s[1..];
        return s.Length > 1 && s[0] == '0' && (s[1] | 0x20) == 'x';
    }

    /// <summary>Redis's compareStringObjects: binary comparison, the shorter string first on a common prefix.</summary>
    public static int Binary(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => Math.Sign(a.SequenceCompareTo(b));

    /// <summary>strcoll under the C / C.UTF-8 locale (glibc compares bytes): the strings end at their first NUL.</summary>
    public static int Collate(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => Binary(CString(a), CString(b));
}
