using System.Text;
using RedisNet.Keyspace;

namespace RedisNet.Types.HyperLogLog;

/// <summary>
/// The sparse encoding: run-length opcodes after the header. ZERO (00xxxxxx) is 1..64 zero
/// registers, XZERO (01xxxxxx yyyyyyyy) 1..16384 zero registers, VAL (1vvvvvxx) 1..4 registers
/// holding 1..32. Updates split and re-merge opcodes in place exactly as Redis's hllSparseSet
/// does, so the bytes stay identical to redis-server's for the same sequence of additions.
/// </summary>
public static class HllSparse
{
    public const int ValMaxValue = 32;
    private const int ValMaxLen = 4;
    private const int ZeroMaxLen = 64;

    private static bool IsZero(byte op) => (op & 0xC0) == 0;
    private static bool IsXZero(byte op) => (op & 0xC0) == 0x40;
    private static bool IsVal(byte op) => (op & 0x80) != 0;
    private static int ZeroLen(byte op) => (op & 0x3F) + 1;
    private static int ValValue(byte op) => ((op >> 2) & 0x1F) + 1;
    private static int ValLen(byte op) => (op & 0x3) + 1;
    private static byte ValOp(int value, int len) => (byte)((((value - 1) << 2) | (len - 1)) | 0x80);

    // An XZERO's second byte; a truncated one reads as 0, as Redis reads the string's terminator.
    private static int XZeroLen(ReadOnlySpan<byte> s, int p) => (((s[p] & 0x3F) << 8) | (p + 1 < s.Length ? s[p + 1] : 0)) + 1;

    public static void WriteXZero(Span<byte> p, int len)
    {
        p[0] = (byte)(((len - 1) >> 8) | 0x40);
        p[1] = (byte)((len - 1) & 0xFF);
    }

    /// <summary>Writes a ZERO or XZERO opcode for <paramref name="len"/> registers; returns its size.</summary>
    private static int WriteZeros(Span<byte> p, int len)
    {
        if (len > ZeroMaxLen)
        {
            WriteXZero(p, len);
            return 2;
        }
        p[0] = (byte)(len - 1);
        return 1;
    }

    /// <summary>
    /// Raises register <paramref name="index"/> to <paramref name="count"/> in the HLL held by
    /// <paramref name="m"/> (sparse), promoting it to dense when the value does not fit the sparse
    /// form or the string would pass <paramref name="maxBytes"/>. 1 when changed, 0 when not, -1 when corrupt.
    /// </summary>
    public static int Set(MutableString m, int index, int count, long maxBytes)
    {
        if (count > ValMaxValue) return Promote(m, index, count);
        var buf = m.Buffer;
        int end = m.Length;
        // Step 1: find the opcode covering the register.
        int p = HllFormat.HeaderSize, first = 0, prev = -1, span = 0;
        while (p < end)
        {
            int oplen = 1;
            byte op = buf[p];
            if (IsZero(op)) span = ZeroLen(op);
            else if (IsVal(op)) span = ValLen(op);
            else
            {
                span = XZeroLen(buf.AsSpan(0, end), p);
                oplen = 2;
            }
            if (index <= first + span - 1) break;
            prev = p;
            p += oplen;
            first += span;
        }
        if (span == 0 || p >= end) return -1;

        byte cur = buf[p];
        bool isZero = IsZero(cur), isXZero = IsXZero(cur), isVal = IsVal(cur);
        int next = isXZero ? p + 2 : p + 1;
        if (next >= end) next = -1;
        int runlen = isZero ? ZeroLen(cur) : isXZero ? XZeroLen(buf.AsSpan(0, end), p) : ValLen(cur);

        // Step 2: the trivial updates (a VAL already high enough, or a single-register opcode).
        if (isVal)
        {
            if (ValValue(cur) >= count) return 0;
            if (runlen == 1)
            {
                buf[p] = ValOp(count, 1);
                return Updated(m, prev);
            }
        }
        if (isZero && runlen == 1)
        {
            buf[p] = ValOp(count, 1);
            return Updated(m, prev);
        }

        // The general case: split the opcode into up to three (at most 5 bytes).
        Span<byte> seq = stackalloc byte[5];
        int n = 0, last = first + span - 1;
        if (isZero || isXZero)
        {
            if (index != first) n += WriteZeros(seq[n..], index - first);
            seq[n++] = ValOp(count, 1);
            if (index != last) n += WriteZeros(seq[n..], last - index);
        }
        else
        {
            int curVal = ValValue(cur);
            if (index != first) seq[n++] = ValOp(curVal, index - first);
            seq[n++] = ValOp(count, 1);
            if (index != last) seq[n++] = ValOp(curVal, last - index);
        }

        // Step 3: put the new sequence in place of the old opcode.
        int delta = n - (isXZero ? 2 : 1);
        if (delta > 0 && end + delta > maxBytes) return Promote(m, index, count);
        if (delta > 0)
        {
            m.EnsureLength(end + delta);
            buf = m.Buffer;
        }
        if (delta != 0 && next >= 0) buf.AsSpan(next, end - next).CopyTo(buf.AsSpan(next + delta));
        if (delta < 0) m.Length = end + delta;
        seq[..n].CopyTo(buf.AsSpan(p));
        return Updated(m, prev);
    }

