using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>INFO: same sections, same field names in the same order; values are instance-specific.</summary>
public class ServerInfoDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    private static readonly string[] InstanceOnlyFields = { "errorstat_", "cmdstat_", "latency_percentiles_usec_", "db" };

    [Theory]
    [InlineData()]
    [InlineData("default")]
    [InlineData("all")]
    [InlineData("everything")]
    [InlineData("server")]
    [InlineData("clients")]
    [InlineData("memory")]
    [InlineData("persistence")]
    [InlineData("stats")]
    [InlineData("replication")]
    [InlineData("cpu")]
    [InlineData("modules")]
    [InlineData("cluster")]
    [InlineData("keyspace")]
    [InlineData("commandstats")]
    [InlineData("errorstats")]
    [InlineData("latencystats")]
    [InlineData("KEYSPACE", "server")]
    [InlineData("nosuch")]
    [InlineData("cpu", "nosuch", "Cluster")]
    [InlineData("default", "commandstats")]
    public void SameFieldsInSameOrder(params string[] sections)
    {
        using var s = servers.Session();
        var (r, n) = s.Both(new[] { "INFO" }.Concat(sections).ToArray());
        Assert.Equal(Layout(r), Layout(n));
    }

    [Fact]
    public void Resp3IsVerbatimText()
    {
        using var s = servers.Session();
        s.Both("HELLO", "3");
        s.Same("INFO", "cluster");
        s.Same("INFO", "nosuch");
        s.Same("INFO", "modules");
    }

    [Fact]
    public void FixedValuesMatch()
    {
        using var s = servers.Session();
        var (r, n) = s.Both("INFO", "server", "replication", "cluster");
        foreach (var field in new[] { "redis_version", "redis_mode", "arch_bits", "multiplexing_api", "role", "connected_slaves",
                     "master_failover_state", "master_repl_offset", "second_repl_offset", "cluster_enabled", "tcp_port" })
        {
            if (field == "tcp_port") continue; // differs by design: each server has its own port
            Assert.Equal(Value(r, field), Value(n, field));
        }
        Assert.Matches("^[0-9a-f]{40}$", Value(n, "master_replid"));
        Assert.Matches("^[0-9a-f]{40}$", Value(n, "run_id"));
        Assert.Equal(servers.RedisNet.Port.ToString(), Value(n, "tcp_port"));
    }

    [Fact]
    public void CommandStatsAndErrorStatsCount()
    {
        using var s = servers.Session();
        s.Same("CONFIG_NO_SUCH_COMMAND");
        s.Same("ECHO", "x");
        var (_, n) = s.Both("INFO", "commandstats", "errorstats", "latencystats");
        var text = Encoding.ASCII.GetString(n);
        Assert.Matches(@"cmdstat_echo:calls=\d+,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=0,failed_calls=0\r\n", text);
        Assert.Matches(@"errorstat_ERR:count=\d+\r\n", text);
        Assert.Matches(@"latency_percentiles_usec_echo:p50=\d+\.\d{3},p99=\d+\.\d{3},p99\.9=\d+\.\d{3}\r\n", text);
    }

    [Fact]
    public void KeyspaceLinesCountKeysAndExpires()
    {
        using var s = servers.Session();
        s.Same("SET", "ks:a", "1");
        s.Same("INFO", "keyspace");
        s.Same("SET", "ks:b", "1", "EX", "1000");
        var (r, n) = s.Both("INFO", "keyspace");
        // avg_ttl is an estimate sampled by the expire cycle; keys and expires are exact.
        // The bulk length moves with avg_ttl's digits, so it is masked too.
        static string Counts(byte[] b) => System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(Encoding.ASCII.GetString(b), @"avg_ttl=\d+", "avg_ttl=N"), @"^\$\d+", "$N");
        Assert.Equal(Counts(r), Counts(n));
        Assert.Contains("db0:keys=2,expires=1,", Encoding.ASCII.GetString(n));
    }

    private static string Value(byte[] reply, string field)
    {
        foreach (var line in Encoding.ASCII.GetString(reply).Split("\r\n"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal)) return line[(field.Length + 1)..];
        return "<missing>";
    }

    /// <summary>Headers, field names and blank lines, with the bulk length and per-instance lines removed.</summary>
    private static string Layout(byte[] reply)
    {
        var lines = Encoding.ASCII.GetString(reply).Split("\r\n").Skip(1)
            .Where(l => !InstanceOnlyFields.Any(p => l.StartsWith(p, StringComparison.Ordinal) && l.Contains(':')))
            .Select(l => l.Contains(':') ? l[..l.IndexOf(':')] : l);
        return string.Join("\n", lines);
    }
}
