using RedisNet.Server;

namespace RedisNet.Commands.Connection;

/// <summary>RESET: back to a fresh connection's state (db 0, RESP2, no name, not monitoring, default user).</summary>
public static class Reset
{
    [RedisCommand("reset", Arity = 1, Flags = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast | CommandFlags.NoAuth | CommandFlags.AllowBusy,
        Acl = AclCategory.Fast | AclCategory.Connection, Group = "connection", Since = "6.2.0", Summary = "Reset the connection", Complexity = "O(1)")]
    public static void Command(CommandContext ctx)
    {
        var server = ctx.Server;
        var c = ctx.Client;
        if ((c.Flags & ClientFlags.Monitor) != 0) server.Monitors.Remove(c);
        server.OnClientReset(c);
        c.Flags &= ~(ClientFlags.Monitor | ClientFlags.Multi | ClientFlags.DirtyCas | ClientFlags.ReadOnly | ClientFlags.NoEvict | ClientFlags.Tracking);
        c.ReplyMode = ReplyMode.On;
        c.Db = server.Databases[0];
        c.SetResp(2);
        c.Name = null;
        c.User = "default";
        c.Authenticated = !server.Config.RequiresAuth;
        ctx.Reply.WriteSimple("RESET"u8);
    }
}
