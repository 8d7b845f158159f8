using RedisNet.Config;
using RedisNet.Persistence.Rdb;
using RedisNet.Protocol;
using RedisNet.Server;

namespace RedisNet.Commands.Keys;

/// <summary>
/// RESTORE key ttl payload [REPLACE] [ABSTTL] [IDLETIME s] [FREQ f], as Redis 7.0's restoreCommand:
/// options first, then BUSYKEY, the TTL, the payload footer, the value; a relative TTL propagates
/// as an absolute one with ABSTTL, and a TTL already in the past creates nothing (a replaced key
/// is deleted and the command propagates as DEL). RESTORE-ASKING is the same for cluster migration.
/// </summary>
public static class Restore
{
    private const string Complexity = "O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However for sorted set values the complexity is O(N*M*log(N)) because inserting values into sorted sets is O(log(N)).";

    [RedisCommand("restore", Arity = -4, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Keyspace | AclCategory.Write | AclCategory.Slow | AclCategory.Dangerous,
        KeySpecs = "OW,UPDATE index:1 range:0,1,0",
        Group = "generic", Since = "2.6.0", Summary = "Create a key using the provided serialized value, previously obtained using DUMP.", Complexity = Complexity)]
    public static void RestoreCommand(CommandContext ctx) => Run(ctx);

    [RedisCommand("restore-asking", Arity = -4, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Asking, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Keyspace | AclCategory.Write | AclCategory.Slow | AclCategory.Dangerous,
        KeySpecs = "OW,UPDATE index:1 range:0,1,0", DocFlags = "syscmd",
        Group = "server", Since = "3.0.0", Summary = "An internal command for migrating keys in a cluster", Complexity = Complexity)]
    public static void RestoreAsking(CommandContext ctx) => Run(ctx);

    private static void Run(CommandContext ctx)
    {
        bool replace = false, absTtl = false;
        long idle = -1, freq = -1;
        for (int j = 4; j < ctx.ArgCount; j++)
        {
            bool more = j + 1 < ctx.ArgCount;
            if (ctx.ArgIs(j, "replace"u8)) replace = true;
            else if (ctx.ArgIs(j, "absttl"u8)) absTtl = true;
            else if (ctx.ArgIs(j, "idletime"u8) && more && freq == -1)
            {
                if (!ctx.TryArgLong(++j, out idle)) return;
                if (idle < 0) { ctx.Error("ERR Invalid IDLETIME value, must be >= 0"); return; }
            }
            else if (ctx.ArgIs(j, "freq"u8) && more && idle == -1)
            {
                if (!ctx.TryArgLong(++j, out freq)) return;
                if (freq is < 0 or > 255) { ctx.Error("ERR Invalid FREQ value, must be >= 0 and <= 255"); return; }
            }
            else { ctx.SyntaxError(); return; }
        }

        var db = ctx.Db;
        var key = ctx.Arg(1);
        var existing = db.LookupWrite(key);
        if (!replace && existing is not null) { ctx.Error("BUSYKEY Target key name already exists."); return; }
        if (!ctx.TryArgLong(2, out long ttl)) return;
        if (ttl < 0) { ctx.Error("ERR Invalid TTL value, must be >= 0"); return; }

        var payload = ctx.Arg(3);
        if (!DumpPayload.Verify(payload, ctx.Server.Rdb.SkipChecksumValidation)) { ctx.Error("ERR DUMP payload version or checksum are wrong"); return; }
        var load = new RdbLoadContext { Config = ctx.Server.Config, DeepSanitize = DeepSanitize(ctx) };
        var value = DumpPayload.Load(payload, load);
        ctx.Server.Stats.DumpPayloadSanitizations += load.Sanitizations;
        if (value is null) { ctx.Error("ERR Bad data format"); return; }

        bool deleted = false;
        if (replace && existing is not null)
        {
            db.Remove(existing);
            deleted = true;
        }
        long now = ctx.Server.Clock.NowMs;
        if (ttl != 0 && !absTtl) ttl += now;
        if (ttl != 0 && ttl <= now && !ctx.Server.IsReplicaOfMaster)
        {
            // Already expired: nothing is created; a replaced key is gone, and that is what replicas hear.
            if (deleted)
            {
                ctx.Propagate(ctx.Server.Config.LazyfreeLazyServerDel ? "UNLINK"u8.ToArray() : "DEL"u8.ToArray(), key.ToArray());
                db.SignalModified(key);
                db.Notify(KeyspaceEventFlags.Generic, "del"u8, key);
                ctx.Dirty();
            }
            else ctx.PreventPropagation = true;
            ctx.Reply.WriteOk();
            return;
        }

        var e = value is byte[] str ? db.AddString(key, str) : db.Add(key, value);
        if (ttl != 0)
        {
            db.SetExpire(e, ttl);
            if (!absTtl)
            {
                var argv = ctx.AllArgs();
                argv[2] = NumberFormat.Int64Bytes(ttl);
                ctx.Propagate([.. argv, "ABSTTL"u8.ToArray()]);
            }
        }
        if (RdbLoader.LruField(ctx.Server, idle, (int)freq) is { } lru) e.Lru = lru;
        db.Notify(KeyspaceEventFlags.Generic, "restore"u8, key);
        ctx.Dirty();
        ctx.Reply.WriteOk();
    }

    /// <summary>sanitize-dump-payload: yes always validates deeply; clients does except for the master's stream.</summary>
    private static bool DeepSanitize(CommandContext ctx) => ctx.Server.Config.SanitizeDumpPayload switch
    {
        "yes" => true,
        "clients" => (ctx.Client.Flags & ClientFlags.Master) == 0,
        _ => false,
    };
}
