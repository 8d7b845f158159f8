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
        return NumberFormat.TryParseDouble(s[i..], out value);
    }

    /// <summary>A score for ZADD/ZINCRBY (getDoubleFromObject): strtod plus its ERANGE checks (overflow, underflow to 0).</summary>
    public static bool TryScore(ReadOnlySpan<byte> s, out double value)
    {
        if (!NumberFormat.TryParseDouble(s, out value)) return false;
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
