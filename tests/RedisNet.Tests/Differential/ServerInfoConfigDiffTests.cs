using System.Text;
using System.Text.RegularExpressions;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>Servers started with non-default settings that INFO reports.</summary>
public sealed class DiffServersInfoConfig : DiffServers
{
    public DiffServersInfoConfig() : base(new[]
    {
        "--maxmemory", "100mb", "--maxmemory-policy", "allkeys-lru", "--latency-tracking-info-percentiles", "90.5",
        "--repl-backlog-size", "2mb",
    }) { }
}

public class ServerInfoConfigDiffTests(DiffServersInfoConfig servers) : IClassFixture<DiffServersInfoConfig>
{
    [Fact]
    public void ConfiguredValuesShowInInfo()
    {
        using var s = servers.Session();
        var (r, n) = s.Both("INFO", "memory", "replication");
        foreach (var field in new[] { "maxmemory", "maxmemory_human", "maxmemory_policy", "repl_backlog_size" })
            Assert.Equal(Value(r, field), Value(n, field));
    }

    [Fact]
    public void LatencystatsUsesConfiguredPercentiles()
    {
        using var s = servers.Session();
        s.Same("ECHO", "x");
        var (r, n) = s.Both("INFO", "latencystats");
        static string Keys(byte[] b) => Regex.Replace(Value(b, "latency_percentiles_usec_echo"), @"=\d+\.\d{3}", "=V");
        Assert.Equal("p90.5=V", Keys(r));
        Assert.Equal(Keys(r), Keys(n));
    }

    private static string Value(byte[] reply, string field)
    {
        foreach (var line in Encoding.ASCII.GetString(reply).Split("\r\n"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal)) return line[(field.Length + 1)..];
        return "<missing>";
    }
}
