using RedisNet.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>A real client library against the built binary.</summary>
public class StackExchangeTests : IDisposable
{
    private readonly ServerProcess _server = ServerProcess.StartRedisNet();

    [Fact]
    public void ConnectsAndPings()
    {
        using var mux = ConnectionMultiplexer.Connect($"127.0.0.1:{_server.Port},abortConnect=false,connectTimeout=15000,syncTimeout=15000");
        var db = mux.GetDatabase();
        Assert.True(db.Ping() >= TimeSpan.Zero);
    }

    public void Dispose() => _server.Dispose();
}
