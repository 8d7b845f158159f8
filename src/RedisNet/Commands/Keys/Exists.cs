using RedisNet.Keyspace;

namespace RedisNet.Commands.Keys;

/// <summary>EXISTS, TOUCH and TYPE: read-only questions about keys.</summary>
public static class Exists
{
    [RedisCommand("exists", Arity = -2, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = -1, Step = 1,
        Acl = AclCategory.Keyspace | AclCategory.Read | AclCategory.Fast, KeySpecs = "RO index:1 range:-1,1,0",
        Tips = "request_policy:multi_shard;response_policy:agg_sum", Group = "generic", Since = "1.0.0",
        Summary = "Determine if a key exists", Complexity = "O(N) where N is the number of keys to check.")]
    public static void ExistsCommand(CommandContext ctx)
    {
        // Each argument counts, so "EXISTS k k" is 2 when k exists.
        long n = 0;
        for (int i = 1; i < ctx.ArgCount; i++)
            if (ctx.Db.LookupRead(ctx.Arg(i), touch: false) != null) n++;
        ctx.Reply.WriteInteger(n);
    }

    [RedisCommand("touch", Arity = -2, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = -1, Step = 1,
        Acl = AclCategory.Keyspace | AclCategory.Read | AclCategory.Fast, KeySpecs = "RO index:1 range:-1,1,0",
        Tips = "request_policy:multi_shard;response_policy:agg_sum", Group = "generic", Since = "3.2.1",
        Summary = "Alters the last access time of a key(s). Returns the number of existing keys specified.",
        Complexity = "O(N) where N is the number of keys that will be touched.")]
    public static void Touch(CommandContext ctx)
    {
        long n = 0;
        for (int i = 1; i < ctx.ArgCount; i++)
            if (ctx.Db.LookupRead(ctx.Arg(i)) != null) n++;
        ctx.Reply.WriteInteger(n);
    }

    [RedisCommand("type", Arity = 2, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Keyspace | AclCategory.Read | AclCategory.Fast, KeySpecs = "RO index:1 range:0,1,0",
        Group = "generic", Since = "1.0.0", Summary = "Determine the type stored at key", Complexity = "O(1)")]
    public static void Type(CommandContext ctx)
    {
        var e = ctx.Db.LookupRead(ctx.Arg(1), touch: false);
        ctx.Reply.WriteSimple(TypeNames.NameOf(e));
    }
}
