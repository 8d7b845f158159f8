using RedisNet.Protocol;
using RedisNet.Types.SortedSet;

namespace RedisNet.Commands.SortedSets;

/// <summary>A score interval as ZRANGEBYSCORE takes it: "(" marks an exclusive bound, "-inf"/"+inf" are open.</summary>
public readonly record struct ScoreRange(double Min, bool MinEx, double Max, bool MaxEx)
{
    public const string Error = "ERR min or max is not a float";

    /// <summary>Redis's zslParseRange: strtod on the text (after an optional '('), which must be consumed whole, not NaN.</summary>
    public static bool TryParse(ReadOnlySpan<byte> min, ReadOnlySpan<byte> max, out ScoreRange range)
    {
        range = default;
        if (!TryBound(min, out double lo, out bool loEx) || !TryBound(max, out double hi, out bool hiEx)) return false;
        range = new ScoreRange(lo, loEx, hi, hiEx);
        return true;
    }

    private static bool TryBound(ReadOnlySpan<byte> s, out double value, out bool exclusive)
    {
        exclusive = s.Length > 0 && s[0] == '(';
        if (exclusive) s = s[1..];
        return ZArgs.TryStrtod(s, out value);
    }

    /// <summary>Rank of the first element inside the range.</summary>
    public int First(OrderTree t) => t.LowerBound(new ScoreFrom(Min, MinEx));
    /// <summary>Rank just past the last element inside the range.</summary>
    public int End(OrderTree t) => t.LowerBound(new ScoreFrom(Max, !MaxEx));
}

/// <summary>A member interval as ZRANGEBYLEX takes it: "-"/"+" open, "[x" inclusive, "(x" exclusive.</summary>
public readonly record struct LexRange(byte[]? Min, bool MinEx, bool MinPlus, byte[]? Max, bool MaxEx, bool MaxMinus)
{
    public const string Error = "ERR min or max not valid string range item";

    public static bool TryParse(ReadOnlySpan<byte> min, ReadOnlySpan<byte> max, out LexRange range)
    {
        range = default;
        if (!TryItem(min, out var lo, out bool loEx, out bool loPlus, out _)) return false;
        if (!TryItem(max, out var hi, out bool hiEx, out _, out bool hiMinus)) return false;
        range = new LexRange(lo, loEx, loPlus, hi, hiEx, hiMinus);
        return true;
    }

    // null bytes: "-" or "+" (told apart by the flags).
    private static bool TryItem(ReadOnlySpan<byte> s, out byte[]? value, out bool exclusive, out bool plus, out bool minus)
    {
        value = null; exclusive = plus = minus = false;
        if (s.Length == 0) return false;
        switch (s[0])
        {
            case (byte)'+': plus = true; return s.Length == 1;
            case (byte)'-': minus = true; return s.Length == 1;
            case (byte)'(': exclusive = true; value = s[1..].ToArray(); return true;
            case (byte)'[': value = s[1..].ToArray(); return true;
            default: return false;
        }
    }

    public int First(OrderTree t) =>
        MinPlus ? t.Count : Min is null ? 0 : t.LowerBound(new MemberFrom(Min, MinEx));

    public int End(OrderTree t) =>
        MaxMinus ? 0 : Max is null ? t.Count : t.LowerBound(new MemberFrom(Max, !MaxEx));
}

