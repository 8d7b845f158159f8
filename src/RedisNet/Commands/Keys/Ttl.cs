namespace RedisNet.Commands.Keys;

/// <summary>TTL, PTTL, EXPIRETIME, PEXPIRETIME: -2 for a missing key, -1 for no TTL.</summary>
public static class Ttl
{
    private const string Keyspec = "RO,ACCESS index:1 range:0,1,0";
    private const CommandFlags ReadFast = CommandFlags.ReadOnly | CommandFlags.Fast;
    private const AclCategory Acl = AclCategory.Keyspace | AclCategory.Read | AclCategory.Fast;

    [RedisCommand("ttl", Arity = 2, Flags = ReadFast, FirstKey = 1, LastKey = 1, Step = 1, Acl = Acl, KeySpecs = Keyspec,
        Tips = "nondeterministic_output", Group = "generic", Since = "1.0.0", Summary = "Get the time to live for a key in seconds", Complexity = "O(1)")]
    public static void TtlCommand(CommandContext ctx) => Reply(ctx, ms: false, absolute: false);

    [RedisCommand("pttl", Arity = 2, Flags = ReadFast, FirstKey = 1, LastKey = 1, Step = 1, Acl = Acl, KeySpecs = Keyspec,
        Tips = "nondeterministic_output", Group = "generic", Since = "2.6.0", Summary = "Get the time to live for a key in milliseconds", Complexity = "O(1)")]
    public static void PTtl(CommandContext ctx) => Reply(ctx, ms: true, absolute: false);

    [RedisCommand("expiretime", Arity = 2, Flags = ReadFast, FirstKey = 1, LastKey = 1, Step = 1, Acl = Acl, KeySpecs = Keyspec,
        Group = "generic", Since = "7.0.0", Summary = "Get the expiration Unix timestamp for a key", Complexity = "O(1)")]
    public static void ExpireTime(CommandContext ctx) => Reply(ctx, ms: false, absolute: true);

    [RedisCommand("pexpiretime", Arity = 2, Flags = ReadFast, FirstKey = 1, LastKey = 1, Step = 1, Acl = Acl, KeySpecs = Keyspec,
        Group = "generic", Since = "7.0.0", Summary = "Get the expiration Unix timestamp for a key in milliseconds", Complexity = "O(1)")]
    public static void PExpireTime(CommandContext ctx) => Reply(ctx, ms: true, absolute: true);

    private static void Reply(CommandContext ctx, bool ms, bool absolute)
    {
        var e = ctx.Db.LookupRead(ctx.Arg(1), touch: false);
        if (e is null) { ctx.Reply.WriteInteger(-2); return; }
        if (e.ExpireAt < 0) { ctx.Reply.WriteInteger(-1); return; }
        long t = absolute ? e.ExpireAt : Math.Max(e.ExpireAt - ctx.Server.Clock.CurrentMs, 0);
        // Seconds are rounded to the nearest, as Redis does.
        ctx.Reply.WriteInteger(ms ? t : (t + 500) / 1000);
    }
}
