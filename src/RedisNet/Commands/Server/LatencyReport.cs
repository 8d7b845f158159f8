using System.Text;
using RedisNet.Server;

namespace RedisNet.Commands.ServerCommands;

/// <summary>LATENCY GRAPH and LATENCY DOCTOR: human-readable views of the latency monitor.</summary>
public static class LatencyReport
{
    private const int GraphColumns = 80;
    private const int GraphRows = 4;

    [RedisCommand("latency|graph", Arity = 3, Flags = Latency.Flags, Acl = Latency.Acl, Tips = Latency.NodesTips, Group = "server", Since = "2.8.13",
        Summary = "Return a latency graph for the event.", Complexity = "O(1)")]
    public static void Graph(CommandContext ctx)
    {
        var name = ctx.ArgLatin1(2);
        if (!ctx.Server.Latency.Events.TryGetValue(name, out var series))
        {
            ctx.Error($"ERR No samples available for event '{name}'");
            return;
        }
        ctx.Reply.WriteVerbatim(RenderGraph(name, series, Clock.UnixMs() / 1000));
    }

    /// <summary>Header, a rule, then one column per sample (height by latency) with its age written vertically below.</summary>
    public static string RenderGraph(string name, LatencyMonitor.Series series, long now)
    {
        var samples = LatencyMonitor.History(series);
        long max = samples.Max(s => s.Latency), min = samples.Min(s => s.Latency);
        var sb = new StringBuilder();
        sb.Append($"{name} - high {max} ms, low {min} ms (all time high {series.Max} ms)\n");
        sb.Append('-', GraphColumns).Append('\n');
        var cols = samples.TakeLast(GraphColumns).ToList();
        var heights = cols.Select(s => max == min ? GraphRows : 1 + (int)((s.Latency - min) * (GraphRows - 1) / (max - min))).ToList();
        for (int row = GraphRows; row >= 1; row--)
        {
            foreach (int h in heights) sb.Append(h > row ? '|' : h == row ? '#' : row == 1 ? '_' : ' ');
            sb.Append('\n');
        }
        var labels = cols.Select(s => Age(now - s.Time)).ToList();
        int height = labels.Count == 0 ? 0 : labels.Max(l => l.Length);
        sb.Append('\n');
        for (int line = 0; line < height; line++)
        {
            foreach (var l in labels) sb.Append(line < l.Length ? l[line] : ' ');
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Age(long seconds) =>
        seconds < 60 ? $"{seconds}s" : seconds < 3600 ? $"{seconds / 60}m" : seconds < 86400 ? $"{seconds / 3600}h" : $"{seconds / 86400}d";

    [RedisCommand("latency|doctor", Arity = 2, Flags = Latency.Flags, Acl = Latency.Acl, Tips = Latency.NodesTips, Group = "server", Since = "2.8.13",
        Summary = "Return a human readable latency analysis report.", Complexity = "O(1)")]
    public static void Doctor(CommandContext ctx) => ctx.Reply.WriteVerbatim(Doctor(ctx.Server));

    public static string Doctor(RedisServer server)
    {
        if (server.Config.LatencyMonitorThreshold == 0)
            return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";
        var events = server.Latency.Events;
        if (events.Count == 0)
            return "Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n";
        var sb = new StringBuilder("Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n");
        int i = 1;
        foreach (var (name, series) in events)
        {
            var samples = LatencyMonitor.History(series);
            double avg = samples.Average(s => (double)s.Latency);
            double dev = samples.Average(s => Math.Abs(s.Latency - avg));
            long period = samples.Count > 1 ? (samples[^1].Time - samples[0].Time) / (samples.Count - 1) : 0;
            sb.Append($"{i++}. {name}: {samples.Count} latency spikes (average {(long)avg}ms, mean deviation {(long)dev}ms, period {period} sec). Worst all time event {series.Max}ms.\n");
        }
        sb.Append("\nI have a few advices for you:\n\n");
        if (events.ContainsKey("command") || events.ContainsKey("fast-command"))
            sb.Append("- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n");
        sb.Append("- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n");
        return sb.ToString();
    }
}