/// <summary>Argument parsing shared by the sorted-set commands.</summary>
public static class ZArgs
{
    /// <summary>
    /// C's strtod as zslParseRange uses it: leading white space skipped, "" reads as 0, overflow
    /// gives ±inf (no range check), the whole text must be consumed, NaN refused.
    /// </summary>
    public static bool TryStrtod(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        if (s.Length == 0) return true;
        int i = 0;
        while (i < s.Length && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
        return TryParse(s[i..], out value);
    }

    // strtod's forms: decimal (NumberFormat) and hexadecimal ("0x1.8p3").
    private static bool TryParse(ReadOnlySpan<byte> s, out double value) =>
        NumberFormat.TryParseDouble(s, out value) || TryParseHex(s, out value);

    /// <summary>C99 hexadecimal floating point: [sign]0x hex-digits [. hex-digits] [p [sign] digits].</summary>
    internal static bool TryParseHex(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        bool negative = false;
        int i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
        if (s.Length - i < 3 || s[i] != '0' || (s[i + 1] | 0x20) != 'x') return false;
        i += 2;
        var mantissa = System.Numerics.BigInteger.Zero;
        long exp = 0;
        int digits = 0;
        bool dot = false;
        for (; i < s.Length; i++)
        {
            int d = HexDigit(s[i]);
            if (d >= 0)
            {
                mantissa = mantissa * 16 + d;
                if (dot) exp -= 4;
                digits++;
            }
            else if (s[i] == '.' && !dot) dot = true;
            else break;
        }
        if (digits == 0) return false;
        if (i < s.Length && (s[i] | 0x20) == 'p')
        {
            i++;
            bool expNeg = false;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) expNeg = s[i++] == '-';
            long e = 0;
            int start = i;
            for (; i < s.Length && s[i] >= '0' && s[i] <= '9'; i++) e = Math.Min(e * 10 + (s[i] - '0'), 100000);
            if (i == start) return false;
            exp += expNeg ? -e : e;
        }
        if (i != s.Length) return false;
        // Scale the mantissa to 64 significant bits so one rounding (to double) happens.
        long bits = (long)mantissa.GetBitLength();
        if (bits > 64) { int shift = (int)(bits - 64); var rest = mantissa & ((System.Numerics.BigInteger.One << shift) - 1); mantissa >>= shift; exp += shift; if (!rest.IsZero) mantissa |= 1; }
        value = Math.ScaleB((double)(ulong)mantissa, (int)Math.Clamp(exp, -100000, 100000));
        if (negative) value = -value;
        return true;
    }

    private static int HexDigit(byte c) =>
        c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;

    /// <summary>A score for ZADD/ZINCRBY (getDoubleFromObject): strtod plus its ERANGE checks (overflow, underflow to 0).</summary>
    public static bool TryScore(ReadOnlySpan<byte> s, out double value)
    {
        if (s.Length == 0 || s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r')) { value = 0; return false; }
        if (!TryParse(s, out value)) return false;
        if (double.IsInfinity(value)) return IsInfinityLiteral(s);
        if (value == 0)
        {
            foreach (var c in s)
            {
                if (c == 'e' || c == 'E') break;
                if (c >= '1' && c <= '9') return false; // underflowed to zero
            }
        }
        return true;
    }

    private static bool IsInfinityLiteral(ReadOnlySpan<byte> s)
    {
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-')) s = s[1..];
        return s.Length > 0 && (s[0] == 'i' || s[0] == 'I');
    }

    /// <summary>Parses argument i as a score, replying Redis's "not a valid float" error otherwise.</summary>
    public static bool TryArgScore(CommandContext ctx, int i, out double value, string error = Errors.NotFloat)
    {
        if (TryScore(ctx.Arg(i), out value)) return true;
        ctx.Error(error);
        return false;
    }

    /// <summary>getPositiveLongFromObjectOrReply: an integer &gt;= 0; a non-integer and a negative value get the same error.</summary>
    public static bool TryArgPositive(CommandContext ctx, int i, out long value, string message = "ERR value is out of range, must be positive") =>
        TryArgRange(ctx, i, 0, long.MaxValue, out value, message);

    /// <summary>getRangeLongFromObjectOrReply with a message: a non-integer and an out-of-range value both get it.</summary>
    public static bool TryArgRange(CommandContext ctx, int i, long min, long max, out long value, string message)
    {
        if (NumberFormat.TryParseInt64(ctx.Arg(i), out value) && value >= min && value <= max) return true;
        ctx.Error(message);
        return false;
    }
}
