using RedisNet.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>StackExchange.Redis 1.2.6's scripting API (EVAL, EVALSHA after SCRIPT LOAD) against RedisNet.</summary>
public class ScriptingStackExchangeTests
{
    [Fact]
    public void StackExchangeScriptEvaluate()
    {
        using var server = ServerProcess.StartRedisNet();
        using var mux = ConnectionMultiplexer.Connect($"127.0.0.1:{server.Port},connectTimeout=15000,syncTimeout=15000");
        var db = mux.GetDatabase();
        var r = db.ScriptEvaluate("redis.call('set', KEYS[1], ARGV[1]) return redis.call('get', KEYS[1])", new RedisKey[] { "se:k" }, new RedisValue[] { "v1" });
        Assert.Equal("v1", (string?)r);
        var arr = (RedisResult[])db.ScriptEvaluate("return {1, 'two', {3}}")!;
        Assert.Equal(3, arr.Length);
        Assert.Equal(1, (int)arr[0]);
        var prepared = LuaScript.Prepare("return redis.call('get', @key)");
        Assert.Equal("v1", (string?)db.ScriptEvaluate(prepared, new { key = (RedisKey)"se:k" }));
    }
}
