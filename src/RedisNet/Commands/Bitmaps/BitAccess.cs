using RedisNet.Commands.Strings;
using RedisNet.Keyspace;
using RedisNet.Protocol;
using RedisNet.Server;

namespace RedisNet.Commands.Bitmaps;

/// <summary>
/// What the bit commands share: Redis's getBitOffsetFromArgument (with BITFIELD's "#N" form),
/// getBitfieldTypeFromArgument, and lookupStringForBitCommand (grow a string in place, zero-padded).
/// </summary>
internal static class BitAccess
{
    public const string BadOffset = "ERR bit offset is not an integer or out of range";
    public const string BadBitfieldType = "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

    /// <summary>
    /// A bit offset argument: a non-negative integer whose byte index is below proto-max-bulk-len.
    /// With <paramref name="bits"/> &gt; 0, "#N" means N * bits (BITFIELD).
    /// </summary>
    public static bool TryOffset(CommandContext ctx, int arg, int bits, out ulong offset)
    {
        offset = 0;
        var p = ctx.Arg(arg);
        bool hash = bits > 0 && p.Length > 0 && p[0] == (byte)'#';
        if (!NumberFormat.TryParseInt64(hash ? p[1..] : p, out long v))
        {
            ctx.Error(BadOffset);
            return false;
        }
        // Redis multiplies in 64 bits and lets it wrap: a huge #N becomes negative and is refused.
        if (hash) v = unchecked(v * bits);
        if (v < 0 || ((ctx.Client.Flags & ClientFlags.Master) == 0 && (v >> 3) >= ctx.Server.Config.ProtoMaxBulkLen)
            || (v >> 3) >= Array.MaxLength)
        {
            ctx.Error(BadOffset);
            return false;
        }
        offset = (ulong)v;
        return true;
    }

    /// <summary>"i1".."i64" or "u1".."u63" (case-sensitive, as Redis).</summary>
    public static bool TryType(CommandContext ctx, int arg, out bool signed, out int bits)
    {
        var p = ctx.Arg(arg);
        signed = false;
        bits = 0;
        if (p.Length == 0 || (p[0] != (byte)'i' && p[0] != (byte)'u'))
        {
            ctx.Error(BadBitfieldType);
            return false;
        }
        signed = p[0] == (byte)'i';
        // Redis reads the digits as a C string: they end at the first NUL byte.
        var digits = p[1..];
        int nul = digits.IndexOf((byte)0);
        if (nul >= 0) digits = digits[..nul];
        if (!NumberFormat.TryParseInt64(digits, out long n) || n < 1 || n > (signed ? 64 : 63))
        {
            ctx.Error(BadBitfieldType);
            return false;
        }
        bits = (int)n;
        return true;
    }

    /// <summary>
    /// Redis's lookupStringForBitCommand: the string at the key, made modifiable and grown (zero
    /// padded) to hold bit <paramref name="maxBit"/>; created when missing. Null after WRONGTYPE.
    /// <paramref name="grew"/> is true when the key was created or lengthened.
    /// </summary>
    public static MutableString? LookupForWrite(CommandContext ctx, ReadOnlySpan<byte> key, ulong maxBit, out bool grew)
    {
        grew = false;
        int bytes = (int)(maxBit >> 3) + 1;
        if (!StringAccess.LookupWriteString(ctx, key, out var e)) return null;
        MutableString m;
        if (e is null)
        {
            m = new MutableString(ReadOnlySpan<byte>.Empty, bytes);
            m.EnsureLength(bytes);
            ctx.Db.Add(key, m);
            grew = true;
        }
        else
        {
            m = StringValues.Unshare(e);
            int old = m.Length;
            m.EnsureLength(bytes);
            grew = old != m.Length;
        }
        return m;
    }

    /// <summary>
    /// The string at argument 1 for reading (keyspace hits/misses counted). False when the key is
    /// missing (<paramref name="missingReply"/> is replied) or holds another type (WRONGTYPE).
    /// </summary>
    public static bool TryRead(CommandContext ctx, long missingReply, out ReadOnlySpan<byte> s)
    {
        s = default;
        var e = StringAccess.LookupRead(ctx, ctx.Arg(1));
        if (e is null)
        {
            ctx.Reply.WriteInteger(missingReply);
            return false;
        }
        if (StringValues.TryGetSpan(e, out s)) return true;
        ctx.WrongType();
        return false;
    }

    /// <summary>Reads an optional BYTE|BIT argument; false after a syntax error.</summary>
    public static bool TryUnit(CommandContext ctx, int arg, out bool isBit)
    {
        isBit = false;
        if (ctx.ArgIs(arg, "bit"u8)) isBit = true;
        else if (!ctx.ArgIs(arg, "byte"u8))
        {
            ctx.SyntaxError();
            return false;
        }
        return true;
    }
}
