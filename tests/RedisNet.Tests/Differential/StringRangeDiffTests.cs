using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>APPEND, STRLEN, GETRANGE/SUBSTR, SETRANGE and LCS against redis-server 7.0.</summary>
public class StringRangeDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void AppendAndStrlen()
    {
        using var s = servers.Session();
        s.Script("""
            APPEND ap:a hello
            APPEND ap:a " world"
            GET ap:a
            STRLEN ap:a
            APPEND ap:a ""
            STRLEN ap:a
            APPEND ap:b ""
            GET ap:b
            STRLEN ap:b
            STRLEN ap:missing
            SET ap:n 12345
            STRLEN ap:n
            APPEND ap:n 6
            GET ap:n
            APPEND ap:bin "\x00"
            APPEND ap:bin "\xff\x00"
            GET ap:bin
            STRLEN ap:bin
            APPEND ap:a
            STRLEN
            STRLEN a b
            """);
    }

    [Fact]
    public void GetRangeAndSubstr()
    {
        using var s = servers.Session();
        s.Script("""
            SET gr:a "Hello World"
            GETRANGE gr:a 0 4
            GETRANGE gr:a 0 -1
            GETRANGE gr:a -5 -1
            GETRANGE gr:a -1 -5
            GETRANGE gr:a 5 2
            GETRANGE gr:a 0 100
            GETRANGE gr:a 100 200
            GETRANGE gr:a -100 -50
            GETRANGE gr:a -100 3
            GETRANGE gr:a 3 -100
            GETRANGE gr:a 10 10
            GETRANGE gr:a 11 11
            GETRANGE gr:a -9223372036854775808 9223372036854775807
            GETRANGE gr:a 0 abc
            GETRANGE gr:a abc 0
            GETRANGE gr:a 1.5 3
            GETRANGE gr:missing 0 -1
            GETRANGE gr:missing abc 1
            SET gr:n 1234567
            GETRANGE gr:n 1 3
            GETRANGE gr:n -2 -1
            SET gr:e ""
            GETRANGE gr:e 0 -1
            GETRANGE gr:e 0 0
            GETRANGE gr:e -1 0
            SUBSTR gr:a 0 4
            SUBSTR gr:a -3 -1
            SUBSTR gr:missing 0 1
            SUBSTR gr:a 0
            GETRANGE gr:a 0
            """);
    }

    [Fact]
    public void SetRange()
    {
        using var s = servers.Session();
        s.Script("""
            SETRANGE sr:a 0 hello
            GET sr:a
            SETRANGE sr:a 6 world
            GET sr:a
            SETRANGE sr:a 1 E
            GET sr:a
            SETRANGE sr:a 0 ""
            SETRANGE sr:a 100 ""
            STRLEN sr:a
            SETRANGE sr:b 5 x
            GET sr:b
            SETRANGE sr:c 0 ""
            GET sr:c
            SETRANGE sr:c 10 ""
            GET sr:c
            SETRANGE sr:a -1 x
            SETRANGE sr:a -1 ""
            SETRANGE sr:a abc x
            SETRANGE sr:a 536870912 x
            SETRANGE sr:a 536870911 xy
            SETRANGE sr:a 9223372036854775807 x
            SETRANGE sr:a 536870912 ""
            SETRANGE sr:new 536870912 x
            SETRANGE sr:new 536870912 ""
            GET sr:new
            SET sr:n 12345
            SETRANGE sr:n 2 9
            GET sr:n
            INCR sr:n
            SETRANGE sr:bin 3 "\x00\xff"
            GET sr:bin
            SETRANGE sr:a 1
            """);
    }

    [Fact]
    public void LcsAllForms()
    {
        using var s = servers.Session();
        s.Script("""
            MSET lc:a ohmytext lc:b mynewtext
            LCS lc:a lc:b
            LCS lc:a lc:b LEN
            LCS lc:a lc:b IDX
            LCS lc:a lc:b IDX WITHMATCHLEN
            LCS lc:a lc:b IDX MINMATCHLEN 4
            LCS lc:a lc:b IDX MINMATCHLEN 4 WITHMATCHLEN
            LCS lc:a lc:b IDX MINMATCHLEN -5
            LCS lc:a lc:b IDX MINMATCHLEN 0 WITHMATCHLEN
            LCS lc:a lc:b IDX MINMATCHLEN 100
            LCS lc:a lc:b LEN MINMATCHLEN 2
            LCS lc:a lc:b IDX LEN
            LCS lc:a lc:b LEN IDX
            LCS lc:a lc:b MINMATCHLEN
            LCS lc:a lc:b MINMATCHLEN abc
            LCS lc:a lc:b BOGUS
            LCS lc:a lc:b idx withmatchlen idx
            LCS lc:a lc:missing
            LCS lc:missing lc:missing2 IDX
            LCS lc:missing lc:missing2 LEN
            LCS lc:a lc:a IDX WITHMATCHLEN
            MSET lc:c "ACCGGTCGAGTGCGCGGAAGCCGGCCGAA" lc:d "GTCGTTCGGAATGCCGTTGCTCTGTAAA"
            LCS lc:c lc:d
            LCS lc:c lc:d IDX WITHMATCHLEN
            LCS lc:d lc:c IDX WITHMATCHLEN
            LCS lc:c lc:d IDX MINMATCHLEN 3
            MSET lc:e "\x00\x01\x02abc" lc:f "abc\x00\x01"
            LCS lc:e lc:f IDX WITHMATCHLEN
            LCS lc:e lc:f
            MSET lc:g aaaa lc:h aa
            LCS lc:g lc:h IDX WITHMATCHLEN
            LCS lc:h lc:g IDX WITHMATCHLEN
            LCS lc:a
            """);
    }

    [Fact]
    public void LcsRandomStrings()
    {
        using var s = servers.Session();
        var rng = new Random(7);
        for (int n = 0; n < 25; n++)
        {
            string a = RandomText(rng, rng.Next(0, 40)), b = RandomText(rng, rng.Next(0, 40));
            s.Same("MSET", "lr:a", a, "lr:b", b);
            s.Same("LCS", "lr:a", "lr:b");
            s.Same("LCS", "lr:a", "lr:b", "IDX", "WITHMATCHLEN");
            s.Same("LCS", "lr:a", "lr:b", "IDX", "MINMATCHLEN", "2");
        }
    }

    private static string RandomText(Random rng, int len)
    {
        var c = new char[len];
        for (int i = 0; i < len; i++) c[i] = "abcd"[rng.Next(4)];
        return new string(c);
    }
}
