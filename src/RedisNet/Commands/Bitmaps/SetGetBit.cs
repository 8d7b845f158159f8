using RedisNet.Config;
using RedisNet.Keyspace;

namespace RedisNet.Commands.Bitmaps;

/// <summary>SETBIT and GETBIT. Bit 0 is the most significant bit of the first byte, as in Redis.</summary>
public static class SetGetBit
{
    private const string BadBit = "ERR bit is not an integer or out of range";

    [RedisCommand("setbit", Arity = 4, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Bitmap | AclCategory.Slow, KeySpecs = "RW,ACCESS,UPDATE index:1 range:0,1,0",
        Group = "bitmap", Since = "2.2.0", Summary = "Sets or clears the bit at offset in the string value stored at key", Complexity = "O(1)")]
    public static void SetBit(CommandContext ctx)
    {
        if (!BitAccess.TryOffset(ctx, 2, 0, out ulong offset)) return;
        if (!ctx.TryArgLong(3, out long on, BadBit)) return;
        if ((on & ~1L) != 0)
        {
            ctx.Error(BadBit);
            return;
        }
        var key = ctx.Arg(1);
        var m = BitAccess.LookupForWrite(ctx, key, offset, out bool grew);
        if (m is null) return;
        int index = (int)(offset >> 3);
        int mask = 1 << (7 - (int)(offset & 7));
        int old = m.Buffer[index] & mask;
        // Nothing changed (same bit, same length): no write, as Redis 7.0 skips it too.
        if (grew || (old != 0) != (on == 1))
        {
            m.Buffer[index] = (byte)(on == 1 ? m.Buffer[index] | mask : m.Buffer[index] & ~mask);
            ctx.Db.SignalModified(key);
            ctx.Db.Notify(KeyspaceEventFlags.String, "setbit"u8, key);
            ctx.Dirty();
        }
        ctx.Reply.WriteInteger(old != 0 ? 1 : 0);
    }

    [RedisCommand("getbit", Arity = 3, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Bitmap | AclCategory.Fast, KeySpecs = "RO,ACCESS index:1 range:0,1,0",
        Group = "bitmap", Since = "2.2.0", Summary = "Returns the bit value at offset in the string value stored at key", Complexity = "O(1)")]
    public static void GetBit(CommandContext ctx)
    {
        if (!BitAccess.TryOffset(ctx, 2, 0, out ulong offset)) return;
        if (!BitAccess.TryRead(ctx, 0, out var s)) return;
        ulong index = offset >> 3;
        int bit = index < (ulong)s.Length ? (s[(int)index] >> (7 - (int)(offset & 7))) & 1 : 0;
        ctx.Reply.WriteInteger(bit);
    }
}
