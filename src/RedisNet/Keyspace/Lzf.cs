namespace RedisNet.Keyspace;

/// <summary>
/// LZF compression producing the same output as the liblzf build inside Redis (16-bit hash table,
/// "very fast" mode), so RDB string sizes and DEBUG OBJECT's serializedlength agree with redis-server.
/// Format: 000LLLLL + L+1 literal bytes; LLLooooo oooooooo back-reference of L+2 bytes; 111ooooo
/// LLLLLLLL oooooooo for longer ones (offset o+1 back).
/// </summary>
public static class Lzf
{
    private const int HashLog = 16;
    private const int HashSize = 1 << HashLog;
    private const int MaxLiteral = 1 << 5;
    private const int MaxOffset = 1 << 13;
    private const int MaxRef = (1 << 8) + (1 << 3);

    // Reused per thread; a slot holds a position only if its stamp is the current call's.
    [ThreadStatic] private static int[]? _slots;
    [ThreadStatic] private static int[]? _stamps;
    [ThreadStatic] private static int _stamp;

    private static uint Index(uint h) => ((h >> (3 * 8 - HashLog)) - h * 5) & (HashSize - 1);

    /// <summary>
    /// Compresses <paramref name="input"/> into <paramref name="output"/>; returns the compressed
    /// length, or 0 when it does not fit in output.Length bytes (the caller then stores it raw).
    /// </summary>
    public static int Compress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int inEnd = input.Length, outEnd = output.Length;
        if (inEnd == 0 || outEnd == 0) return 0;
        var slots = _slots ??= new int[HashSize];
        var stamps = _stamps ??= new int[HashSize];
        if (++_stamp == int.MaxValue) { Array.Clear(stamps); _stamp = 1; }
        int stamp = _stamp;

        int ip = 0, op = 1, lit = 0; // op starts past the first literal run's length byte
        uint hval = inEnd >= 2 ? (uint)(input[0] << 8 | input[1]) : 0;
        while (ip < inEnd - 2)
        {
            hval = (hval << 8) | input[ip + 2];
            uint slot = Index(hval);
            int reference = stamps[slot] == stamp ? slots[slot] : -1;
            slots[slot] = ip;
            stamps[slot] = stamp;
            int off = ip - reference - 1;
            // Position 0 is never used as a reference (liblzf requires ref > start).
            if (reference > 0 && off < MaxOffset
                && input[reference + 2] == input[ip + 2] && input[reference] == input[ip] && input[reference + 1] == input[ip + 1])
            {
                int len = 2;
                int maxLen = Math.Min(inEnd - ip - len, MaxRef);
                if (op + 3 + 1 >= outEnd && op - (lit == 0 ? 1 : 0) + 3 + 1 >= outEnd) return 0;
                output[op - lit - 1] = (byte)(lit - 1); // close the literal run
                if (lit == 0) op--;                     // (or drop it if empty)
                len = MatchLength(input, reference, ip, len, maxLen);
                len -= 2; // the format stores the match length minus 2
                ip++;
                if (len < 7) output[op++] = (byte)((off >> 8) + (len << 5));
                else
                {
                    output[op++] = (byte)((off >> 8) + (7 << 5));
                    output[op++] = (byte)(len - 7);
                }
                output[op++] = (byte)off;
                lit = 0; op++; // start a new literal run
                ip += len + 1;
                if (ip >= inEnd - 2) break;
                // Hash the last two positions of the match so later data can refer into it.
                ip -= 2;
                hval = (uint)(input[ip] << 8 | input[ip + 1]);
                for (int k = 0; k < 2; k++)
                {
                    hval = (hval << 8) | input[ip + 2];
                    slot = Index(hval);
                    slots[slot] = ip;
                    stamps[slot] = stamp;
                    ip++;
                }
            }
            else
            {
                if (op >= outEnd) return 0;
                lit++;
                output[op++] = input[ip++];
                if (lit == MaxLiteral)
                {
                    output[op - lit - 1] = (byte)(lit - 1);
                    lit = 0; op++;
                }
            }
        }
        if (op + 3 > outEnd) return 0;
        while (ip < inEnd)
        {
            lit++;
            output[op++] = input[ip++];
            if (lit == MaxLiteral)
            {
                output[op - lit - 1] = (byte)(lit - 1);
                lit = 0; op++;
            }
        }
        output[op - lit - 1] = (byte)(lit - 1);
        if (lit == 0) op--;
        return op;
    }

    /// <summary>
    /// Index of the first mismatch after a 3-byte match, bounded by maxLen, exactly as liblzf's
    /// unrolled loop computes it (it may step one past maxLen when 16 bytes are checked at once).
    /// </summary>
    private static int MatchLength(ReadOnlySpan<byte> s, int reference, int ip, int len, int maxLen)
    {
        if (maxLen > 16)
        {
            for (int k = 0; k < 16; k++)
            {
                len++;
                if (s[reference + len] != s[ip + len]) return len;
            }
        }
        do len++;
        while (len < maxLen && s[reference + len] == s[ip + len]);
        return len;
    }

    /// <summary>
    /// Decompresses LZF data into <paramref name="output"/> (sized to the original length, as RDB
    /// records it); returns the bytes written, or -1 when the data is corrupt or does not fit.
    /// </summary>
    public static int Decompress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int ip = 0, op = 0;
        while (ip < input.Length)
        {
            int ctrl = input[ip++];
            if (ctrl < 1 << 5)
            {
                int run = ctrl + 1; // literal run
                if (ip + run > input.Length || op + run > output.Length) return -1;
                input.Slice(ip, run).CopyTo(output[op..]);
                ip += run;
                op += run;
                continue;
            }
            int len = ctrl >> 5; // back reference
            int back = ((ctrl & 0x1f) << 8) + 1;
            if (len == 7)
            {
                if (ip >= input.Length) return -1;
                len += input[ip++];
            }
            if (ip >= input.Length) return -1;
            back += input[ip++];
            len += 2;
            int from = op - back;
            if (from < 0 || op + len > output.Length) return -1;
            for (int i = 0; i < len; i++) output[op++] = output[from + i]; // may overlap: byte by byte
        }
        return op;
    }
}
