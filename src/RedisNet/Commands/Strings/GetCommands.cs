using RedisNet.Config;
using RedisNet.Keyspace;
using RedisNet.Protocol;

namespace RedisNet.Commands.Strings;

/// <summary>GET and the commands that read a value while changing the key: GETSET, GETDEL, GETEX.</summary>
public static class GetCommands
{
    [RedisCommand("get", Arity = 2, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.String | AclCategory.Fast, KeySpecs = "RO,ACCESS index:1 range:0,1,0",
        Group = "string", Since = "1.0.0", Summary = "Get the value of a key", Complexity = "O(1)")]
    public static void Get(CommandContext ctx) => StringAccess.ReplyGet(ctx, ctx.Arg(1), out _);

    [RedisCommand("getset", Arity = 3, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Fast, KeySpecs = "RW,ACCESS,UPDATE index:1 range:0,1,0",
        Group = "string", Since = "1.0.0", Summary = "Set the string value of a key and return its old value", Complexity = "O(1)",
        DocFlags = "deprecated", DeprecatedSince = "6.2.0", ReplacedBy = "`SET` with the `!GET` argument")]
    public static void GetSet(CommandContext ctx)
    {
        var key = ctx.Arg(1);
        if (!StringAccess.ReplyGet(ctx, key, out var e)) return;
        e = StringAccess.Store(ctx.Db, key, ctx.Arg(2));
        ctx.Dirty();
        ctx.Db.Notify(KeyspaceEventFlags.String, "set"u8, key);
        if (StringAccess.Propagating(ctx)) ctx.Propagate(StringAccess.SetName, e.KeyBytes(), ctx.ArgBytes(2));
    }

    [RedisCommand("getdel", Arity = 2, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Fast, KeySpecs = "RW,ACCESS,DELETE index:1 range:0,1,0",
        Group = "string", Since = "6.2.0", Summary = "Get the value of a key and delete the key", Complexity = "O(1)")]
    public static void GetDel(CommandContext ctx)
    {
        var key = ctx.Arg(1);
        if (!StringAccess.ReplyGet(ctx, key, out var e) || e is null) return;
        Delete(ctx, e);
    }

    [RedisCommand("getex", Arity = -2, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Fast,
        KeySpecs = "RW,ACCESS,UPDATE index:1 range:0,1,0 notes:RW and UPDATE because it changes the TTL",
        Group = "string", Since = "6.2.0", Summary = "Get the value of a key and optionally set its expiration", Complexity = "O(1)")]
    public static void GetEx(CommandContext ctx)
    {
        if (!SetCommand.ParseOptions(ctx, 2, forSet: false, out var options, out int expireArg)) return;
        var key = ctx.Arg(1);
        var e = StringAccess.LookupRead(ctx, key);
        if (e is null)
        {
            ctx.Reply.WriteNull();
            return;
        }
        if (!StringValues.TryGetSpan(e, out var value))
        {
            ctx.WrongType();
            return;
        }
        bool absolute = (options & (SetOptions.ExAt | SetOptions.PxAt)) != 0;
        long when = -1;
        if (expireArg > 0 && !StringAccess.TryExpireAt(ctx, expireArg, (options & (SetOptions.Ex | SetOptions.ExAt)) != 0, !absolute, out when)) return;
        ctx.Reply.WriteBulk(value);

        var db = ctx.Db;
        if (absolute && when <= ctx.Server.Clock.CurrentMs && !ctx.Server.IsReplicaOfMaster)
        {
            // An absolute time already past deletes the key now (Redis's checkAlreadyExpired).
            Delete(ctx, e);
        }
        else if (when >= 0)
        {
            db.SetExpire(e, when);
            db.SignalModified(key);
            db.Notify(KeyspaceEventFlags.Generic, "expire"u8, key);
            ctx.Dirty();
            // PXAT is already absolute in milliseconds and goes out as typed; others as PEXPIREAT.
            if ((options & SetOptions.PxAt) == 0 && StringAccess.Propagating(ctx))
                ctx.Propagate(StringAccess.PexpireAtName, e.KeyBytes(), NumberFormat.Int64Bytes(when));
        }
        else if ((options & SetOptions.Persist) != 0 && db.RemoveExpire(e))
        {
            db.SignalModified(key);
            db.Notify(KeyspaceEventFlags.Generic, "persist"u8, key);
            ctx.Dirty();
            if (StringAccess.Propagating(ctx)) ctx.Propagate(StringAccess.PersistName, e.KeyBytes());
        }
    }

    /// <summary>Deletes a key after its value was replied, propagated as DEL (lazyfree-lazy-user-del is off).</summary>
    private static void Delete(CommandContext ctx, KeyEntry e)
    {
        ctx.Db.Remove(e);
        ctx.Db.SignalModified(e.Key);
        ctx.Db.Notify(KeyspaceEventFlags.Generic, "del"u8, e.Key);
        ctx.Dirty();
        if (StringAccess.Propagating(ctx)) ctx.Propagate(StringAccess.DelName, e.KeyBytes());
    }
}
