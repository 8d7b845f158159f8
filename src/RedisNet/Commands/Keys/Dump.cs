using RedisNet.Persistence.Rdb;

namespace RedisNet.Commands.Keys;

/// <summary>DUMP: the key's value serialized as Redis 7.0 serializes it (see <see cref="DumpPayload"/>), or nil.</summary>
public static class Dump
{
    [RedisCommand("dump", Arity = 2, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Keyspace | AclCategory.Read | AclCategory.Slow,
        KeySpecs = "RO,ACCESS index:1 range:0,1,0", Tips = "nondeterministic_output",
        Group = "generic", Since = "2.6.0", Summary = "Return a serialized version of the value stored at the specified key.",
        Complexity = "O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1).")]
    public static void DumpCommand(CommandContext ctx)
    {
        var e = ctx.Db.LookupRead(ctx.Arg(1));
        if (e is null) { ctx.Reply.WriteNull(); return; }
        ctx.Reply.WriteBulk(DumpPayload.Create(e, ctx.Server.Config.RdbCompression));
    }
}
