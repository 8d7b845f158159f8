using RedisNet.Protocol;

namespace RedisNet.Commands.Keys;

/// <summary>KEYS and RANDOMKEY.</summary>
public static class KeysCommand
{
    [RedisCommand("keys", Arity = 2, Flags = CommandFlags.ReadOnly,
        Acl = AclCategory.Keyspace | AclCategory.Read | AclCategory.Slow | AclCategory.Dangerous,
        Tips = "request_policy:all_shards;nondeterministic_output_order", Group = "generic", Since = "1.0.0",
        Summary = "Find all keys matching the given pattern",
        Complexity = "O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.")]
    public static void Keys(CommandContext ctx)
    {
        var pattern = ctx.Arg(1);
        bool all = pattern.Length == 1 && pattern[0] == '*';
        long now = ctx.Server.Clock.NowMs;
        var matches = new List<byte[]>();
        // Expired keys are skipped, not deleted: KEYS does not write.
        foreach (var e in ctx.Db.Entries())
            if ((all || Glob.Match(pattern, e.Key, nocase: false)) && !(e.ExpireAt >= 0 && e.ExpireAt <= now))
                matches.Add(e.KeyBytes());
        ctx.Reply.WriteBulkArray(matches);
    }

    [RedisCommand("randomkey", Arity = 1, Flags = CommandFlags.ReadOnly,
        Acl = AclCategory.Keyspace | AclCategory.Read | AclCategory.Slow,
        Tips = "request_policy:all_shards;nondeterministic_output", Group = "generic", Since = "1.0.0",
        Summary = "Return a random key from the keyspace", Complexity = "O(1)")]
    public static void RandomKey(CommandContext ctx)
    {
        var db = ctx.Db;
        var server = ctx.Server;
        bool allVolatile = db.Count == db.VolatileCount;
        int maxTries = 100;
        while (true)
        {
            var e = db.RandomEntry(server.Rng);
            if (e is null) { ctx.Reply.WriteNull(); return; }
            if (e.ExpireAt >= 0 && e.ExpireAt <= server.Clock.NowMs)
            {
                if (server.IsReplicaOfMaster)
                {
                    // A replica cannot delete; if every key may be logically expired, stop looking eventually.
                    if (allVolatile && --maxTries == 0) { ctx.Reply.WriteBulk(e.Key); return; }
                    continue;
                }
                db.ExpireNow(e);
                continue;
            }
            ctx.Reply.WriteBulk(e.Key);
            return;
        }
    }
}
