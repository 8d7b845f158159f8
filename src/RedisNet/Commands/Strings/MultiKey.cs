using RedisNet.Config;
using RedisNet.Keyspace;

namespace RedisNet.Commands.Strings;

/// <summary>MGET, MSET, MSETNX.</summary>
public static class MultiKey
{
    [RedisCommand("mget", Arity = -2, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = -1, Step = 1,
        Acl = AclCategory.Read | AclCategory.String | AclCategory.Fast, KeySpecs = "RO,ACCESS index:1 range:-1,1,0",
        Tips = "request_policy:multi_shard", Group = "string", Since = "1.0.0", Summary = "Get the values of all the given keys",
        Complexity = "O(N) where N is the number of keys to retrieve.")]
    public static void MGet(CommandContext ctx)
    {
        ctx.Reply.WriteArrayHeader(ctx.ArgCount - 1);
        for (int j = 1; j < ctx.ArgCount; j++)
        {
            // A key of another type is a null here, not an error.
            var e = StringAccess.LookupRead(ctx, ctx.Arg(j));
            if (e != null && StringValues.TryGetSpan(e, out var s)) ctx.Reply.WriteBulk(s);
            else ctx.Reply.WriteNull();
        }
    }

    [RedisCommand("mset", Arity = -3, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = -1, Step = 2,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Slow, KeySpecs = "OW,UPDATE index:1 range:-1,2,0",
        Tips = "request_policy:multi_shard;response_policy:all_succeeded", Group = "string", Since = "1.0.1",
        Summary = "Set multiple keys to multiple values", Complexity = "O(N) where N is the number of keys to set.")]
    public static void MSet(CommandContext ctx)
    {
        if (!PairsOk(ctx)) return;
        SetAll(ctx);
        ctx.Reply.WriteOk();
    }

    [RedisCommand("msetnx", Arity = -3, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = -1, Step = 2,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Slow, KeySpecs = "OW,INSERT index:1 range:-1,2,0",
        Tips = "request_policy:multi_shard;response_policy:agg_min", Group = "string", Since = "1.0.1",
        Summary = "Set multiple keys to multiple values, only if none of the keys exist", Complexity = "O(N) where N is the number of keys to set.")]
    public static void MSetNx(CommandContext ctx)
    {
        if (!PairsOk(ctx)) return;
        for (int j = 1; j < ctx.ArgCount; j += 2)
        {
            if (ctx.Db.Lookup(ctx.Arg(j)) != null)
            {
                ctx.Reply.WriteInteger(0);
                return;
            }
        }
        SetAll(ctx);
        ctx.Reply.WriteInteger(1);
    }

    /// <summary>Keys and values must pair up; an odd count is reported as a wrong number of arguments.</summary>
    private static bool PairsOk(CommandContext ctx)
    {
        if (ctx.ArgCount % 2 == 1) return true;
        ctx.Error(Errors.WrongArgs(ctx.Command.Name));
        return false;
    }

    private static void SetAll(CommandContext ctx)
    {
        for (int j = 1; j < ctx.ArgCount; j += 2)
        {
            StringAccess.Store(ctx.Db, ctx.Arg(j), ctx.Arg(j + 1));
            ctx.Db.Notify(KeyspaceEventFlags.String, "set"u8, ctx.Arg(j));
        }
        ctx.Dirty((ctx.ArgCount - 1) / 2);
    }
}
