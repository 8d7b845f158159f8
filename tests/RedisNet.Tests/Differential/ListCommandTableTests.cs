using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// COMMAND GETKEYS for the list commands' key positions (fixed, range to -2, numkeys), byte for byte
/// with redis-server 7.0. (INFO and DOCS of every command are compared by ServerCommandDiffTests.)
/// </summary>
public class ListCommandTableTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void GetKeys()
    {
        using var s = servers.Session();
        s.Script("""
            COMMAND GETKEYS LMPOP 2 a b LEFT
            COMMAND GETKEYS BLMPOP 0 3 a b c RIGHT COUNT 2
            COMMAND GETKEYS BLPOP a b c 0
            COMMAND GETKEYS BRPOP a 0
            COMMAND GETKEYS BLMOVE a b LEFT RIGHT 0
            COMMAND GETKEYS RPOPLPUSH a b
            COMMAND GETKEYS LPUSH a 1 2
            COMMAND GETKEYS LMPOP 0 a LEFT
            """);
    }
}
