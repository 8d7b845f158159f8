using RedisNet.Config;
using RedisNet.Keyspace;

namespace RedisNet.Commands.Keys;

/// <summary>Commands about whole databases: SELECT, SWAPDB, MOVE, COPY, FLUSHDB, FLUSHALL, DBSIZE.</summary>
public static class Databases
{
    [RedisCommand("select", Arity = 2, Flags = CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast,
        Acl = AclCategory.Fast | AclCategory.Connection, Group = "connection", Since = "1.0.0",
        Summary = "Change the selected database for the current connection", Complexity = "O(1)")]
    public static void Select(CommandContext ctx)
    {
        if (!TryArgInt(ctx, 1, out int id)) return;
        if (!TryGetDb(ctx, id, out var db)) return;
        ctx.Client.Db = db;
        ctx.Reply.WriteOk();
    }

    [RedisCommand("swapdb", Arity = 3, Flags = CommandFlags.Write | CommandFlags.Fast,
        Acl = AclCategory.Keyspace | AclCategory.Write | AclCategory.Fast | AclCategory.Dangerous, Group = "server", Since = "4.0.0",
        Summary = "Swaps two Redis databases",
        Complexity = "O(N) where N is the count of clients watching or blocking on keys from both databases.")]
    public static void SwapDb(CommandContext ctx)
    {
        if (!TryArgInt(ctx, 1, out int a, "ERR invalid first DB index")) return;
        if (!TryArgInt(ctx, 2, out int b, "ERR invalid second DB index")) return;
        var dbs = ctx.Server.Databases;
        if (a < 0 || a >= dbs.Length || b < 0 || b >= dbs.Length) { ctx.Error(Errors.DbIndexOutOfRange); return; }
        if (a != b)
        {
            dbs[a].SwapWith(dbs[b]);
            // Clients stay in their db: those waiting on keys the swap brought in are served after this command.
            ctx.Server.Blocking.ScanDatabaseForReadyKeys(dbs[a]);
            ctx.Server.Blocking.ScanDatabaseForReadyKeys(dbs[b]);
        }
        ctx.Dirty();
        ctx.Reply.WriteOk();
    }

    [RedisCommand("move", Arity = 3, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Keyspace | AclCategory.Write | AclCategory.Fast, KeySpecs = "RW,ACCESS,UPDATE index:1 range:0,1,0",
        Group = "generic", Since = "1.0.0", Summary = "Move a key to another database", Complexity = "O(1)")]
    public static void Move(CommandContext ctx)
    {
        if (!TryArgInt(ctx, 2, out int id)) return;
        if (!TryGetDb(ctx, id, out var dst)) return;
        var src = ctx.Db;
        if (dst == src) { ctx.Error("ERR source and destination objects are the same"); return; }
        var key = ctx.Arg(1);
        var e = src.Lookup(key);
        if (e is null || dst.Lookup(key) != null) { ctx.Reply.WriteInteger(0); return; }
        Rename.MoveEntry(e, src, key, dst);
        src.SignalModified(key);
        src.Notify(KeyspaceEventFlags.Generic, "move_from"u8, key);
        dst.Notify(KeyspaceEventFlags.Generic, "move_to"u8, key);
        ctx.Dirty();
        ctx.Reply.WriteInteger(1);
    }

    [RedisCommand("copy", Arity = -3, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = 2, Step = 1,
        Acl = AclCategory.Keyspace | AclCategory.Write | AclCategory.Slow,
        KeySpecs = "RO,ACCESS index:1 range:0,1,0;OW,UPDATE index:2 range:0,1,0", Group = "generic", Since = "6.2.0",
        Summary = "Copy a key", Complexity = "O(N) worst case for collections, where N is the number of nested items. O(1) for string values.")]
    public static void Copy(CommandContext ctx)
    {
        var src = ctx.Db;
        var dst = ctx.Db;
        bool replace = false;
        for (int i = 3; i < ctx.ArgCount; i++)
        {
            if (ctx.ArgIs(i, "replace"u8)) replace = true;
            else if (ctx.ArgIs(i, "db"u8) && i + 1 < ctx.ArgCount)
            {
                if (!TryArgInt(ctx, ++i, out int id)) return;
                if (!TryGetDb(ctx, id, out dst)) return;
            }
            else { ctx.SyntaxError(); return; }
        }
        var key = ctx.Arg(1);
        var newKey = ctx.Arg(2);
        if (src == dst && key.SequenceEqual(newKey)) { ctx.Error("ERR source and destination objects are the same"); return; }
        var e = src.LookupRead(key);
        if (e is null) { ctx.Reply.WriteInteger(0); return; }
        var existing = dst.Lookup(newKey);
        if (existing != null && !replace) { ctx.Reply.WriteInteger(0); return; }
        var copy = TypeNames.Of(e.Value).Copy(e.Value);
        if (existing != null) dst.Remove(existing);
        var added = dst.Add(newKey, copy);
        if (e.ExpireAt >= 0) dst.SetExpire(added, e.ExpireAt);
        dst.Notify(KeyspaceEventFlags.Generic, "copy_to"u8, newKey);
        ctx.Dirty();
        ctx.Reply.WriteInteger(1);
    }

