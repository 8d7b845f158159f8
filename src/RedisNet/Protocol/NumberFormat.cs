using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace RedisNet.Protocol;

/// <summary>Number formatting and parsing exactly as Redis prints and accepts them.</summary>
public static class NumberFormat
{
    /// <summary>
    /// C's printf("%.17g") as Redis's addReplyDouble uses it in 7.0: 17 significant digits, trailing
    /// zeros dropped, exponent form when the exponent is below -4 or at least 17; inf/-inf/nan.
    /// </summary>
    public static int FormatDouble(double d, Span<byte> dest)
    {
        if (double.IsPositiveInfinity(d)) { "inf"u8.CopyTo(dest); return 3; }
        if (double.IsNegativeInfinity(d)) { "-inf"u8.CopyTo(dest); return 4; }
        if (double.IsNaN(d)) { "nan"u8.CopyTo(dest); return 3; }
        string s = FormatG(d, 17);
        for (int i = 0; i < s.Length; i++) dest[i] = (byte)s[i];
        return s.Length;
    }

    /// <summary>C's %.{precision}g for a finite double.</summary>
    public static string FormatG(double d, int precision)
    {
        if (d == 0) return (1 / d) < 0 ? "-0" : "0";
        // "E16" gives precision significant digits in scientific form: d.dddE+xxx.
        string e = d.ToString("E" + (precision - 1), CultureInfo.InvariantCulture);
        int ePos = e.IndexOf('E');
        int exp = int.Parse(e.AsSpan(ePos + 1), CultureInfo.InvariantCulture);
        bool neg = e[0] == '-';
        string digits = e.Substring(neg ? 1 : 0, ePos - (neg ? 1 : 0)).Replace(".", "");
        var sb = new StringBuilder(32);
        if (neg) sb.Append('-');
        if (exp < -4 || exp >= precision)
        {
            string mant = digits.TrimEnd('0');
            sb.Append(mant[0]);
            if (mant.Length > 1) sb.Append('.').Append(mant, 1, mant.Length - 1);
            sb.Append('e').Append(exp < 0 ? '-' : '+');
            int ax = Math.Abs(exp);
            if (ax < 10) sb.Append('0');
            sb.Append(ax);
        }
        else if (exp >= 0)
        {
            string intPart = digits.Substring(0, exp + 1);
            string frac = digits.Substring(exp + 1).TrimEnd('0');
            sb.Append(intPart);
            if (frac.Length > 0) sb.Append('.').Append(frac);
        }
        else
        {
            string frac = (new string('0', -exp - 1) + digits).TrimEnd('0');
            sb.Append("0.").Append(frac);
        }
        return sb.ToString();
    }

    /// <summary>Redis's string2ll: optional '-', digits, no leading zeros (except "0"), no spaces, fits in 64 bits.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.Length == 0 || s.Length > 20) return false;
        if (s.Length == 1 && s[0] == '0') return true;
        int i = 0;
        bool neg = false;
        if (s[0] == '-') { neg = true; i = 1; if (s.Length == 1) return false; }
        if (s[i] < '1' || s[i] > '9') return false;
        if (s.Length - i <= 18)
        {
            // Up to 18 digits cannot overflow: no per-digit bound check (INCR's hot path).
            long fast = 0;
            for (; i < s.Length; i++)
            {
                uint d = (uint)(s[i] - '0');
                if (d > 9) return false;
                fast = fast * 10 + d;
            }
            value = neg ? -fast : fast;
            return true;
        }
        ulong v = 0;
        for (; i < s.Length; i++)
        {
            uint c = (uint)(s[i] - '0');
            if (c > 9) return false;
            if (v > (ulong.MaxValue - c) / 10) return false;
            v = v * 10 + c;
        }
        if (neg)
        {
            if (v > (ulong)long.MaxValue + 1) return false;
            value = (long)(0 - v);
        }
        else
        {
            if (v > long.MaxValue) return false;
            value = (long)v;
        }
        return true;
    }

    /// <summary>Formats a long into ASCII bytes (ll2string).</summary>
    public static int FormatInt64(long v, Span<byte> dest)
    {
        Utf8Formatter.TryFormat(v, dest, out int w);
        return w;
    }

    public static byte[] Int64Bytes(long v)
    {
        Span<byte> tmp = stackalloc byte[20];
        int n = FormatInt64(v, tmp);
        return tmp.Slice(0, n).ToArray();
    }

    /// <summary>
    /// Redis's string2d / strtod check for user-supplied doubles: the whole string must parse, no
    /// leading space, "inf"/"-inf"/"+inf" accepted, NaN rejected.
    /// </summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        if (s.Length == 0 || s.Length > 5000) return false;
        if (IsSpace(s[0]) || IsSpace(s[^1])) return false;
        Span<char> chars = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        for (int i = 0; i < s.Length; i++) chars[i] = (char)s[i];
        ReadOnlySpan<char> c = chars;
        if (c.Equals("inf", StringComparison.OrdinalIgnoreCase) || c.Equals("+inf", StringComparison.OrdinalIgnoreCase)
            || c.Equals("infinity", StringComparison.OrdinalIgnoreCase) || c.Equals("+infinity", StringComparison.OrdinalIgnoreCase))
        { value = double.PositiveInfinity; return true; }
        if (c.Equals("-inf", StringComparison.OrdinalIgnoreCase) || c.Equals("-infinity", StringComparison.OrdinalIgnoreCase))
        { value = double.NegativeInfinity; return true; }
        // strtod accepts hex floats too; decimal covers what clients send.
        if (!double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return false;
        return !double.IsNaN(value);
    }

    private static bool IsSpace(byte b) => b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f';
}
