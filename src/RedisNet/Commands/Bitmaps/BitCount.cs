
namespace RedisNet.Commands.Bitmaps;

/// <summary>BITCOUNT and BITPOS, with Redis 7.0's BYTE|BIT ranges and negative indexes.</summary>
public static class BitCount
{
    [RedisCommand("bitcount", Arity = -2, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Bitmap | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:0,1,0",
        Group = "bitmap", Since = "2.6.0", Summary = "Count set bits in a string", Complexity = "O(N)")]
    public static void Count(CommandContext ctx)
    {
        // Redis 7.0 looks the key up before parsing the range: a missing key is 0 whatever follows.
        if (!BitAccess.TryRead(ctx, 0, out var s)) return;
        long start, end;
        bool isBit = false;
        if (ctx.ArgCount == 4 || ctx.ArgCount == 5)
        {
            if (!ctx.TryArgLong(2, out start) || !ctx.TryArgLong(3, out end)) return;
            if (ctx.ArgCount == 5 && !BitAccess.TryUnit(ctx, 4, out isBit)) return;
            long total = isBit ? (long)s.Length << 3 : s.Length;
            if (start < 0 && end < 0 && start > end)
            {
                ctx.Reply.WriteInteger(0);
                return;
            }
            Clamp(ref start, ref end, total);
        }
        else if (ctx.ArgCount == 2)
        {
            start = 0;
            end = s.Length - 1;
        }
        else
        {
            ctx.SyntaxError();
            return;
        }
        if (start > end)
        {
            ctx.Reply.WriteInteger(0);
            return;
        }
        if (!isBit)
        {
            ctx.Reply.WriteInteger(BitScan.PopCount(s.Slice((int)start, (int)(end - start + 1))));
            return;
        }
        int first = (int)(start >> 3), last = (int)(end >> 3);
        long n = BitScan.PopCount(s.Slice(first, last - first + 1));
        // Take away the bits of the edge bytes that lie outside the bit range.
        n -= System.Numerics.BitOperations.PopCount((uint)(s[first] & ~(0xFF >> (int)(start & 7)) & 0xFF));
        n -= System.Numerics.BitOperations.PopCount((uint)(s[last] & ((1 << (7 - (int)(end & 7))) - 1)));
        ctx.Reply.WriteInteger(n);
    }

    /// <summary>Redis's range conversion: negatives count from the end, then clamp to 0..total-1.</summary>
    private static void Clamp(ref long start, ref long end, long total)
    {
        if (start < 0) start = total + start;
        if (end < 0) end = total + end;
        if (start < 0) start = 0;
        if (end < 0) end = 0;
        if (end >= total) end = total - 1;
    }

    [RedisCommand("bitpos", Arity = -3, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Bitmap | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:0,1,0",
        Group = "bitmap", Since = "2.8.7", Summary = "Find first bit set or clear in a string", Complexity = "O(N)")]
    public static void Pos(CommandContext ctx)
    {
        if (!ctx.TryArgLong(2, out long bit)) return;
        if (bit != 0 && bit != 1)
        {
            ctx.Error("ERR The bit argument must be 1 or 0.");
            return;
        }
        // A missing key is an infinite run of zeros.
        if (!BitAccess.TryRead(ctx, bit == 1 ? -1 : 0, out var s)) return;
        long start, end;
        bool isBit = false, endGiven = false;
        int argc = ctx.ArgCount;
        if (argc >= 4 && argc <= 6)
        {
            if (!ctx.TryArgLong(3, out start)) return;
            if (argc == 6 && !BitAccess.TryUnit(ctx, 5, out isBit)) return;
            long total = s.Length;
            if (argc >= 5)
            {
                if (!ctx.TryArgLong(4, out end)) return;
                endGiven = true;
            }
            else end = isBit ? (total << 3) + 7 : total - 1;
            if (isBit) total <<= 3;
            Clamp(ref start, ref end, total);
        }
        else if (argc == 3)
        {
            start = 0;
            end = s.Length - 1;
        }
        else
        {
            ctx.SyntaxError();
            return;
        }
        // An empty range holds neither a 0 nor a 1.
        if (start > end)
        {
            ctx.Reply.WriteInteger(-1);
            return;
        }
        long from = isBit ? start : start << 3, to = isBit ? end : (end << 3) + 7;
        long pos = BitScan.FindBit(s, from, to, (int)bit);
        // Looking for a 0 without an explicit end: the string continues with zeros past its last byte.
        if (pos < 0 && bit == 0 && !endGiven) pos = ((to >> 3) + 1) << 3;
        ctx.Reply.WriteInteger(pos);
    }
}