    /// <summary>Step 4: merge adjacent VALs of equal value, scanning up to 5 opcodes from the previous one.</summary>
    private static int Updated(MutableString m, int prev)
    {
        var buf = m.Buffer;
        int end = m.Length;
        int p = prev >= 0 ? prev : HllFormat.HeaderSize;
        int scan = 5;
        while (p < end && scan-- > 0)
        {
            byte op = buf[p];
            if (IsXZero(op)) { p += 2; continue; }
            if (IsZero(op)) { p++; continue; }
            if (p + 1 < end && IsVal(buf[p + 1]))
            {
                int v = ValValue(op);
                int len = ValLen(op) + ValLen(buf[p + 1]);
                if (v == ValValue(buf[p + 1]) && len <= ValMaxLen)
                {
                    buf[p + 1] = ValOp(v, len);
                    buf.AsSpan(p + 1, end - p - 1).CopyTo(buf.AsSpan(p));
                    end--;
                    m.Length = end;
                    // Stay here: the merged opcode may merge with the next one too.
                    continue;
                }
            }
            p++;
        }
        HllFormat.InvalidateCache(m.Span);
        return 1;
    }

    private static int Promote(MutableString m, int index, int count)
    {
        if (!ToDense(m)) return -1;
        HllDense.Set(m.Span[HllFormat.HeaderSize..], index, count);
        return 1;
    }

    /// <summary>Converts a sparse HLL to dense in place (header kept); false when the opcodes are corrupt.</summary>
    public static bool ToDense(MutableString m)
    {
        var src = m.Span;
        if (HllFormat.IsDense(src)) return true;
        var dense = new byte[HllFormat.DenseSize];
        src[..HllFormat.HeaderSize].CopyTo(dense);
        dense[4] = HllFormat.Dense;
        var regs = dense.AsSpan(HllFormat.HeaderSize);
        bool ok = Walk(src[HllFormat.HeaderSize..], regs, static (regs, i, v, run) =>
        {
            for (int k = 0; k < run; k++) HllDense.Put(regs, i + k, v);
        });
        if (!ok) return false;
        m.Buffer = dense;
        m.Length = dense.Length;
        return true;
    }

    private delegate void RunVisitor(Span<byte> target, int first, int value, int run);

    /// <summary>
    /// Walks the opcodes, calling <paramref name="visit"/> for each VAL run (zero runs only advance).
    /// True when they cover exactly the 16384 registers; a VAL run past the end is corrupt.
    /// </summary>
    private static bool Walk(ReadOnlySpan<byte> s, Span<byte> target, RunVisitor visit)
    {
        int p = 0, idx = 0;
        while (p < s.Length)
        {
            byte op = s[p];
            if (IsZero(op)) { idx += ZeroLen(op); p++; }
            else if (IsXZero(op)) { idx += XZeroLen(s, p); p += 2; }
            else
            {
                int run = ValLen(op);
                if (run + idx > HllFormat.Registers) return false;
                visit(target, idx, ValValue(op), run);
                idx += run;
                p++;
            }
        }
        return idx == HllFormat.Registers;
    }

    /// <summary>max[i] = MAX(max[i], register i); false when corrupt.</summary>
    public static bool MergeInto(ReadOnlySpan<byte> payload, Span<byte> max)
    {
        return Walk(payload, max, static (max, i, v, run) =>
        {
            for (int k = 0; k < run; k++)
                if (max[i + k] < v) max[i + k] = (byte)v;
        });
    }

    /// <summary>Adds the registers to the histogram; false when corrupt.</summary>
    public static bool Histogram(ReadOnlySpan<byte> s, Span<int> histo)
    {
        int idx = 0, p = 0;
        while (p < s.Length)
        {
            byte op = s[p];
            int run;
            if (IsZero(op)) { run = ZeroLen(op); histo[0] += run; p++; }
            else if (IsXZero(op)) { run = XZeroLen(s, p); histo[0] += run; p += 2; }
            else
            {
                run = ValLen(op);
                if (run + idx > HllFormat.Registers) return false;
                histo[ValValue(op)] += run;
                p++;
            }
            idx += run;
        }
        return idx == HllFormat.Registers;
    }

    /// <summary>PFDEBUG DECODE's text: "z:len", "Z:len", "v:value,len" separated by spaces.</summary>
    public static string Decode(ReadOnlySpan<byte> s)
    {
        var sb = new StringBuilder();
        int p = 0;
        while (p < s.Length)
        {
            byte op = s[p];
            if (sb.Length > 0) sb.Append(' ');
            if (IsZero(op)) { sb.Append("z:").Append(ZeroLen(op)); p++; }
            else if (IsXZero(op)) { sb.Append("Z:").Append(XZeroLen(s, p)); p += 2; }
            else { sb.Append("v:").Append(ValValue(op)).Append(',').Append(ValLen(op)); p++; }
        }
        return sb.ToString();
    }
}
