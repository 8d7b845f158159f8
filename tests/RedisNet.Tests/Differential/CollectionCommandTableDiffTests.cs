using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>COMMAND INFO and COMMAND DOCS of the hash and set commands, byte for byte against redis-server 7.0.</summary>
public class CollectionCommandTableDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    public static readonly TheoryData<string> Names = new(
        "hset", "hsetnx", "hmset", "hget", "hmget", "hdel", "hlen", "hstrlen", "hexists", "hkeys", "hvals", "hgetall",
        "hincrby", "hincrbyfloat", "hrandfield", "hscan",
        "sadd", "srem", "scard", "sismember", "smismember", "smembers", "srandmember", "spop", "smove", "sinter",
        "sintercard", "sinterstore", "sunion", "sunionstore", "sdiff", "sdiffstore", "sscan");

    [Theory]
    [MemberData(nameof(Names))]
    public void InfoAndDocsMatchRedis(string name)
    {
        using var s = servers.Session();
        s.Same("COMMAND", "INFO", name);
        s.Same("COMMAND", "DOCS", name);
        s.Same("COMMAND", "GETKEYS", name, "k1", "k2", "k3");
    }
}
