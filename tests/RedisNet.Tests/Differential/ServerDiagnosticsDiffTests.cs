using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>SLOWLOG, LATENCY and MEMORY replies that are deterministic.</summary>
public class ServerDiagnosticsDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void SlowLog()
    {
        using var s = servers.Session();
        s.Script("""
            SLOWLOG HELP
            SLOWLOG RESET
            SLOWLOG GET x
            SLOWLOG GET -2
            SLOWLOG GET 1 2
            SLOWLOG GET 0
            SLOWLOG LEN x
            SLOWLOG NOSUCH
            """);
    }

    [Fact]
    public void Latency()
    {
        using var s = servers.Session();
        s.Script("""
            LATENCY HELP
            LATENCY LATEST
            LATENCY HISTORY command
            LATENCY RESET
            LATENCY RESET command fast-command
            LATENCY GRAPH command
            LATENCY DOCTOR
            LATENCY HISTOGRAM nosuch
            LATENCY NOSUCH
            """);
        s.Both("HELLO", "3");
        s.Same("LATENCY", "DOCTOR");
        s.Same("LATENCY", "HISTOGRAM", "nosuch");
    }

    [Fact]
    public void LatencyHistogramShape()
    {
        using var s = servers.Session();
        s.Same("ECHO", "a");
        var (r, n) = s.Both("LATENCY", "HISTOGRAM", "echo");
        // Bucket values depend on timing; the structure does not.
        static string Shape(byte[] b) => System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.ASCII.GetString(b), @":\d+\r\n:\d+\r\n", "");
        Assert.Equal(Shape(r), Shape(n));
    }

    [Fact]
    public void Memory()
    {
        using var s = servers.Session();
        // Keys come from the string commands' branch; usage estimates are unit-tested (MemoryEstimateTests).
        s.Script("""
            MEMORY HELP
            MEMORY DOCTOR
            MEMORY PURGE
            MEMORY USAGE nosuch
            MEMORY USAGE nosuch samples
            MEMORY USAGE nosuch samples -1
            MEMORY USAGE nosuch foo 1
            MEMORY USAGE nosuch samples x
            MEMORY USAGE nosuch SAMPLES 0
            MEMORY NOSUCH
            """);
    }

    [Fact]
    public void MemoryUsageOfStrings()
    {
        using var s = servers.Session();
        s.Script("""
            SET mu:k v
            MEMORY USAGE mu:k
            SET mu:i 123
            MEMORY USAGE mu:i
            SET mu:neg -9223372036854775808
            MEMORY USAGE mu:neg
            SET mu:s xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
            MEMORY USAGE mu:s
            SET mu:s2 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
            MEMORY USAGE mu:s2 SAMPLES 5
            SET longkeynamelongkeynamelongkeynamelongkeynamelongkeynamelongkeyname 1
            MEMORY USAGE longkeynamelongkeynamelongkeynamelongkeynamelongkeynamelongkeyname
            SET mu:a v
            APPEND mu:a abc
            MEMORY USAGE mu:a
            APPEND mu:a xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
            MEMORY USAGE mu:a
            INCRBYFLOAT mu:f 1.5
            MEMORY USAGE mu:f
            """);
    }

    [Fact]
    public void MemoryStatsWithKeysHasPerDbEntries()
    {
        using var s = servers.Session();
        s.Same("SET", "statkey", "v", "PX", "100000");
        var (r, n) = s.Both("MEMORY", "STATS");
        static string Names(byte[] b) => string.Join(",", System.Text.Encoding.ASCII.GetString(b).Split("\r\n")
            .Where(l => l.Length > 0 && char.IsLetter(l[0])).Where(l => !double.TryParse(l, out _)));
        Assert.Equal(Names(r), Names(n));
        Assert.Contains("db.0", Names(n));
    }

    [Fact]
    public void MemoryStatsFieldNames()
    {
        using var s = servers.Session();
        var (r, n) = s.Both("MEMORY", "STATS");
        static string Names(byte[] b) => string.Join(",", System.Text.Encoding.ASCII.GetString(b).Split("\r\n")
            .Where(l => l.Length > 0 && char.IsLetter(l[0])).Where(l => !double.TryParse(l, out _)));
        Assert.Equal(Names(r), Names(n));
    }
}
