using RedisNet.Config;
namespace RedisNet.Commands.Keys;

/// <summary>DEL and UNLINK. Values are plain managed objects, so UNLINK frees nothing later: both delete now.</summary>
public static class Delete
{
    [RedisCommand("del", Arity = -2, Flags = CommandFlags.Write, FirstKey = 1, LastKey = -1, Step = 1,
        Acl = AclCategory.Keyspace | AclCategory.Write | AclCategory.Slow, KeySpecs = "RM,DELETE index:1 range:-1,1,0",
        Tips = "request_policy:multi_shard;response_policy:agg_sum", Group = "generic", Since = "1.0.0",
        Summary = "Delete a key",
        Complexity = "O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).")]
    public static void Del(CommandContext ctx) => DeleteKeys(ctx);

    [RedisCommand("unlink", Arity = -2, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = -1, Step = 1,
        Acl = AclCategory.Keyspace | AclCategory.Write | AclCategory.Fast, KeySpecs = "RM,DELETE index:1 range:-1,1,0",
        Tips = "request_policy:multi_shard;response_policy:agg_sum", Group = "generic", Since = "4.0.0",
        Summary = "Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.",
        Complexity = "O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.")]
    public static void Unlink(CommandContext ctx) => DeleteKeys(ctx);

    private static void DeleteKeys(CommandContext ctx)
    {
        var db = ctx.Db;
        long deleted = 0;
        for (int i = 1; i < ctx.ArgCount; i++)
        {
            // Lookup first so an expired key is reclaimed (and propagated) as expired, not counted as deleted.
            var key = ctx.Arg(i);
            var e = db.Lookup(key);
            if (e is null) continue;
            db.Remove(e);
            db.SignalModified(key);
            db.Notify(KeyspaceEventFlags.Generic, "del"u8, key);
            ctx.Dirty();
            deleted++;
        }
        ctx.Reply.WriteInteger(deleted);
    }
}
