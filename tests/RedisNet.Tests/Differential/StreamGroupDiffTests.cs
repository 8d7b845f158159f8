using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>Consumer groups: XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM against redis-server 7.0.</summary>
public class StreamGroupDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void GroupLifecycle()
    {
        using var s = servers.Session();
        s.Script("""
            XGROUP CREATE g1 grp 0
            XGROUP CREATE g1 grp 0 MKSTREAM
            XGROUP CREATE g1 grp 0
            XGROUP CREATE g1 grp2 $ ENTRIESREAD 5
            XGROUP CREATE g1 grp3 - 
            XGROUP CREATE g1 grp3 bad
            XGROUP CREATE g1 grp3 0 ENTRIESREAD -2
            XGROUP CREATE g1 grp3 0 ENTRIESREAD x
            XGROUP CREATE g1 grp3 0 FOO
            XGROUP CREATE g1 grp3 0 MKSTREAM MKSTREAM MKSTREAM MKSTREAM
            XGROUP CREATE nk grp bad MKSTREAM
            EXISTS nk
            XGROUP CREATE nk grp 0 ENTRIESREAD -1 MKSTREAM
            XGROUP CREATE g1 grp3 0 ENTRIESREAD -1
            XINFO GROUPS g1
            XGROUP SETID g1 grp 5-5
            XGROUP SETID g1 grp $ ENTRIESREAD 3
            XGROUP SETID g1 grp 0 ENTRIESREAD -3
            XGROUP SETID g1 grp 0 FOO 1
            XGROUP SETID g1 grp 0 ENTRIESREAD
            XGROUP SETID g1 grp -
            XGROUP SETID g1 nogrp 0
            XGROUP SETID nosuch grp 0
            XINFO GROUPS g1
            XGROUP CREATECONSUMER g1 grp alice
            XGROUP CREATECONSUMER g1 grp alice
            XGROUP CREATECONSUMER g1 grp bob
            XGROUP CREATECONSUMER g1 nogrp bob
            XGROUP CREATECONSUMER nosuch grp bob
            XGROUP DELCONSUMER g1 grp alice
            XGROUP DELCONSUMER g1 grp alice
            XGROUP DELCONSUMER g1 nogrp alice
            XGROUP DESTROY g1 grp2
            XGROUP DESTROY g1 grp2
            XGROUP DESTROY nosuch grp2
            XINFO GROUPS g1
            XGROUP HELP
            XGROUP HELP x
            XGROUP FOO
            XGROUP CREATE g1
            SET str v
            XGROUP CREATE str grp 0
            XGROUP CREATE str grp 0 MKSTREAM
            XINFO GROUPS nosuch
            XINFO GROUPS str
            XINFO CONSUMERS g1 nogrp
            XINFO CONSUMERS nosuch grp
            XINFO HELP
            XINFO FOO
            XINFO STREAM nosuch
            XINFO STREAM g1 FULL COUNT x
            XINFO STREAM g1 FOO
            XINFO STREAM g1 FULL x
            XINFO STREAM g1 FULL COUNT 1 2
            """);
    }

    [Fact]
    public void ReadGroupAckAndPending()
    {
        using var s = servers.Session();
        StreamDiffHelpers.ScriptMasked(s, """
            XADD rg 1-0 a 1
            XADD rg 2-0 a 2
            XADD rg 3-0 a 3
            XADD rg 4-0 a 4
            XGROUP CREATE rg g 0
            XREADGROUP GROUP g c1 COUNT 2 STREAMS rg >
            XREADGROUP GROUP g c2 COUNT 1 STREAMS rg >
            XREADGROUP GROUP g c3 NOACK STREAMS rg >
            XREADGROUP GROUP g c3 STREAMS rg >
            XREADGROUP GROUP g c1 STREAMS rg 0
            XREADGROUP GROUP g c1 COUNT 1 STREAMS rg 0
            XREADGROUP GROUP g c1 STREAMS rg 1-0
            XREADGROUP GROUP g c9 STREAMS rg 0
            XINFO GROUPS rg
            XPENDING rg g
            XPENDING rg g - + 10 c1
            XPENDING rg g - + 10 nobody
            XPENDING rg g (1-0 + 10
            XPENDING rg g - (3-0 10
            XPENDING rg g - + 0
            XPENDING rg g - + -1
            XPENDING rg g - + 1
            XPENDING rg g IDLE 0 - + 10
            XPENDING rg g IDLE 99999999 - + 10
            XPENDING rg g IDLE x - + 10
            XPENDING rg g IDLE 10 - +
            XPENDING rg g - + x
            XPENDING rg g x + 1
            XPENDING rg g - + 1 c1 extra
            XPENDING rg g -
            XPENDING rg nogrp
            XPENDING nosuch g
            XPENDING nosuch g - + 1
            XACK rg g 1-0 9-9
            XACK rg g 1-0
            XACK rg g bad
            XACK rg nogrp 2-0
            XACK nosuch g 2-0
            XDEL rg 2-0
            XREADGROUP GROUP g c1 STREAMS rg 0
            XPENDING rg g
            XACK rg g 2-0 3-0
            XPENDING rg g
            XGROUP DELCONSUMER g1 g c1
            XGROUP DELCONSUMER rg g c1
            XINFO GROUPS rg
            XGROUP SETID rg g 0
            XREADGROUP GROUP g c5 STREAMS rg >
            XINFO GROUPS rg
            XADD rg 5-0 a 5
            XREADGROUP GROUP g c5 COUNT 10 STREAMS rg >
            XREADGROUP GROUP g c5 STREAMS rg >
            XINFO GROUPS rg
            XPENDING rg g
            """);
        StreamDiffHelpers.SameMasked(s, "XPENDING", "rg", "g", "-", "+", "10");
        StreamDiffHelpers.SameMasked(s, "XINFO", "CONSUMERS", "rg", "g");
        StreamDiffHelpers.SameMasked(s, "XINFO", "STREAM", "rg", "FULL");
        StreamDiffHelpers.SameMasked(s, "XINFO", "STREAM", "rg", "FULL", "COUNT", "1");
        StreamDiffHelpers.SameMasked(s, "XINFO", "STREAM", "rg", "FULL", "COUNT", "0");
    }

    [Fact]
    public void ReadGroupErrors()
    {
        using var s = servers.Session();
        s.Script("""
            XADD re 1-0 a 1
            XGROUP CREATE re g $
            XREADGROUP GROUP g c STREAMS re >
            XREADGROUP GROUP g c STREAMS re $
            XREADGROUP GROUP g c STREAMS re
            XREADGROUP GROUP g c STREAMS re re2 > >
            XREADGROUP GROUP nog c STREAMS re >
            XREADGROUP GROUP g c STREAMS nosuch >
            XREADGROUP GROUP g c COUNT x STREAMS re >
            XREADGROUP GROUP g c COUNT -1 STREAMS re 0
            XREADGROUP GROUP g STREAMS re >
            XREADGROUP g c STREAMS re > x
            XREADGROUP COUNT 1 STREAMS re > x y
            XREADGROUP GROUP g c STREAMS re bad
            XREADGROUP GROUP g c FOO STREAMS re >
            XREADGROUP GROUP g c BLOCK -1 STREAMS re >
            XREADGROUP GROUP g c BLOCK x STREAMS re >
            SET str v
            XREADGROUP GROUP g c STREAMS str >
            XREADGROUP GROUP g c STREAMS re str > >
            """);
    }

    [Fact]
    public void ClaimAndAutoClaim()
    {
        using var s = servers.Session();
        StreamDiffHelpers.ScriptMasked(s, """
            XADD cl 1-0 a 1
            XADD cl 2-0 a 2
            XADD cl 3-0 a 3
            XADD cl 4-0 a 4
            XADD cl 5-0 a 5
            XGROUP CREATE cl g 0
            XREADGROUP GROUP g c1 STREAMS cl >
            XCLAIM cl g c2 0 1-0 2-0
            XCLAIM cl g c2 0 3-0 JUSTID
            XCLAIM cl g c2 99999999 4-0
            XCLAIM cl g c3 0 9-0 FORCE
            XCLAIM cl g c3 0 4-0 RETRYCOUNT 7 JUSTID
            XCLAIM cl g c3 0 4 IDLE 1000 JUSTID
            XCLAIM cl g c3 0 4-0 TIME 1000 JUSTID
            XCLAIM cl g c3 0 4-0 LASTID 10-0 JUSTID
            XINFO GROUPS cl
            XCLAIM cl g c3 0 4-0 LASTID bad
            XCLAIM cl g c3 0 4-0 FOO
            XCLAIM cl g c3 x 4-0
            XCLAIM cl g c3 0 4-0 IDLE x
            XCLAIM cl g c3 0 4-0 TIME x
            XCLAIM cl g c3 0 4-0 RETRYCOUNT x
            XCLAIM cl g c3 0 4-0 RETRYCOUNT
            XCLAIM cl nog c3 0 4-0
            XCLAIM nosuch g c3 0 4-0
            XPENDING cl g
            XDEL cl 2-0
            XCLAIM cl g c4 0 2-0 3-0 JUSTID
            XPENDING cl g
            XGROUP CREATECONSUMER cl g c5
            XCLAIM cl g c4 0 2-0 FORCE
            XCLAIM cl g c4 0 6-0 FORCE
            XADD cl 6-0 a 6
            XCLAIM cl g c4 0 6-0 FORCE RETRYCOUNT 3
            XPENDING cl g
            XDEL cl 4-0
            XAUTOCLAIM cl g c6 0 0
            XAUTOCLAIM cl g c6 0 0 JUSTID
            XAUTOCLAIM cl g c6 0 0 COUNT 1
            XAUTOCLAIM cl g c6 0 (1-0 COUNT 1 JUSTID
            XAUTOCLAIM cl g c7 99999999 0
            XAUTOCLAIM cl g c7 0 0 COUNT 0
            XAUTOCLAIM cl g c7 0 0 COUNT x
            XAUTOCLAIM cl g c7 0 0 COUNT 1152921504606846976
            XAUTOCLAIM cl g c7 0 0 FOO
            XAUTOCLAIM cl g c7 x 0
            XAUTOCLAIM cl g c7 0 bad
            XAUTOCLAIM cl g c7 0 (18446744073709551615-18446744073709551615
            XAUTOCLAIM cl nog c7 0 0
            XAUTOCLAIM nosuch g c7 0 0
            XPENDING cl g
            """);
        for (int i = 10; i < 40; i++) s.Same("XADD", "cl", $"{i}-0", "a", "1");
        StreamDiffHelpers.ScriptMasked(s, """
            XREADGROUP GROUP g c1 STREAMS cl >
            XDEL cl 11-0 12-0 13-0
            XAUTOCLAIM cl g c8 0 0 COUNT 2
            XAUTOCLAIM cl g c8 0 0 COUNT 3 JUSTID
            XAUTOCLAIM cl g c8 0 15-0 COUNT 1
            XPENDING cl g
            XINFO GROUPS cl
            """);
        StreamDiffHelpers.SameMasked(s, "XINFO", "CONSUMERS", "cl", "g");
        StreamDiffHelpers.SameMasked(s, "XINFO", "STREAM", "cl", "FULL", "COUNT", "3");
    }

    [Fact]
    public void LagAndEntriesRead()
    {
        using var s = servers.Session();
        s.Script("""
            XGROUP CREATE lag g $ MKSTREAM
            XINFO GROUPS lag
            XADD lag 1-0 a 1
            XADD lag 2-0 a 2
            XADD lag 3-0 a 3
            XINFO GROUPS lag
            XREADGROUP GROUP g c COUNT 1 STREAMS lag >
            XINFO GROUPS lag
            XDEL lag 2-0
            XINFO GROUPS lag
            XREADGROUP GROUP g c STREAMS lag >
            XINFO GROUPS lag
            XGROUP CREATE lag g2 0
            XGROUP CREATE lag g3 1-0
            XGROUP CREATE lag g4 3-0
            XGROUP CREATE lag g5 9-0
            XINFO GROUPS lag
            XTRIM lag MAXLEN 1
            XINFO GROUPS lag
            XADD lag 4-0 a 4
            XREADGROUP GROUP g2 c STREAMS lag >
            XINFO GROUPS lag
            XSETID lag 10-0 ENTRIESADDED 100 MAXDELETEDID 5-0
            XINFO GROUPS lag
            XINFO STREAM lag
            XTRIM lag MAXLEN 0
            XINFO GROUPS lag
            XINFO STREAM lag
            """);
    }
}