    [RedisCommand("dbsize", Arity = 1, Flags = CommandFlags.ReadOnly | CommandFlags.Fast,
        Acl = AclCategory.Keyspace | AclCategory.Read | AclCategory.Fast, Tips = "request_policy:all_shards;response_policy:agg_sum",
        Group = "server", Since = "1.0.0", Summary = "Return the number of keys in the selected database", Complexity = "O(1)")]
    public static void DbSize(CommandContext ctx) => ctx.Reply.WriteInteger(ctx.Db.Count);

    [RedisCommand("flushdb", Arity = -1, Flags = CommandFlags.Write,
        Acl = AclCategory.Keyspace | AclCategory.Write | AclCategory.Slow | AclCategory.Dangerous,
        Tips = "request_policy:all_shards;response_policy:all_succeeded", Group = "server", Since = "1.0.0",
        Summary = "Remove all keys from the current database", Complexity = "O(N) where N is the number of keys in the selected database")]
    public static void FlushDb(CommandContext ctx)
    {
        if (!FlushModeOk(ctx)) return;
        long removed = ctx.Db.Count;
        ctx.Db.Clear();
        ctx.Dirty(removed);
        ForcePropagation(ctx);
        ctx.Reply.WriteOk();
    }

    [RedisCommand("flushall", Arity = -1, Flags = CommandFlags.Write,
        Acl = AclCategory.Keyspace | AclCategory.Write | AclCategory.Slow | AclCategory.Dangerous,
        Tips = "request_policy:all_shards;response_policy:all_succeeded", Group = "server", Since = "1.0.0",
        Summary = "Remove all keys from all databases", Complexity = "O(N) where N is the total number of keys in all databases")]
    public static void FlushAll(CommandContext ctx)
    {
        if (!FlushModeOk(ctx)) return;
        long removed = 0;
        foreach (var db in ctx.Server.Databases)
        {
            removed += db.Count;
            db.Clear();
        }
        // Redis counts one more change than the keys removed (the reset of the saved state).
        ctx.Dirty(removed + 1);
        // A running background save is stopped; with save points the empty dataset is saved at once.
        RedisNet.Persistence.RdbSaves.AfterFlushAll(ctx.Server);
        ForcePropagation(ctx);
        ctx.Reply.WriteOk();
    }

    /// <summary>FLUSHDB/FLUSHALL take at most one argument, SYNC or ASYNC (both flush at once here).</summary>
    private static bool FlushModeOk(CommandContext ctx)
    {
        if (ctx.ArgCount > 2 || (ctx.ArgCount == 2 && !ctx.ArgIs(1, "sync"u8) && !ctx.ArgIs(1, "async"u8)))
        {
            ctx.SyntaxError();
            return false;
        }
        return true;
    }

    /// <summary>A flush is propagated even when nothing was removed, so replicas end up empty too.</summary>
    private static void ForcePropagation(CommandContext ctx)
    {
        var server = ctx.Server;
        if (!server.Propagation.Active) return;
        server.Propagation.Propagate(ctx.Client.Db.Index, ctx.AllArgs());
        ctx.PreventPropagation = true;
    }

    /// <summary>Redis's getIntFromObjectOrReply: an integer that fits in 32 bits, with its two error texts.</summary>
    internal static bool TryArgInt(CommandContext ctx, int i, out int value, string? error = null)
    {
        value = 0;
        if (!Protocol.NumberFormat.TryParseInt64(ctx.Arg(i), out long v))
        {
            ctx.Error(error ?? Errors.NotInteger);
            return false;
        }
        if (v < int.MinValue || v > int.MaxValue)
        {
            ctx.Error(error ?? "ERR value is out of range, value must between -2147483648 and 2147483647");
            return false;
        }
        value = (int)v;
        return true;
    }

    private static bool TryGetDb(CommandContext ctx, int id, out Database db)
    {
        var dbs = ctx.Server.Databases;
        if (id < 0 || id >= dbs.Length)
        {
            db = null!;
            ctx.Error(Errors.DbIndexOutOfRange);
            return false;
        }
        db = dbs[id];
        return true;
    }
}
