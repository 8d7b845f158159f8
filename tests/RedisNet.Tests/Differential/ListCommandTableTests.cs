using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>COMMAND INFO / DOCS / GETKEYS of the list commands, byte for byte with redis-server 7.0.</summary>
public class ListCommandTableTests(DiffServers servers) : IClassFixture<DiffServers>
{
    public static readonly TheoryData<string> Names = new(
        "lpush", "rpush", "lpushx", "rpushx", "lpop", "rpop", "llen", "lrange", "lindex", "lset", "linsert", "lrem",
        "ltrim", "lpos", "lmove", "rpoplpush", "lmpop", "blpop", "brpop", "blmove", "brpoplpush", "blmpop");

    [Theory]
    [MemberData(nameof(Names))]
    public void InfoAndDocsMatch(string name)
    {
        using var s = servers.Session();
        s.Same("COMMAND", "INFO", name);
        s.Same("COMMAND", "DOCS", name);
    }

    [Fact]
    public void GetKeys()
    {
        using var s = servers.Session();
        s.Script("""
            COMMAND GETKEYS LMPOP 2 a b LEFT
            COMMAND GETKEYS BLMPOP 0 3 a b c RIGHT COUNT 2
            COMMAND GETKEYS BLPOP a b c 0
            COMMAND GETKEYS BLMOVE a b LEFT RIGHT 0
            COMMAND GETKEYS RPOPLPUSH a b
            COMMAND GETKEYS LPUSH a 1 2
            """);
    }
}
