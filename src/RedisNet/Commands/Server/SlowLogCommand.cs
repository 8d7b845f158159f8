namespace RedisNet.Commands.ServerCommands;

/// <summary>SLOWLOG GET [count], LEN, RESET, HELP over the server's slow log (recorded by the Executor).</summary>
[RedisContainer("slowlog", Arity = -2, Acl = AclCategory.Slow, Group = "server", Since = "2.2.12", Summary = "A container for slow log commands", Complexity = "Depends on subcommand.")]
public static class SlowLogCommand
{
    private const CommandFlags Flags = CommandFlags.Admin | CommandFlags.Loading | CommandFlags.Stale;
    private const AclCategory Acl = AclCategory.Admin | AclCategory.Slow | AclCategory.Dangerous;

    [RedisCommand("slowlog|get", Arity = -2, Flags = Flags, Acl = Acl, Tips = "request_policy:all_nodes;nondeterministic_output", Group = "server", Since = "2.2.12",
        Summary = "Get the slow log's entries", Complexity = "O(N) where N is the number of entries returned")]
    public static void Get(CommandContext ctx)
    {
        if (ctx.ArgCount > 3) { HelpReply.SubcommandSyntaxError(ctx); return; }
        var log = ctx.Server.SlowLog;
        long count = 10;
        if (ctx.ArgCount == 3)
        {
            const string error = "ERR count should be greater than or equal to -1";
            if (!ctx.TryArgLong(2, out count, error)) return;
            if (count < -1) { ctx.Error(error); return; }
            if (count == -1) count = log.Count;
        }
        int n = (int)Math.Min(count, log.Count);
        ctx.Reply.WriteArrayHeader(n);
        foreach (var e in log.Newest.Take(n))
        {
            ctx.Reply.WriteArrayHeader(6);
            ctx.Reply.WriteInteger(e.Id);
            ctx.Reply.WriteInteger(e.UnixSeconds);
            ctx.Reply.WriteInteger(e.DurationUs);
            ctx.Reply.WriteBulkArray(e.Args);
            ctx.Reply.WriteBulk(e.PeerAddress);
            ctx.Reply.WriteBulk(e.ClientName);
        }
    }

    [RedisCommand("slowlog|len", Arity = 2, Flags = Flags, Acl = Acl, Tips = "request_policy:all_nodes;response_policy:agg_sum;nondeterministic_output", Group = "server", Since = "2.2.12",
        Summary = "Get the slow log's length", Complexity = "O(1)")]
    public static void Len(CommandContext ctx) => ctx.Reply.WriteInteger(ctx.Server.SlowLog.Count);

    [RedisCommand("slowlog|reset", Arity = 2, Flags = Flags, Acl = Acl, Tips = "request_policy:all_nodes;response_policy:all_succeeded", Group = "server", Since = "2.2.12",
        Summary = "Clear all entries from the slow log", Complexity = "O(N) where N is the number of entries in the slowlog")]
    public static void Reset(CommandContext ctx)
    {
        ctx.Server.SlowLog.Reset();
        ctx.Reply.WriteOk();
    }

    [RedisCommand("slowlog|help", Arity = 2, Flags = CommandFlags.Loading | CommandFlags.Stale, Acl = AclCategory.Slow, Group = "server", Since = "6.2.0",
        Summary = "Show helpful text about the different subcommands", Complexity = "O(1)")]
    public static void Help(CommandContext ctx) => HelpReply.Write(ctx, "SLOWLOG",
        "GET [<count>]",
        "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
        "    Entries are made of:",
        "    id, timestamp, time in microseconds, arguments array, client IP and port,",
        "    client name",
        "LEN",
        "    Return the length of the slowlog.",
        "RESET",
        "    Reset the slowlog.");
}
