using RedisNet.Server;

namespace RedisNet.Commands.ServerCommands;

/// <summary>MONITOR: the client receives every command the server executes (fed by the Executor).</summary>
public static class Monitor
{
    [RedisCommand("monitor", Arity = 1, Flags = CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale,
        Acl = AclCategory.Admin | AclCategory.Slow | AclCategory.Dangerous, Group = "server", Since = "1.0.0",
        Summary = "Listen for all requests received by the server in real time")]
    public static void Command(CommandContext ctx)
    {
        var c = ctx.Client;
        // Inside MULTI (or a script) the client could never block to stream: Redis's DENY_BLOCKING.
        if ((c.Flags & ClientFlags.Multi) != 0 || c.IsFake)
        {
            ctx.Error("ERR MONITOR isn't allowed for DENY BLOCKING client");
            return;
        }
        // Already a replica or monitoring: ignored, without a reply.
        if ((c.Flags & (ClientFlags.Replica | ClientFlags.Monitor)) != 0) return;
        c.Flags |= ClientFlags.Monitor;
        ctx.Server.Monitors.Add(c);
        ctx.Reply.WriteOk();
    }
}
