using System.Numerics;
using System.Text;

namespace RedisNet.Commands.Strings;

/// <summary>
/// An exact emulation of the x86-64 C "long double" (80-bit extended: 64-bit mantissa, exponent
/// range of 2^-16445 .. 2^16384) for INCRBYFLOAT, which Redis computes as strtold, +, then
/// printf("%.17Lf") with trailing zeros removed. .NET has no such type, and neither double nor
/// decimal reproduce its rounding, so values are kept as BigInteger mantissa × 2^exponent and every
/// step rounds exactly as the hardware does (to nearest, ties to even). The results therefore match
/// redis-server on x86-64 for every input, including ones far outside double's range (1e400).
/// Not hot: INCRBYFLOAT is rare next to INCR, and BigInteger keeps this obviously correct.
/// </summary>
internal readonly struct LongDouble
{
    private const int MantissaBits = 64;
    private const int MaxLeadExponent = 16383;             // largest finite value < 2^16384
    private const int MinQuantumExponent = -16382 - 63;    // spacing of subnormals: 2^-16445
    private const int MaxChars = 5 * 1024;                 // Redis's MAX_LONG_DOUBLE_CHARS buffer

    private enum Kind : byte { Finite, Infinity, NaN }

    private readonly BigInteger _mantissa; // magnitude, < 2^64
    private readonly int _exponent;
    private readonly bool _negative;
    private readonly Kind _kind;

    private LongDouble(bool negative, BigInteger mantissa, int exponent, Kind kind = Kind.Finite)
    {
        _negative = negative;
        _mantissa = mantissa;
        _exponent = exponent;
        _kind = kind;
    }

    public static LongDouble Zero => new(false, BigInteger.Zero, 0);
    private static LongDouble Infinity(bool negative) => new(negative, BigInteger.Zero, 0, Kind.Infinity);
    private static readonly LongDouble NaN = new(false, BigInteger.Zero, 0, Kind.NaN);

    public bool IsFinite => _kind == Kind.Finite;


    /// <summary>A double's exact value, as C's cast to long double (GEOPOS prints coordinates this way).</summary>
    public static LongDouble FromDouble(double d)
    {
        if (double.IsNaN(d)) return NaN;
        if (double.IsInfinity(d)) return Infinity(d < 0);
        long bits = BitConverter.DoubleToInt64Bits(d);
        int exp = (int)((bits >> 52) & 0x7FF);
        long frac = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0) exp = 1; else frac |= 1L << 52;
        return new LongDouble(bits < 0, frac, exp - 1075);
    }

    /// <summary>
    /// Redis's string2ld: strtold must consume the whole string, no leading space, and overflow,
    /// underflow to zero and NaN are rejected. Accepts decimal, hex ("0x1p3") and inf/infinity forms.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out LongDouble value)
    {
        value = Zero;
        if (s.Length == 0 || s.Length >= MaxChars) return false;
        int i = 0;
        bool negative = false;
        if (s[0] == '+' || s[0] == '-') { negative = s[0] == '-'; i = 1; }
        var rest = s[i..];
        if (System.Text.Ascii.EqualsIgnoreCase(rest, "inf"u8) || System.Text.Ascii.EqualsIgnoreCase(rest, "infinity"u8))
        {
            value = Infinity(negative);
            return true;
        }
        bool ok = rest.Length > 2 && rest[0] == '0' && (rest[1] | 0x20) == 'x'
            ? TryParseHex(rest[2..], negative, out value)
            : TryParseDecimal(rest, negative, out value);
        // strtold reports ERANGE for overflow (HUGE_VALL) and for underflow to zero: Redis refuses both.
        return ok && value.IsFinite && !(value._mantissa.IsZero && value._exponent != 0);
    }

    private static bool TryParseDecimal(ReadOnlySpan<byte> s, bool negative, out LongDouble value)
    {
        value = Zero;
        var digits = new StringBuilder(s.Length);
        int i = 0, fractionDigits = 0;
        bool anyDigit = false;
        for (; i < s.Length && IsDigit(s[i]); i++) { digits.Append((char)s[i]); anyDigit = true; }
        if (i < s.Length && s[i] == '.')
        {
            for (i++; i < s.Length && IsDigit(s[i]); i++) { digits.Append((char)s[i]); fractionDigits++; anyDigit = true; }
        }
        if (!anyDigit) return false;
        long exp10 = 0;
        if (i < s.Length && (s[i] | 0x20) == 'e' && !TryParseExponent(s[(i + 1)..], out exp10)) return false;
        else if (i < s.Length && (s[i] | 0x20) != 'e') return false;
        var n = BigInteger.Parse(digits.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        exp10 -= fractionDigits;
        if (n.IsZero) { value = new LongDouble(negative, BigInteger.Zero, 0); return true; }
        // Decide far-out exponents before building a power of ten: above ~1.19e4932 overflows,
        // below the smallest subnormal (~3.6e-4951) rounds to zero.
        long magnitude = exp10 + n.ToString().Length; // value < 10^magnitude
        if (magnitude - 1 > 4933) { value = Infinity(negative); return true; }
        if (magnitude < -4952) { value = new LongDouble(negative, BigInteger.Zero, 1); return true; } // underflow marker
        value = exp10 >= 0
            ? Round(negative, n * BigInteger.Pow(10, (int)exp10), BigInteger.One, 0)
            : Round(negative, n, BigInteger.Pow(10, (int)-exp10), 0);
        return true;
    }

    private static bool TryParseHex(ReadOnlySpan<byte> s, bool negative, out LongDouble value)
    {
        value = Zero;
        BigInteger n = BigInteger.Zero;
        int i = 0, fractionDigits = 0;
        bool anyDigit = false;
        for (; i < s.Length && HexValue(s[i]) >= 0; i++) { n = (n << 4) + HexValue(s[i]); anyDigit = true; }
        if (i < s.Length && s[i] == '.')
        {
            for (i++; i < s.Length && HexValue(s[i]) >= 0; i++) { n = (n << 4) + HexValue(s[i]); fractionDigits++; anyDigit = true; }
        }
        if (!anyDigit) return false;
        long exp2 = 0;
        if (i < s.Length && (s[i] | 0x20) == 'p' && !TryParseExponent(s[(i + 1)..], out exp2)) return false;
        else if (i < s.Length && (s[i] | 0x20) != 'p') return false;
        exp2 -= 4L * fractionDigits;
        if (n.IsZero) { value = new LongDouble(negative, BigInteger.Zero, 0); return true; }
        long lead = exp2 + (long)n.GetBitLength() - 1;
        if (lead > MaxLeadExponent) { value = Infinity(negative); return true; }
        if (lead < MinQuantumExponent - 1) { value = new LongDouble(negative, BigInteger.Zero, 1); return true; }
        value = Round(negative, n, BigInteger.One, (int)exp2);
        return true;
    }

    /// <summary>An exponent: optional sign and at least one digit, all of the rest; saturates far beyond any representable range.</summary>
    private static bool TryParseExponent(ReadOnlySpan<byte> s, out long exp)
    {
        exp = 0;
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-')) { negative = s[0] == '-'; i = 1; }
        if (i >= s.Length) return false;
        for (; i < s.Length; i++)
        {
            if (!IsDigit(s[i])) return false;
            if (exp < 1_000_000_000) exp = exp * 10 + (s[i] - '0');
        }
        if (negative) exp = -exp;
        return true;
    }

    private static bool IsDigit(byte b) => b >= '0' && b <= '9';

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>
    /// Rounds num/den × 2^exp2 (num, den positive) to the nearest long double, ties to even, with
    /// gradual underflow; a result that rounds to zero keeps exponent 1 as an underflow marker.
    /// </summary>
    private static LongDouble Round(bool negative, BigInteger num, BigInteger den, int exp2)
    {
        long lb = (long)num.GetBitLength() - (long)den.GetBitLength();
        bool atLeast = lb >= 0 ? num >= (den << (int)lb) : (num << (int)-lb) >= den;
        long lead = (atLeast ? lb : lb - 1) + exp2; // floor(log2(value))
        if (lead > MaxLeadExponent) return Infinity(negative);
        if (lead < MinQuantumExponent - 1) return new LongDouble(negative, BigInteger.Zero, 1);
        long quantum = Math.Max(lead - (MantissaBits - 1), MinQuantumExponent);
        long shift = exp2 - quantum;
        if (shift >= 0) num <<= (int)shift; else den <<= (int)-shift;
        var m = BigInteger.DivRem(num, den, out var rem);
        int half = (rem << 1).CompareTo(den);
        if (half > 0 || (half == 0 && !m.IsEven)) m += 1;
        if (m.GetBitLength() > MantissaBits) { m >>= 1; quantum++; }
        if (m.IsZero) return new LongDouble(negative, BigInteger.Zero, 1);
        if (quantum + (long)m.GetBitLength() - 1 > MaxLeadExponent) return Infinity(negative);
        return new LongDouble(negative, m, (int)quantum);
    }

    /// <summary>IEEE addition in long double precision.</summary>
    public static LongDouble Add(LongDouble a, LongDouble b)
    {
        if (a._kind == Kind.NaN || b._kind == Kind.NaN) return NaN;
        if (a._kind == Kind.Infinity && b._kind == Kind.Infinity) return a._negative == b._negative ? a : NaN;
        if (a._kind == Kind.Infinity) return a;
        if (b._kind == Kind.Infinity) return b;
        if (a._mantissa.IsZero && b._mantissa.IsZero) return new LongDouble(a._negative && b._negative, BigInteger.Zero, 0);
        if (a._mantissa.IsZero) return b;
        if (b._mantissa.IsZero) return a;
        int e = Math.Min(a._exponent, b._exponent);
        var sa = a._mantissa << (a._exponent - e);
        var sb = b._mantissa << (b._exponent - e);
        var sum = (a._negative ? -sa : sa) + (b._negative ? -sb : sb);
        if (sum.IsZero) return Zero; // x + (-x) is +0 when rounding to nearest
        return Round(sum.Sign < 0, BigInteger.Abs(sum), BigInteger.One, e);
    }

    /// <summary>
    /// Redis's ld2string in LD_STR_HUMAN mode: "%.17Lf" (exact value, rounded half to even at 17
    /// decimals, as glibc does), trailing zeros and a bare '.' removed, "-0" written as "0".
    /// </summary>
    public byte[] FormatHuman()
    {
        var scale = BigInteger.Pow(10, 17);
        BigInteger n;
        if (_exponent >= 0) n = (_mantissa << _exponent) * scale;
        else
        {
            var den = BigInteger.One << -_exponent;
            n = BigInteger.DivRem(_mantissa * scale, den, out var rem);
            int half = (rem << 1).CompareTo(den);
            if (half > 0 || (half == 0 && !n.IsEven)) n += 1;
        }
        var digits = n.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(18, '0');
        var intPart = digits[..^17];
        var frac = digits[^17..].TrimEnd('0');
        var text = frac.Length > 0 ? intPart + "." + frac : intPart;
        if (_negative && text != "0") text = "-" + text;
        return Encoding.ASCII.GetBytes(text);
    }
}
