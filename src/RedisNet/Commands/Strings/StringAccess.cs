using RedisNet.Config;
using RedisNet.Keyspace;
using RedisNet.Server;

namespace RedisNet.Commands.Strings;

/// <summary>
/// What the string commands share: Redis's lookupKeyRead (with keyspace hit/miss statistics),
/// getGenericCommand, the expire-argument check, and the argv pieces used when propagating rewrites.
/// </summary>
internal static class StringAccess
{
    public static readonly byte[] SetName = "SET"u8.ToArray();
    public static readonly byte[] PxAtName = "PXAT"u8.ToArray();
    public static readonly byte[] KeepTtlName = "KEEPTTL"u8.ToArray();
    public static readonly byte[] DelName = "DEL"u8.ToArray();
    public static readonly byte[] PexpireAtName = "PEXPIREAT"u8.ToArray();
    public static readonly byte[] PersistName = "PERSIST"u8.ToArray();

    public const string StringTooLong = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";

    /// <summary>A lookup for reading: counts keyspace_hits / keyspace_misses as Redis's lookupKeyRead does (writes do not).</summary>
    public static KeyEntry? LookupRead(CommandContext ctx, ReadOnlySpan<byte> key)
    {
        var e = ctx.Db.Lookup(key);
        if (e is null)
        {
            ctx.Server.Stats.KeyspaceMisses++;
            ctx.Db.Notify(KeyspaceEventFlags.KeyMiss, "keymiss"u8, key);
        }
        else ctx.Server.Stats.KeyspaceHits++;
        return e;
    }

    /// <summary>
    /// Redis's getGenericCommand: replies the value of a string key or null. Returns false after
    /// replying WRONGTYPE. <paramref name="entry"/> is the key's entry when it holds a string.
    /// </summary>
    public static bool ReplyGet(CommandContext ctx, ReadOnlySpan<byte> key, out KeyEntry? entry)
    {
        entry = LookupRead(ctx, key);
        if (entry is null)
        {
            ctx.Reply.WriteNull();
            return true;
        }
        if (!StringValues.TryGetSpan(entry, out var span))
        {
            entry = null;
            ctx.WrongType();
            return false;
        }
        ctx.Reply.WriteBulk(span);
        return true;
    }

    /// <summary>Looks a key up for writing; false (WRONGTYPE replied) when it holds another type.</summary>
    public static bool LookupWriteString(CommandContext ctx, ReadOnlySpan<byte> key, out KeyEntry? entry)
    {
        // LookupWrite: the value may be changed in place (APPEND, SETRANGE), so a snapshot records it first.
        entry = ctx.Db.LookupWrite(key);
        if (entry is null || StringValues.IsString(entry)) return true;
        ctx.WrongType();
        return false;
    }

    /// <summary>Stores a string, replacing any value (Redis's setKey): the TTL goes unless <paramref name="keepTtl"/>.</summary>
    public static KeyEntry Store(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool keepTtl = false)
    {
        var e = db.Lookup(key);
        if (e is null) return db.AddString(key, value);
        db.OverwriteString(e, value, keepTtl);
        return e;
    }

    /// <summary>
    /// Redis's getExpireMillisecondsOrReply: argument <paramref name="arg"/> as an absolute Unix ms
    /// time. Seconds are scaled, relative times have "now" added; zero, negative or overflowing
    /// values are "invalid expire time in '&lt;command&gt;' command".
    /// </summary>
    public static bool TryExpireAt(CommandContext ctx, int arg, bool seconds, bool relative, out long when)
    {
        when = 0;
        if (!ctx.TryArgLong(arg, out long ms)) return false;
        if (ms <= 0 || (seconds && ms > long.MaxValue / 1000))
        {
            InvalidExpire(ctx);
            return false;
        }
        if (seconds) ms *= 1000;
        if (relative) ms = unchecked(ms + ctx.Server.Clock.CurrentMs);
        if (ms <= 0)
        {
            InvalidExpire(ctx);
            return false;
        }
        when = ms;
        return true;
    }

    private static void InvalidExpire(CommandContext ctx) => ctx.Error(string.Format(Errors.InvalidExpire, ctx.Command.Name));

    /// <summary>
    /// Redis's checkStringLength: a string may not grow past proto-max-bulk-len (the master link is
    /// exempt, its writes already happened). Replies the error and returns false when it would.
    /// </summary>
    public static bool CheckLength(CommandContext ctx, long size, long append)
    {
        if ((ctx.Client.Flags & ClientFlags.Master) != 0) return true;
        // .NET arrays stop short of 2GB, so that is our limit too when proto-max-bulk-len is larger.
        if (size > ctx.Server.Config.ProtoMaxBulkLen - append || size > Array.MaxLength - append)
        {
            ctx.Error(StringTooLong);
            return false;
        }
        return true;
    }

    /// <summary>True when a write will reach AOF/replicas, so a rewritten argv is worth building.</summary>
    public static bool Propagating(CommandContext ctx) => ctx.Server.Propagation.Active;
}
