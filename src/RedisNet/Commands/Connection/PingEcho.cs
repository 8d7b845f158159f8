namespace RedisNet.Commands.Connection;

/// <summary>PING, ECHO, QUIT.</summary>
public static class PingEcho
{
    [RedisCommand("ping", Arity = -1, Flags = CommandFlags.Fast | CommandFlags.Sentinel, Acl = AclCategory.Fast | AclCategory.Connection,
        Tips = "request_policy:all_shards;response_policy:all_succeeded", Group = "connection", Summary = "Ping the server", Complexity = "O(1)")]
    public static void Ping(CommandContext ctx)
    {
        if (ctx.ArgCount > 2) { ctx.Error(Errors.WrongArgs("ping")); return; }
        if ((ctx.Client.Flags & Server.ClientFlags.PubSub) != 0 && ctx.Client.Resp == 2)
        {
            // In RESP2 subscriber mode PING answers as a pub/sub message.
            ctx.Reply.WriteArrayHeader(2);
            ctx.Reply.WriteBulk("pong"u8);
            ctx.Reply.WriteBulk(ctx.ArgCount == 2 ? ctx.Arg(1) : ReadOnlySpan<byte>.Empty);
            return;
        }
        if (ctx.ArgCount == 1) ctx.Reply.WriteRaw("+PONG\r\n"u8);
        else ctx.Reply.WriteBulk(ctx.Arg(1));
    }

    [RedisCommand("echo", Arity = 2, Flags = CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast, Acl = AclCategory.Fast | AclCategory.Connection,
        Group = "connection", Summary = "Echo the given string", Complexity = "O(1)")]
    public static void Echo(CommandContext ctx) => ctx.Reply.WriteBulk(ctx.Arg(1));

    [RedisCommand("quit", Arity = -1, Flags = CommandFlags.AllowBusy | CommandFlags.NoAuth | CommandFlags.Fast | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.NoScript,
        Acl = AclCategory.Fast | AclCategory.Connection, Group = "connection", Summary = "Close the connection", Complexity = "O(1)")]
    public static void Quit(CommandContext ctx)
    {
        ctx.Reply.WriteOk();
        ctx.Client.Flags |= Server.ClientFlags.CloseAfterReply;
    }
}
