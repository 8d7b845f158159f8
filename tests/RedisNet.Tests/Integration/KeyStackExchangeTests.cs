using RedisNet.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>The key commands through a real client library (StackExchange.Redis 1.2.6).</summary>
public class KeyStackExchangeTests : IDisposable
{
    private readonly ServerProcess _server = ServerProcess.StartRedisNet("--enable-debug-command", "yes");

    [Fact]
    public void KeyOperations()
    {
        using var mux = ConnectionMultiplexer.Connect($"127.0.0.1:{_server.Port},abortConnect=false,connectTimeout=15000,syncTimeout=15000,allowAdmin=true");
        var db = mux.GetDatabase();
        db.Execute("DEBUG", "POPULATE", "5", "se");
        Assert.True(db.KeyExists("se:0"));
        Assert.False(db.KeyExists("nokey"));
        Assert.True(db.KeyExpire("se:0", TimeSpan.FromSeconds(100)));
        var ttl = db.KeyTimeToLive("se:0");
        Assert.NotNull(ttl);
        Assert.InRange(ttl!.Value.TotalSeconds, 90, 100);
        Assert.True(db.KeyPersist("se:0"));
        Assert.Null(db.KeyTimeToLive("se:0"));
        Assert.True(db.KeyRename("se:1", "renamed"));
        Assert.Equal(RedisType.String, db.KeyType("renamed"));
        Assert.Equal(RedisType.None, db.KeyType("se:1"));
        Assert.True(db.KeyMove("renamed", 3));
        Assert.True(mux.GetDatabase(3).KeyExists("renamed"));
        Assert.Equal(2, db.KeyDelete(new RedisKey[] { "se:2", "se:3", "nokey" }));
        var keys = mux.GetServer($"127.0.0.1:{_server.Port}").Keys(0, "se:*").Select(k => (string)k!).Order().ToArray();
        Assert.Equal(new[] { "se:0", "se:4" }, keys);
        Assert.StartsWith("se:", (string?)db.KeyRandom());
    }

    public void Dispose() => _server.Dispose();
}
