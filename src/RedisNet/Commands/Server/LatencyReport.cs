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

    /// <summary>
    /// Header, an 80-dash rule, then a filled 4-row sparkline of the samples (3 levels per row:
    /// "_o#", with "|" below the top) and, after one blank row, each sample's age written vertically.
    /// Wider histories wrap every 80 columns, separated by an empty line.
    /// </summary>
    public static string RenderGraph(string name, LatencyMonitor.Series series, long now)
    {
        var samples = LatencyMonitor.History(series);
        long max = samples.Max(s => s.Latency), min = samples.Min(s => s.Latency);
        var sb = new StringBuilder();
        sb.Append($"{name} - high {max} ms, low {min} ms (all time high {series.Max} ms)\n");
        sb.Append('-', GraphColumns).Append('\n');
        var values = samples.Select(s => (double)s.Latency).ToList();
        var labels = samples.Select(s => Age(now - s.Time)).ToList();
        for (int start = 0; start < values.Count; start += GraphColumns)
        {
            if (start != 0) sb.Append('\n');
            int len = Math.Min(GraphColumns, values.Count - start);
            RenderRange(sb, values, labels, min, max, start, len);
        }
        return sb.ToString();
    }

    private static void RenderRange(StringBuilder sb, List<double> values, List<string> labels, double min, double max, int start, int len)
    {
        const string levels = "_o#";
        int steps = levels.Length * GraphRows;
        double range = max - min == 0 ? 1 : max - min;
        var line = new char[len];
        for (int row = 0; row < GraphRows; row++)
        {
            for (int j = 0; j < len; j++)
            {
                int step = (int)(Math.Floor((values[start + j] - min) * steps) / range);
                step = Math.Clamp(step, 0, steps - 1);
                int level = step - (GraphRows - row - 1) * levels.Length;
                line[j] = level < 0 ? ' ' : level < levels.Length ? levels[level] : '|';
            }
            sb.Append(line).Append('\n');
        }
        sb.Append(' ', len).Append('\n'); // margin between the graph and its labels
        for (int row = 0; ; row++)
        {
            bool any = false;
            for (int j = 0; j < len; j++)
            {
                var label = labels[start + j];
                line[j] = row < label.Length ? label[row] : ' ';
                any |= row < label.Length;
            }
            if (!any) break;
            sb.Append(line).Append('\n');
        }
    }

    private static string Age(long seconds) =>
        seconds < 60 ? $"{seconds}s" : seconds < 3600 ? $"{seconds / 60}m" : seconds < 86400 ? $"{seconds / 3600}h" : $"{seconds / 86400}d";

    [RedisCommand("latency|doctor", Arity = 2, Flags = Latency.Flags, Acl = Latency.Acl, Tips = Latency.NodesTips, Group = "server", Since = "2.8.13",
        Summary = "Return a human readable latency analysis report.", Complexity = "O(1)")]
    public static void Doctor(CommandContext ctx) => ctx.Reply.WriteVerbatim(Doctor(ctx.Server, Clock.UnixMs() / 1000));

    public static string Doctor(RedisServer server, long now)
    {
        if (server.Config.LatencyMonitorThreshold == 0)
            return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";
        var events = server.Latency.Events;
        if (events.Count == 0)
            return "Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n";
        var sb = new StringBuilder("Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n");
        int i = 1;
        bool commandEvents = false;
        foreach (var (name, series) in events)
        {
            var samples = LatencyMonitor.History(series);
            long sum = samples.Sum(s => s.Latency);
            long avg = sum / samples.Count;
            long dev = samples.Sum(s => Math.Abs(s.Latency - avg)) / samples.Count;
            // Period: seconds from the oldest sample until now, per sample.
            double period = (double)(now - samples[0].Time) / samples.Count;
            sb.Append($"{i++}. {name}: {samples.Count} latency spikes (average {avg}ms, mean deviation {dev}ms, period {period.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)} sec). Worst all time event {series.Max}ms.\n");
            commandEvents |= name == "command";
        }
        sb.Append("\nI have a few advices for you:\n\n");
        if (commandEvents)
        {
            long slowlog = server.Config.SlowlogLogSlowerThan;
            if (slowlog < 0)
                sb.Append("- The system slow log is disabled, and it's very useful to understand what commands are slow. Please use 'CONFIG SET slowlog-log-slower-than 1000' to enable it.\n");
            else if (slowlog / 1000 > server.Config.LatencyMonitorThreshold)
                sb.Append($"- Your current Slow Log configuration only logs events that are slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than {server.Config.LatencyMonitorThreshold * 1000}'.\n");
            sb.Append("- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n");
            sb.Append("- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n");
        }
        return sb.ToString();
    }
}
