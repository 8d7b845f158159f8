using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM and XSETID against redis-server 7.0, with explicit IDs.</summary>
public class StreamDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void AddAndIdErrors()
    {
        using var s = servers.Session();
        s.Script("""
            XADD sa 1-1 a 1 b 2
            XADD sa 1-2 a 3 b 4
            XADD sa 1-2 a 3
            XADD sa 1-1 a 3
            XADD sa 0-0 a 1
            XADD sa2 0-0 a 1
            EXISTS sa2
            XADD sa 0-* a 1
            XADD sa 1-* a 1
            XADD sa 2-* a 1 c 5
            XADD sa 2-* a 1 c 5
            XADD sa 2 x y
            XADD sa 3 x
            XADD sa 3-0 x y z
            XADD sa 3-0
            XADD sa
            XADD sa bad a 1
            XADD sa -1 a 1
            XADD sa 1-x a 1
            XADD sa x-1 a 1
            XADD sa 5-- a 1
            XADD sa + a 1
            XADD sa - a 1
            XADD sa "" a 1
            XADD sa " 7-0" a 1
            XADD sa +8-0 a 1
            XADD sa 9-+1 a 1
            XADD sa 18446744073709551616-0 a 1
            XADD sa 18446744073709551615-18446744073709551615 a 1
            XADD sa 18446744073709551615-* a 1
            XADD sa * a 1
            XADD sa 18446744073709551615-18446744073709551615 a 1
            XADD sa nomkstream 3-0 z z
            XADD sa2 nomkstream 3-0 z z
            XADD sa2 NOMKSTREAM * z z
            EXISTS sa2
            XLEN sa
            XRANGE sa - +
            SET str v
            XADD str 1-1 a 1
            XLEN str
            XRANGE str - +
            XDEL str 1-1
            XTRIM str MAXLEN 1
            XADD sb 0-1 f v
            XADD sb 0-* f v
            XADD sb 5-* f v
            XADD sb 5-* f v
            XRANGE sb - +
            XADD sc 1-1 "" ""
            XADD sc 1-2 "with space" "binary\x00\xff"
            XRANGE sc - +
            TYPE sb
            OBJECT ENCODING sb
            """);
    }

    [Fact]
    public void AutoIdsHaveTheSameShape()
    {
        using var s = servers.Session();
        var (r, n) = s.Both("XADD", "auto", "*", "f", "v");
        Assert.Matches(@"^\$\d+\r\n\d{13}-0\r\n$", System.Text.Encoding.ASCII.GetString(r));
        Assert.Matches(@"^\$\d+\r\n\d{13}-0\r\n$", System.Text.Encoding.ASCII.GetString(n));
        s.Script("""
            XADD auto2 99999999999999-5 f v
            XADD auto2 * f v
            XADD auto2 99999999999999-* f v
            XLEN auto
            """);
    }

    [Fact]
    public void Ranges()
    {
        using var s = servers.Session();
        s.Script("""
            XADD r 1-0 a 1
            XADD r 1-1 a 2
            XADD r 2-0 b 3 c 4
            XADD r 5-7 a 5
            XADD r 18446744073709551615-0 a 6
            XRANGE r - +
            XRANGE r - + COUNT 0
            XRANGE r - + COUNT 1
            XRANGE r - + COUNT -1
            XRANGE r - + COUNT 2 COUNT 3
            XRANGE r - + count
            XRANGE r - + COUNT x
            XRANGE r - + foo 1
            XRANGE r 1 1
            XRANGE r 1 2
            XRANGE r 2 1
            XRANGE r (1-0 +
            XRANGE r (1 +
            XRANGE r - (5-7
            XRANGE r (- +
            XRANGE r - (+
            XRANGE r ( +
            XRANGE r (18446744073709551615-18446744073709551615 +
            XRANGE r - (0-0
            XRANGE r 18446744073709551615 +
            XRANGE r x +
            XRANGE r - y
            XREVRANGE r + -
            XREVRANGE r + - COUNT 2
            XREVRANGE r (5-7 -
            XREVRANGE r 5 2
            XREVRANGE r 1 5
            XREVRANGE r + - COUNT 0
            XRANGE nosuch - +
            XRANGE nosuch - + COUNT 0
            XREVRANGE nosuch + -
            XRANGE nosuch x +
            XLEN nosuch
            XLEN r
            """);
    }

    [Fact]
    public void DeleteAndTombstones()
    {
        using var s = servers.Session();
        s.Script("""
            XADD d 1-1 a 1
            XADD d 1-2 a 2
            XADD d 1-3 a 3
            XADD d 1-4 a 4
            XDEL d 1-2 9-9
            XDEL d 1-2
            XDEL d bad
            XDEL d 1-3 +
            XDEL d 1-1 1-1
            XRANGE d - +
            XREVRANGE d + -
            XLEN d
            XDEL d 1-4
            XLEN d
            EXISTS d
            XRANGE d - +
            XADD d 1-5 a 5
            XRANGE d - +
            XDEL nosuch 1-1
            XDEL nosuch bad
            """);
    }

    [Fact]
    public void Trimming()
    {
        using var s = servers.Session();
        for (int i = 1; i <= 250; i++) s.Same("XADD", "t", $"{i}-0", "f", i.ToString());
        s.Script("""
            XTRIM t MAXLEN ~ 220
            XLEN t
            XTRIM t MAXLEN = 220
            XLEN t
            XTRIM t MAXLEN 220
            XTRIM t MINID ~ 100
            XLEN t
            XTRIM t MINID 100
            XLEN t
            XRANGE t - + COUNT 2
            XTRIM t MAXLEN ~ 0 LIMIT 50
            XLEN t
            XTRIM t MAXLEN ~ 0 LIMIT 150
            XLEN t
            XTRIM t MAXLEN 0 LIMIT 10
            XTRIM t MAXLEN ~ 0 LIMIT -1
            XTRIM t MAXLEN -1
            XTRIM t MAXLEN x
            XTRIM t MINID x
            XTRIM t MINID +
            XTRIM t MAXLEN 1 MINID 1
            XTRIM t LIMIT 10
            XTRIM t foo
            XTRIM t MAXLEN
            XTRIM t MAXLEN ~
            XTRIM t MAXLEN 1 foo
            XTRIM nosuch MAXLEN 1
            XTRIM nosuch foo
            XTRIM t MINID 200
            XRANGE t - + COUNT 3
            XTRIM t MAXLEN 0
            XLEN t
            EXISTS t
            XINFO STREAM t
            """);
        for (int i = 1; i <= 30; i++) s.Same("XADD", "t2", $"{i}-0", "f", i.ToString());
        s.Script("""
            XADD t2 MAXLEN 10 31-0 f v
            XLEN t2
            XADD t2 MAXLEN ~ 5 32-0 f v
            XADD t2 MINID 25 33-0 f v
            XRANGE t2 - + COUNT 1
            XADD t2 MINID = 30 LIMIT 1 34-0 f v
            XADD t2 MAXLEN ~ 10 LIMIT 0 35-0 f v
            XADD t2 MAXLEN 1 MINID 1 36-0 f v
            XADD t2 LIMIT 5 36-0 f v
            XADD t2 MAXLEN -5 36-0 f v
            XADD t2 MAXLEN 1 NOMKSTREAM 36-0 f v
            XRANGE t2 - +
            """);
    }

    [Fact]
    public void SetId()
    {
        using var s = servers.Session();
        s.Script("""
            XADD si 5-0 a 1
            XADD si 6-0 a 1
            XSETID si 1-0
            XSETID si 6-0
            XSETID si 10-0 ENTRIESADDED 1
            XSETID si 10-0 ENTRIESADDED -1
            XSETID si 10-0 ENTRIESADDED x
            XSETID si 10-0 MAXDELETEDID 20-0
            XSETID si 10-0 MAXDELETEDID bad
            XSETID si 10-0 MAXDELETEDID 3-0 ENTRIESADDED 50
            XINFO STREAM si
            XSETID si 10-0 foo
            XSETID si 10-0 ENTRIESADDED
            XSETID si bad
            XSETID si +
            XSETID nosuch 1-1
            XADD si 10-0 a 1
            XADD si 10-* a 1
            XDEL si 5-0 6-0 10-1
            XSETID si 1-1
            XINFO STREAM si
            XSETID si 18446744073709551615-18446744073709551615
            XADD si * a 1
            XADD si 5-0 a 1
            SET str v
            XSETID str 1-1
            """);
    }

    [Fact]
    public void IdParsingEdgeCases()
    {
        using var s = servers.Session();
        s.Script("""
            XADD ip 5-3 a 1
            XRANGE ip 5 5
            XRANGE ip -0 +
            XRANGE ip 05 +
            XRANGE ip 0x5 +
            XRANGE ip 5-+3 +
            XRANGE ip "5- 3" +
            XRANGE ip 5--1 +
            XRANGE ip 5--18446744073709551613 +
            XRANGE ip -5 +
            XRANGE ip 5-3-1 +
            XRANGE ip 5- +
            XRANGE ip -5- +
            XRANGE ip "\t5" +
            XRANGE ip "5 " +
            XRANGE ip 18446744073709551615-18446744073709551616 +
            XRANGE ip 99999999999999999999999 +
            XRANGE ip 1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567 +
            XRANGE ip 12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678 +
            XRANGE ip "5\x003" +
            XRANGE ip - "+\x00junk"
            XRANGE ip (5-3 (5-4
            XRANGE ip ((5 +
            XRANGE ip "(" +
            XADD ip 6-* a 1
            XADD ip 6-** a 1
            XADD ip *-1 a 1
            XADD ip ** a 1
            XDEL ip -
            XDEL ip 6
            XLEN ip
            """);
    }
}
