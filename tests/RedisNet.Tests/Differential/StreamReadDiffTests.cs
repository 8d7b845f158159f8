using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>XREAD, RESP3 reply shapes and the command table entries of the stream commands.</summary>
public class StreamReadDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    private const string Data = """
        XADD x1 1-0 a 1
        XADD x1 2-0 a 2 b 3
        XADD x1 3-0 a 3
        XADD x2 5-0 z 9
        """;

    [Fact]
    public void Read()
    {
        using var s = servers.Session();
        s.Script(Data);
        s.Script("""
            XREAD STREAMS x1 0
            XREAD STREAMS x1 x2 0 0
            XREAD STREAMS x1 x2 1 5
            XREAD STREAMS x1 x2 3 5
            XREAD STREAMS x1 x2 $ $
            XREAD COUNT 1 STREAMS x1 x2 0 0
            XREAD COUNT 0 STREAMS x1 0
            XREAD COUNT -5 STREAMS x1 0
            XREAD COUNT 1 COUNT 2 STREAMS x1 0
            XREAD STREAMS nosuch x1 0 2
            XREAD STREAMS nosuch 0
            XREAD STREAMS x1 1
            XREAD STREAMS x1 (1
            XREAD STREAMS x1 -
            XREAD STREAMS x1 +
            XREAD STREAMS x1 >
            XREAD STREAMS x1 bad
            XREAD STREAMS x1 x2 0
            XREAD STREAMS x1
            XREAD COUNT x STREAMS x1 0
            XREAD FOO STREAMS x1 0
            XREAD COUNT 1 x1 0
            XREAD GROUP g c STREAMS x1 0
            XREAD NOACK STREAMS x1 0
            XREAD BLOCK -1 STREAMS x1 0
            XREAD BLOCK x STREAMS x1 0
            XREAD BLOCK 9223372036854775807 STREAMS x1 0
            XREAD BLOCK 100 STREAMS x1 0
            XREAD BLOCK 0 COUNT 1 STREAMS x1 x2 0 0
            SET str v
            XREAD STREAMS str 0
            XREAD STREAMS x1 str 0 0
            XDEL x1 3-0
            XREAD STREAMS x1 2-0
            XREAD STREAMS x1 $
            """);
    }

    [Fact]
    public void Resp3Shapes()
    {
        using var s = servers.Session();
        s.Script(Data);
        s.Both("HELLO", "3");
        s.Script("""
            XREAD STREAMS x1 x2 0 0
            XREAD STREAMS x1 $
            XRANGE x1 - + COUNT 0
            XRANGE x1 - +
            XADD x1 NOMKSTREAM 4-0 a 1
            XADD nosuch NOMKSTREAM 4-0 a 1
            XGROUP CREATE x1 g 0
            XINFO GROUPS x1
            XINFO STREAM x1
            XINFO STREAM x2
            XPENDING x1 g
            XREADGROUP GROUP g c COUNT 2 STREAMS x1 x2 > 0
            XREADGROUP GROUP g c STREAMS x1 >
            XREADGROUP GROUP g c STREAMS x1 >
            XDEL x1 1-0
            XREADGROUP GROUP g c STREAMS x1 0
            XGROUP CREATE empty g $ MKSTREAM
            XINFO STREAM empty
            XINFO STREAM empty FULL
            XINFO GROUPS empty
            XPENDING empty g
            XAUTOCLAIM x1 g c 0 0 JUSTID
            """);
        StreamDiffHelpers.ScriptMasked(s, """
            XPENDING x1 g
            XPENDING x1 g - + 10
            XINFO CONSUMERS x1 g
            XINFO STREAM x1 FULL
            XCLAIM x1 g c2 0 2-0
            """);
    }

    [Fact]
    public void CommandTable()
    {
        using var s = servers.Session();
        s.Script("""
            COMMAND INFO xadd xrange xrevrange xlen xdel xtrim xread xsetid xreadgroup xack xpending xclaim xautoclaim
            # containers list their subcommands in Redis's (randomly seeded) dict order: compare one by one
            COMMAND INFO xinfo|stream xinfo|groups xinfo|consumers xinfo|help
            COMMAND INFO xgroup|create xgroup|setid xgroup|destroy xgroup|createconsumer xgroup|delconsumer xgroup|help
            COMMAND DOCS xadd xrange xrevrange xlen xdel xtrim xread xsetid xreadgroup xack xpending xclaim xautoclaim
            COMMAND DOCS xinfo|stream xinfo|groups xinfo|consumers xinfo|help
            COMMAND DOCS xgroup|create xgroup|setid xgroup|destroy xgroup|createconsumer xgroup|delconsumer xgroup|help
            COMMAND GETKEYS XREAD COUNT 1 STREAMS a b 0 0
            COMMAND GETKEYS XREADGROUP GROUP g c STREAMS a b c > > >
            COMMAND GETKEYS XADD k * f v
            COMMAND GETKEYS XINFO STREAM k
            COMMAND GETKEYS XGROUP CREATE k g 0
            """);
    }
}
