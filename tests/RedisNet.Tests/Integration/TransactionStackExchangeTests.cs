using RedisNet.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>StackExchange.Redis 1.2.6 transactions (WATCH + MULTI/EXEC under the hood) against the built server.</summary>
public class TransactionStackExchangeTests : IDisposable
{
    private readonly ServerProcess _server = ServerProcess.StartRedisNet();

    private ConnectionMultiplexer Connect() =>
        ConnectionMultiplexer.Connect($"127.0.0.1:{_server.Port},abortConnect=false,connectTimeout=15000,syncTimeout=15000");

    [Fact]
    public void ConditionalTransactionsCommitOrAbort()
    {
        using var mux = Connect();
        var db = mux.GetDatabase();
        db.StringSet("se:tx", "1");

        var tx = db.CreateTransaction();
        tx.AddCondition(Condition.StringEqual("se:tx", "1"));
        var incr = tx.StringIncrementAsync("se:tx");
        var get = tx.StringGetAsync("se:tx");
        Assert.True(tx.Execute());
        Assert.Equal(2, incr.Result);
        Assert.Equal("2", (string?)get.Result);

        var failing = db.CreateTransaction();
        failing.AddCondition(Condition.KeyNotExists("se:tx"));
        _ = failing.StringSetAsync("se:tx", "never");
        Assert.False(failing.Execute());
        Assert.Equal("2", (string?)db.StringGet("se:tx"));
    }

    [Fact]
    public void WriteByAnotherClientAfterWatchFailsExec()
    {
        using var a = _server.Client();
        using var b = _server.Client();
        Assert.Equal("+OK\r\n", a.CallString("SET", "it:k", "1"));
        Assert.Equal("+OK\r\n", a.CallString("WATCH", "it:k"));
        Assert.Equal("$1\r\n1\r\n", b.CallString("GET", "it:k"));
        Assert.Equal("+OK\r\n", a.CallString("MULTI"));
        Assert.Equal("+QUEUED\r\n", a.CallString("INCR", "it:k"));
        Assert.Equal("*1\r\n:2\r\n", a.CallString("EXEC")); // a read does not break the watch

        Assert.Equal("+OK\r\n", a.CallString("WATCH", "it:k"));
        Assert.Equal("+OK\r\n", a.CallString("MULTI"));
        Assert.Equal("+QUEUED\r\n", a.CallString("INCR", "it:k"));
        Assert.Equal("+OK\r\n", b.CallString("SET", "it:k", "10"));
        Assert.Equal("*-1\r\n", a.CallString("EXEC"));
        Assert.Equal("$2\r\n10\r\n", b.CallString("GET", "it:k"));
    }

    public void Dispose() => _server.Dispose();
}
