using RedisNet.Commands.ServerCommands;
using RedisNet.Keyspace;
using RedisNet.Server;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>Pure logic behind MEMORY USAGE, latency histograms and glob matching; expected values read from redis-server 7.0.15.</summary>
public class ServerStatsUnitTests
{
    private static KeyEntry Entry(string key, object value) => new(System.Text.Encoding.ASCII.GetBytes(key), 0, value);

    [Theory]
    [InlineData("k", "v", 64)]                 // embstr
    [InlineData("i", "123", 48)]               // int encoding
    [InlineData("s", 44, 96)]                  // largest embstr
    [InlineData("s2", 45, 112)]                // raw
    [InlineData("s3", 300, 368)]               // raw, sdshdr16
    public void MemoryUsageMatchesRedis(string key, object value, long expected)
    {
        object v = value is int n ? System.Text.Encoding.ASCII.GetBytes(new string('x', n)) : System.Text.Encoding.ASCII.GetBytes((string)value);
        Assert.Equal(expected, MemoryEstimate.OfEntry(Entry(key, v)));
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

    [Theory]
    [InlineData("cl*", "client|list", true)]
    [InlineData("c?ient*", "client", true)]
    [InlineData("[a-c]*", "client", true)]
    [InlineData("[^a-c]*", "client", false)]
    [InlineData("CLIENT", "client", true)]
    [InlineData("x\\*", "x*", true)]
    [InlineData("x\\*", "xy", false)]
    [InlineData("*|get", "config|get", true)]
    public void GlobMatching(string pattern, string text, bool expected) => Assert.Equal(expected, GlobMatcher.Match(pattern, text, ignoreCase: true));

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
