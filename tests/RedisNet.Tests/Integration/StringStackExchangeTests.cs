using RedisNet.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>String operations through StackExchange.Redis 1.2.6 against the built server.</summary>
public class StringStackExchangeTests : IDisposable
{
    private readonly ServerProcess _server = ServerProcess.StartRedisNet();

    private ConnectionMultiplexer Connect() =>
        ConnectionMultiplexer.Connect($"127.0.0.1:{_server.Port},abortConnect=false,connectTimeout=15000,syncTimeout=15000");

    [Fact]
    public void StringOperations()
    {
        using var mux = Connect();
        var db = mux.GetDatabase();

        Assert.True(db.StringSet("se:a", "hello"));
        Assert.Equal("hello", (string?)db.StringGet("se:a"));
        Assert.True(db.StringGet("se:missing").IsNull);

        Assert.True(db.StringSet("se:ttl", "v", TimeSpan.FromSeconds(100)));
        Assert.True(db.StringSet("se:pttl", "v", TimeSpan.FromMilliseconds(100_500)));
        Assert.Equal("v", (string?)db.StringGet("se:pttl"));

        Assert.True(db.StringSet("se:nx", "1", when: When.NotExists));
        Assert.False(db.StringSet("se:nx", "2", when: When.NotExists));
        Assert.True(db.StringSet("se:nx", "3", when: When.Exists));
        Assert.False(db.StringSet("se:xx-missing", "3", when: When.Exists));
        Assert.Equal("3", (string?)db.StringGet("se:nx"));

        Assert.Equal(1, db.StringIncrement("se:n"));
        Assert.Equal(11, db.StringIncrement("se:n", 10));
        Assert.Equal(8, db.StringDecrement("se:n", 3));
        Assert.Equal(7, db.StringDecrement("se:n"));
        Assert.Equal(7.5, db.StringIncrement("se:n", 0.5));
        Assert.Throws<RedisServerException>(() => db.StringIncrement("se:a"));

        Assert.Equal(11, db.StringAppend("se:a", " world"));
        Assert.Equal(11, db.StringLength("se:a"));
        Assert.Equal("world", (string?)db.StringGetRange("se:a", 6, -1));
        Assert.Equal(11, db.StringSetRange("se:a", 0, "J"));
        Assert.Equal("Jello world", (string?)db.StringGet("se:a"));

        Assert.Equal("Jello world", (string?)db.StringGetSet("se:a", "new"));
        Assert.Equal("new", (string?)db.StringGet("se:a"));

        Assert.True(db.StringSet(new KeyValuePair<RedisKey, RedisValue>[] { new("se:m1", "1"), new("se:m2", "2") }));
        var values = db.StringGet(new RedisKey[] { "se:m1", "se:missing", "se:m2" });
        Assert.Equal(new[] { "1", null, "2" }, values.Select(v => (string?)v).ToArray());
        Assert.False(db.StringSet(new KeyValuePair<RedisKey, RedisValue>[] { new("se:m1", "x"), new("se:m3", "y") }, When.NotExists));
        Assert.True(db.StringGet("se:m3").IsNull);

        var bin = new byte[] { 0, 1, 2, 255, 0, 13, 10 };
        Assert.True(db.StringSet("se:bin", bin));
        Assert.Equal(bin, (byte[]?)db.StringGet("se:bin"));
    }

    [Fact]
    public async Task PipelinedIncrementsAreAllApplied()
    {
        using var mux = Connect();
        var db = mux.GetDatabase();
        var tasks = Enumerable.Range(0, 500).Select(_ => db.StringIncrementAsync("se:pipe")).ToArray();
        await Task.WhenAll(tasks);
        Assert.Equal(500, (long)db.StringGet("se:pipe"));
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), tasks.Select(t => t.Result));
    }

    public void Dispose() => _server.Dispose();
}
