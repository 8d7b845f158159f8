namespace RedisNet.Commands.Bitmaps;

/// <summary>How BITFIELD handles a result outside its type's range.</summary>
internal enum Overflow { Wrap, Sat, Fail }

/// <summary>
/// Reading and writing big-endian bit fields of 1..64 bits at any bit offset, and Redis's
/// overflow rules (WRAP / SAT / FAIL) for signed and unsigned fields.
/// </summary>
internal static class BitFieldMath
{
    public static ulong GetUnsigned(ReadOnlySpan<byte> p, ulong offset, int bits)
    {
        ulong value = 0;
        for (int j = 0; j < bits; j++, offset++)
        {
            int bit = (p[(int)(offset >> 3)] >> (7 - (int)(offset & 7))) & 1;
            value = (value << 1) | (uint)bit;
        }
        return value;
    }

    public static long GetSigned(ReadOnlySpan<byte> p, ulong offset, int bits)
    {
        ulong v = GetUnsigned(p, offset, bits);
        // Sign-extend from the field's top bit.
        if (bits < 64 && (v & (1UL << (bits - 1))) != 0) v |= ulong.MaxValue << bits;
        return (long)v;
    }

    public static void Set(Span<byte> p, ulong offset, int bits, ulong value)
    {
        for (int j = 0; j < bits; j++, offset++)
        {
            int mask = 1 << (7 - (int)(offset & 7));
            int index = (int)(offset >> 3);
            bool on = (value & (1UL << (bits - 1 - j))) != 0;
            p[index] = (byte)(on ? p[index] | mask : p[index] & ~mask);
        }
    }

    /// <summary>
    /// Whether value + incr overflows an unsigned field of <paramref name="bits"/> bits (at most 63);
    /// <paramref name="limit"/> is the wrapped or saturated result Redis would store.
    /// </summary>
    public static bool UnsignedOverflows(ulong value, long incr, int bits, Overflow ow, out ulong limit)
    {
        ulong max = (1UL << bits) - 1;
        long maxIncr = unchecked((long)(max - value));
        long minIncr = unchecked(-(long)value);
        limit = 0;
        bool high = value > max || (incr > 0 && incr > maxIncr);
        if (!high && !(incr < 0 && incr < minIncr)) return false;
        if (ow == Overflow.Wrap) limit = unchecked(value + (ulong)incr) & ~(ulong.MaxValue << bits);
        else if (ow == Overflow.Sat) limit = high ? max : 0;
        return true;
    }

    /// <summary>Signed counterpart of <see cref="UnsignedOverflows"/> (fields of 1..64 bits).</summary>
    public static bool SignedOverflows(long value, long incr, int bits, Overflow ow, out long limit)
    {
        long max = bits == 64 ? long.MaxValue : (1L << (bits - 1)) - 1;
        long min = -max - 1;
        // These may wrap; they are only used once 'value' is known to be in range, as in Redis.
        long maxIncr = unchecked((long)((ulong)max - (ulong)value));
        long minIncr = unchecked(min - value);
        limit = 0;
        bool high = value > max || (bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr);
        bool low = !high && (value < min || (bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr));
        if (!high && !low) return false;
        if (ow == Overflow.Wrap)
        {
            ulong c = unchecked((ulong)value + (ulong)incr);
            if (bits < 64)
            {
                ulong mask = ulong.MaxValue << bits;
                c = (c & (1UL << (bits - 1))) != 0 ? c | mask : c & ~mask;
            }
            limit = (long)c;
        }
        else if (ow == Overflow.Sat) limit = high ? max : min;
        return true;
    }
}
