using RedisNet.Server;

namespace RedisNet.Commands.ServerCommands;

/// <summary>LATENCY LATEST, HISTORY, RESET, HISTOGRAM, HELP (GRAPH and DOCTOR are in LatencyReport).</summary>
[RedisContainer("latency", Arity = -2, Acl = AclCategory.Slow, Group = "server", Since = "2.8.13", Summary = "A container for latency diagnostics commands", Complexity = "Depends on subcommand.")]
public static class Latency
{
    internal const CommandFlags Flags = CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale;
    internal const AclCategory Acl = AclCategory.Admin | AclCategory.Slow | AclCategory.Dangerous;
    internal const string NodesTips = "nondeterministic_output;request_policy:all_nodes;response_policy:special";

    [RedisCommand("latency|latest", Arity = 2, Flags = Flags, Acl = Acl, Tips = NodesTips, Group = "server", Since = "2.8.13",
        Summary = "Return the latest latency samples for all events.", Complexity = "O(1)")]
    public static void Latest(CommandContext ctx)
    {
        var events = ctx.Server.Latency.Events;
        ctx.Reply.WriteArrayHeader(events.Count);
        foreach (var (name, series) in events)
        {
            var last = LatencyMonitor.Latest(series);
            ctx.Reply.WriteArrayHeader(4);
            ctx.Reply.WriteBulk(name);
            ctx.Reply.WriteInteger(last.Time);
            ctx.Reply.WriteInteger(last.Latency);
            ctx.Reply.WriteInteger(series.Max);
        }
    }

    [RedisCommand("latency|history", Arity = 3, Flags = Flags, Acl = Acl, Tips = NodesTips, Group = "server", Since = "2.8.13",
        Summary = "Return timestamp-latency samples for the event.", Complexity = "O(1)")]
    public static void History(CommandContext ctx)
    {
        if (!ctx.Server.Latency.Events.TryGetValue(ctx.ArgLatin1(2), out var series))
        {
            ctx.Reply.WriteArrayHeader(0);
            return;
        }
        var samples = LatencyMonitor.History(series);
        ctx.Reply.WriteArrayHeader(samples.Count);
        foreach (var (time, latency) in samples)
        {
            ctx.Reply.WriteArrayHeader(2);
            ctx.Reply.WriteInteger(time);
            ctx.Reply.WriteInteger(latency);
        }
    }

    [RedisCommand("latency|reset", Arity = -2, Flags = Flags, Acl = Acl, Tips = "request_policy:all_nodes;response_policy:all_succeeded", Group = "server", Since = "2.8.13",
        Summary = "Reset latency data for one or more events.", Complexity = "O(1)")]
    public static void Reset(CommandContext ctx)
    {
        var names = new List<string>();
        for (int i = 2; i < ctx.ArgCount; i++) names.Add(ctx.ArgLatin1(i));
        ctx.Reply.WriteInteger(ctx.Server.Latency.Reset(names));
    }

    [RedisCommand("latency|histogram", Arity = -2, Flags = Flags, Acl = Acl, Tips = NodesTips, Group = "server", Since = "7.0.0",
        Summary = "Return the cumulative distribution of latencies of a subset of commands or all.",
        Complexity = "O(N) where N is the number of commands with latency information being retrieved.")]
    public static void Histogram(CommandContext ctx)
    {
        var cmds = new List<CommandDef>();
        if (ctx.ArgCount == 2) cmds.AddRange(InfoCommandStats.AllCommands(ctx.Server));
        else
            for (int i = 2; i < ctx.ArgCount; i++)
                if (ctx.Server.Commands.FindFull(ctx.ArgLatin1(i)) is { } c && !cmds.Contains(c)) cmds.Add(c);
        cmds.RemoveAll(c => c.Latency is null || c.Latency.TotalCount == 0);
        var r = ctx.Reply;
        r.WriteMapHeader(cmds.Count);
        foreach (var c in cmds)
        {
            var buckets = c.Latency!.CumulativeByPowerOfTwo();
            r.WriteBulk(c.Name);
            r.WriteMapHeader(2);
            r.WriteBulk("calls"u8);
            r.WriteInteger(c.Latency.TotalCount);
            r.WriteBulk("histogram_usec"u8);
            r.WriteMapHeader(buckets.Count);
            foreach (var (usec, count) in buckets)
            {
                r.WriteInteger(usec);
                r.WriteInteger(count);
            }
        }
    }

    [RedisCommand("latency|help", Arity = 2, Flags = CommandFlags.Loading | CommandFlags.Stale, Acl = AclCategory.Slow, Group = "server", Since = "2.8.13",
        Summary = "Show helpful text about the different subcommands.", Complexity = "O(1)")]
    public static void Help(CommandContext ctx) => HelpReply.Write(ctx, "LATENCY",
        "DOCTOR",
        "    Return a human readable latency analysis report.",
        "GRAPH <event>",
        "    Return an ASCII latency graph for the <event> class.",
        "HISTORY <event>",
        "    Return time-latency samples for the <event> class.",
        "LATEST",
        "    Return the latest latency samples for all events.",
        "RESET [<event> ...]",
        "    Reset latency data of one or more <event> classes.",
        "    (default: reset all data for all event classes)",
        "HISTOGRAM [COMMAND ...]",
        "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
        "    If no commands are specified then all histograms are replied.");
}
