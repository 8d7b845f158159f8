using RedisNet.Config;
namespace RedisNet.Commands.Keys;

/// <summary>RENAME and RENAMENX.</summary>
public static class Rename
{
    [RedisCommand("rename", Arity = 3, Flags = CommandFlags.Write, FirstKey = 1, LastKey = 2, Step = 1,
        Acl = AclCategory.Keyspace | AclCategory.Write | AclCategory.Slow,
        KeySpecs = "RW,ACCESS,DELETE index:1 range:0,1,0;OW,UPDATE index:2 range:0,1,0",
        Group = "generic", Since = "1.0.0", Summary = "Rename a key", Complexity = "O(1)")]
    public static void RenameCommand(CommandContext ctx) => RenameKey(ctx, nx: false);

    [RedisCommand("renamenx", Arity = 3, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 2, Step = 1,
        Acl = AclCategory.Keyspace | AclCategory.Write | AclCategory.Fast,
        KeySpecs = "RW,ACCESS,DELETE index:1 range:0,1,0;OW,INSERT index:2 range:0,1,0",
        Group = "generic", Since = "1.0.0", Summary = "Rename a key, only if the new key does not exist", Complexity = "O(1)")]
    public static void RenameNx(CommandContext ctx) => RenameKey(ctx, nx: true);

    private static void RenameKey(CommandContext ctx, bool nx)
    {
        var db = ctx.Db;
        var src = ctx.Arg(1);
        var dst = ctx.Arg(2);
        var e = db.Lookup(src);
        if (e is null) { ctx.Error(Errors.NoSuchKey); return; }
        // Renaming a key to itself succeeds without doing anything (RENAMENX answers 0).
        if (src.SequenceEqual(dst))
        {
            if (nx) ctx.Reply.WriteInteger(0); else ctx.Reply.WriteOk();
            return;
        }
        var existing = db.Lookup(dst);
        if (existing != null)
        {
            if (nx) { ctx.Reply.WriteInteger(0); return; }
            db.Remove(existing);
        }
        MoveEntry(e, db, dst, db);
        db.SignalModified(src);
        db.Notify(KeyspaceEventFlags.Generic, "rename_from"u8, src);
        db.Notify(KeyspaceEventFlags.Generic, "rename_to"u8, dst);
        ctx.Dirty();
        if (nx) ctx.Reply.WriteInteger(1); else ctx.Reply.WriteOk();
    }

    /// <summary>
    /// Re-homes a key's value under <paramref name="newKey"/> in <paramref name="to"/> (removing it from
    /// <paramref name="from"/>), keeping its TTL and, since it is the same object in Redis, its LRU clock.
    /// </summary>
    internal static void MoveEntry(Keyspace.KeyEntry e, Keyspace.Database from, ReadOnlySpan<byte> newKey, Keyspace.Database to)
    {
        long expireAt = e.ExpireAt;
        uint lru = e.Lru;
        from.Remove(e);
        var moved = to.Add(newKey, e.Value);
        moved.Lru = lru;
        if (expireAt >= 0) to.SetExpire(moved, expireAt);
    }
}
