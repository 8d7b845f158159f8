using System.Globalization;
using RedisNet.Server;

namespace RedisNet.Commands.ServerCommands;

/// <summary>INFO sections commandstats, errorstats and latencystats.</summary>
public static class InfoCommandStats
{
    /// <summary>Every command and subcommand, parents before their subcommands, ordered by name.</summary>
    public static IEnumerable<CommandDef> AllCommands(RedisServer server)
    {
        foreach (var cmd in server.Commands.All.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            yield return cmd;
            if (cmd.Subcommands is null) continue;
            foreach (var sub in cmd.Subcommands.Values.OrderBy(c => c.Name, StringComparer.Ordinal)) yield return sub;
        }
    }

    public static void CommandStats(InfoWriter w, RedisServer server)
    {
        w.Section("Commandstats");
        foreach (var c in AllCommands(server))
        {
            if (c.Calls == 0 && c.FailedCalls == 0 && c.RejectedCalls == 0) continue;
            double perCall = c.Calls == 0 ? 0 : (double)c.Microseconds / c.Calls;
            w.Field("cmdstat_" + c.Name,
                $"calls={c.Calls},usec={c.Microseconds},usec_per_call={InfoWriter.F2(perCall)},rejected_calls={c.RejectedCalls},failed_calls={c.FailedCalls}");
        }
    }

    public static void ErrorStats(InfoWriter w, RedisServer server)
    {
        w.Section("Errorstats");
        foreach (var (code, count) in server.Stats.ErrorCounts.OrderBy(e => e.Key, StringComparer.Ordinal))
            w.Field("errorstat_" + code, "count=" + count.ToString(CultureInfo.InvariantCulture));
    }

    public static void LatencyStats(InfoWriter w, RedisServer server)
    {
        w.Section("Latencystats");
        foreach (var c in AllCommands(server))
        {
            if (c.Latency is null || c.Latency.TotalCount == 0) continue;
            var parts = server.Config.LatencyTrackingInfoPercentiles.Select(p =>
                $"p{p.ToString(CultureInfo.InvariantCulture)}={(c.Latency.ValueAtPercentile(p) / 1000.0).ToString("F3", CultureInfo.InvariantCulture)}");
            w.Field("latency_percentiles_usec_" + c.Name, string.Join(",", parts));
        }
    }
}
