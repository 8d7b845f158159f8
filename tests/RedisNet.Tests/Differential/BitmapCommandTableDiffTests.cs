using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>COMMAND INFO / DOCS / GETKEYS of the bitmap and HyperLogLog commands, byte for byte against redis-server 7.0.</summary>
public class BitmapCommandTableDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Theory]
    [InlineData("setbit")]
    [InlineData("getbit")]
    [InlineData("bitcount")]
    [InlineData("bitpos")]
    [InlineData("bitop")]
    [InlineData("bitfield")]
    [InlineData("bitfield_ro")]
    [InlineData("pfadd")]
    [InlineData("pfcount")]
    [InlineData("pfmerge")]
    [InlineData("pfdebug")]
    [InlineData("pfselftest")]
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
            COMMAND GETKEYS BITOP AND dest a b c
            COMMAND GETKEYS PFMERGE dest a b
            COMMAND GETKEYS PFCOUNT a b c
            COMMAND GETKEYS PFDEBUG GETREG k
            COMMAND GETKEYS BITFIELD k GET u8 0
            COMMAND GETKEYS SETBIT k 1 1
            """);
    }
}
