using RedisNet.Commands.ServerCommands;
using RedisNet.Keyspace;
using RedisNet.Server;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>Pure logic behind MEMORY USAGE, latency histograms and glob matching; expected values read from redis-server 7.0.15.</summary>
public class ServerStatsUnitTests
{
    private static KeyEntry Entry(string key, byte[] value) => new(System.Text.Encoding.ASCII.GetBytes(key), (ReadOnlySpan<byte>)value);

    [Theory]
    [InlineData("k", "v", 64)]                 // embstr
    [InlineData("i", "123", 48)]               // int encoding
    [InlineData("s", 44, 96)]                  // largest embstr
    [InlineData("s2", 45, 112)]                // raw
    [InlineData("s3", 300, 368)]               // raw, sdshdr16
    public void MemoryUsageMatchesRedis(string key, object value, long expected)
    {
        object v = value is int n ? System.Text.Encoding.ASCII.GetBytes(new string('x', n)) : System.Text.Encoding.ASCII.GetBytes((string)value);
        Assert.Equal(expected, MemoryEstimate.OfEntry(Entry(key, (byte[])v)));
    }

    [Fact]
    public void MemoryUsageOfLongKey() =>
        Assert.Equal(168, MemoryEstimate.OfEntry(Entry(string.Concat(Enumerable.Repeat("longkeyname", 10)), "1"u8.ToArray())));

    [Theory]
    [InlineData(1, 8)] [InlineData(21, 32)] [InlineData(49, 64)] [InlineData(129, 160)] [InlineData(306, 320)] [InlineData(16385, 20480)]
    public void JemallocSizeClasses(long request, long usable) => Assert.Equal(usable, MemoryEstimate.SizeClass(request));

    [Fact]
    public void HistogramPercentilesUseHighestEquivalentValues()
    {
        var h = new LatencyHistogram();
        h.Record(56_000);
        Assert.Equal(56_063, h.ValueAtPercentile(50));   // Redis printed p50=56.063 for such a sample
        h.Record(100);
        Assert.Equal(100, h.ValueAtPercentile(50));
        Assert.Equal(56_063, h.ValueAtPercentile(99.9));
    }

    [Fact]
    public void HistogramPowerOfTwoBucketsMatchRedisLabels()
    {
        var h = new LatencyHistogram();
        foreach (var ns in new long[] { 500, 900, 1500, 3000, 30_000, 66_000 }) h.Record(ns);
        // Redis labels levels 1024, 2048, 4096, ... ns by their highest equivalent value in microseconds.
        Assert.Equal(new[] { (1L, 2L), (2L, 3L), (4L, 4L), (33L, 5L), (66L, 6L) }, h.CumulativeByPowerOfTwo());
    }

    [Fact]
    public void HumanSizes()
    {
        Assert.Equal("0B", MemoryInfo.Human(0));
        Assert.Equal("918.95K", MemoryInfo.Human(941008));
        Assert.Equal("6.84M", MemoryInfo.Human(7176192));
        Assert.Equal("23.54G", MemoryInfo.Human(25276026880));
    }

    [Fact]
    public void LatencyMonitorKeepsMaxPerSecond()
    {
        var m = new LatencyMonitor();
        m.Add("command", 10, 1000);
        m.Add("command", 30, 1000);
        m.Add("command", 20, 1001);
        var s = m.Events["command"];
        Assert.Equal(new[] { (1000L, 30L), (1001L, 20L) }, LatencyMonitor.History(s));
        Assert.Equal(30, s.Max);
        Assert.Equal(1, m.Reset(new[] { "command", "nosuch" }));
    }
}

public class LatencyGraphUnitTests
{
    /// <summary>Samples and output recorded from redis-server 7.0.15 (DEBUG SLEEP with latency-monitor-threshold 1).</summary>
    [Fact]
    public void GraphMatchesRedis()
    {
        var m = new LatencyMonitor();
        foreach (var (t, ms) in new[] { (1795320461L, 50L), (1795320462L, 20L), (1795320463L, 80L), (1795320464L, 10L), (1795320465L, 30L) })
            m.Add("command", ms, t);
        var graph = RedisNet.Commands.ServerCommands.LatencyReport.RenderGraph("command", m.Events["command"], 1795320467);
        Assert.Equal("command - high 80 ms, low 10 ms (all time high 80 ms)\n" + new string('-', 80) + "\n" +
                     "  #  \n_ |  \n| | _\n|o|_|\n     \n65432\nsssss\n", graph);
    }
}

public class LatencyDoctorUnitTests
{
    [Fact]
    public void DoctorReportMatchesRedis()
    {
        var config = new RedisNet.Config.ServerConfig { LatencyMonitorThreshold = 1 };
        var server = new RedisServer(config, new RedisNet.Commands.CommandTable(), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        foreach (var (t, ms) in new[] { (1795320461L, 50L), (1795320462L, 20L), (1795320463L, 80L), (1795320464L, 10L), (1795320465L, 30L) })
            server.Latency.Add("command", ms, t);
        Assert.Equal("Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n1. command: 5 latency spikes (average 38ms, mean deviation 21ms, period 1.20 sec). Worst all time event 80ms.\n\nI have a few advices for you:\n\n- Your current Slow Log configuration only logs events that are slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than 1000'.\n- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n",
            RedisNet.Commands.ServerCommands.LatencyReport.Doctor(server, 1795320467));
    }
}

public class LatencyPercentileFormatUnitTests
{
    [Fact]
    public void WholeMicrosecondSamplesReportAsRedisDoes()
    {
        var h = new LatencyHistogram();
        h.Record(1 * 1000);
        // Redis shows p50=1.003 for a 1 µs call: the highest value of the bucket holding 1000 ns.
        Assert.Equal(1003, h.ValueAtPercentile(50));
        h.Reset();
        h.Record(0);
        Assert.Equal(1, h.ValueAtPercentile(50)); // 0 µs is clamped to the 1 ns minimum (p50=0.001)
    }
}
