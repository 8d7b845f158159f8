using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// Sorted sets against redis-server 7.0 with DEBUG enabled: DEBUG DIGEST(-VALUE) in both encodings,
/// MEMORY USAGE of listpacks, big (skiplist) sets, ZSCAN, ZRANDMEMBER and the command table.
/// </summary>
public class SortedSetDebugDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    private static void Fill(DiffSession s, string key, int n, Func<int, string> score)
    {
        var args = new List<string> { "ZADD", key };
        for (int i = 0; i < n; i++) { args.Add(score(i)); args.Add("m" + i); }
        s.Same(args.ToArray());
    }

    [Fact]
    public void DigestsAndMemoryUsage()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            ZADD d1 1 a 2.5 b -inf c +inf d 0.1 e -0 f 1e300 g "" h
            ZADD d1 3 ""
            ZADD d1 4 "\x00\xff"
            DEBUG DIGEST-VALUE d1
            DEBUG DIGEST
            MEMORY USAGE d1
            ZADD d2 1 a 2 12345 3 -7 4 99999999999 5 abcdefghijklmnopqrstuvwxyz 1.5 x
            MEMORY USAGE d2
            ZADD d3 0.1 a 1e20 b 4503599627370496 c -4503599627370495 d 4503599627370495 e 128 f -4096 g 70000 h
            MEMORY USAGE d3
            DEBUG DIGEST-VALUE d2 d3
            EXPIRE d2 100
            DEBUG DIGEST-VALUE d2
            DEBUG DIGEST
            """);
        Fill(s, "big", 300, i => (i * 0.37).ToString(System.Globalization.CultureInfo.InvariantCulture));
        s.Script("""
            OBJECT ENCODING big
            DEBUG DIGEST-VALUE big
            ZADD big -0 negzero
            ZSCORE big negzero
            DEBUG DIGEST-VALUE big
            DEBUG DIGEST
            COPY big bigcopy
            OBJECT ENCODING bigcopy
            DEBUG DIGEST-VALUE bigcopy
            ZREM bigcopy m1
            ZCARD big
            COPY d1 d1copy
            OBJECT ENCODING d1copy
            ZADD d1copy 99 extra
            ZCARD d1
            RENAME d1copy d1renamed
            ZRANGE d1renamed 0 2 WITHSCORES
            """);
    }

    [Fact]
    public void BigSetsBehaveAsSmallOnes()
    {
        using var s = servers.Session();
        s.Script("DEL bg");
        Fill(s, "bg", 1000, i => (i % 97).ToString());
        s.Script("""
            OBJECT ENCODING bg
            ZCARD bg
            ZRANK bg m500
            ZREVRANK bg m500
            ZSCORE bg m999
            ZCOUNT bg 10 (20
            ZRANGE bg 100 110 WITHSCORES
            ZRANGE bg -5 -1 REV WITHSCORES
            ZRANGEBYSCORE bg (50 52 LIMIT 3 5 WITHSCORES
            ZREVRANGEBYSCORE bg 52 (50 LIMIT 3 5 WITHSCORES
            ZREM bg m1 m2 m3 nope
            ZREMRANGEBYRANK bg 10 500
            ZCARD bg
            ZREMRANGEBYSCORE bg 90 +inf
            ZRANGE bg 0 20 WITHSCORES
            ZPOPMAX bg 3
            ZPOPMIN bg 3
            ZINCRBY bg 1000 m600
            ZRANGE bg -1 -1 WITHSCORES
            ZUNIONSTORE bu 2 bg bg WEIGHTS 1 2
            ZRANGE bu 0 10 WITHSCORES
            OBJECT ENCODING bu
            ZINTERSTORE bi 2 bg bu AGGREGATE MIN
            ZRANGE bi 0 5 WITHSCORES
            ZDIFFSTORE bd 2 bg bi
            EXISTS bd
            ZINTERCARD 2 bg bu LIMIT 5
            """);
        s.Script("DEL bl");
        var lex = new List<string> { "ZADD", "bl" };
        for (int i = 0; i < 500; i++) { lex.Add("0"); lex.Add("k" + i.ToString("D4")); }
        s.Same(lex.ToArray());
        s.Script("""
            ZLEXCOUNT bl [k0100 (k0200
            ZRANGEBYLEX bl (k0100 [k0110
            ZREVRANGEBYLEX bl [k0110 (k0100 LIMIT 2 3
            ZREMRANGEBYLEX bl - (k0400
            ZCARD bl
            ZRANGE bl 0 2
            """);
    }

    [Fact]
    public void ScanReturnsEveryMemberWithItsScore()
    {
        using var s = servers.Session();
        s.Script("""
            DEL sc str
            ZADD sc 1 a 2.5 b 0.1 c 1e20 d -inf e 4503599627370496 f
            ZSCAN sc 0
            ZSCAN sc 0 MATCH a*
            ZSCAN sc 0 MATCH * COUNT 1
            ZSCAN sc 0 COUNT 0
            ZSCAN sc 0 COUNT x
            ZSCAN sc 0 TYPE zset
            ZSCAN sc 0 MATCH
            ZSCAN sc x
            ZSCAN sc -1
            ZSCAN nokey 0
            ZSCAN nokey x
            SET str v
            ZSCAN str 0
            """);
        s.Script("DEL sb");
        Fill(s, "sb", 200, i => i % 3 == 0 ? "0.1" : i % 3 == 1 ? "1e20" : i.ToString());
        var expected = Collect(s.Redis);
        var actual = Collect(s.Net);
        Assert.Equal(200, expected.Count);
        Assert.Equal(expected, actual);
    }

    // Runs a full ZSCAN of "sb" and returns member → score text.
    private static SortedDictionary<string, string> Collect(RespClient c)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string cursor = "0";
        do
        {
            var reply = Encoding.ASCII.GetString(c.Call(RespClient.Bytes("ZSCAN"), RespClient.Bytes("sb"), RespClient.Bytes(cursor), RespClient.Bytes("COUNT"), RespClient.Bytes("7")));
            var lines = reply.Split("\r\n");
            cursor = lines[2];
            for (int i = 4; i + 3 < lines.Length; i += 4) all[lines[i + 1]] = lines[i + 3];
        } while (cursor != "0");
        return all;
    }

    [Fact]
    public void RandMember()
    {
        using var s = servers.Session();
        s.Script("""
            DEL rm str
            ZADD rm 1 a 2 b 3 c
            ZRANDMEMBER rm 3
            ZRANDMEMBER rm 0
            ZRANDMEMBER rm x
            ZRANDMEMBER rm 1 foo
            ZRANDMEMBER rm 1 WITHSCORES foo
            ZRANDMEMBER rm -9223372036854775808
            ZRANDMEMBER rm 9223372036854775807 WITHSCORES
            ZRANDMEMBER rm -5000000000000000000 WITHSCORES
            ZRANDMEMBER nokey
            ZRANDMEMBER nokey 5
            SET str v
            ZRANDMEMBER str
            ZRANDMEMBER str 1
            """);
        foreach (var args in new[] { new[] { "ZRANDMEMBER", "rm", "2" }, ["ZRANDMEMBER", "rm", "-5", "WITHSCORES"], ["ZRANDMEMBER", "rm"], ["ZRANDMEMBER", "rm", "10", "WITHSCORES"] })
        {
            var (r, n) = s.Both(args);
            Assert.Equal(Encoding.ASCII.GetString(r).Split("\r\n").Length, Encoding.ASCII.GetString(n).Split("\r\n").Length);
            Assert.Equal(r[0], n[0]);
        }
        var (_, repeated) = s.Both("ZRANDMEMBER", "rm", "-100");
        Assert.Equal(202, Encoding.ASCII.GetString(repeated).Split("\r\n").Length);
        var (_, two) = s.Both("ZRANDMEMBER", "rm", "2");
        var members = Encoding.ASCII.GetString(two).Split("\r\n").Where(l => l is "a" or "b" or "c").ToList();
        Assert.Equal(2, members.Distinct().Count());
    }

    [Fact]
    public void CommandTableMatches()
    {
        using var s = servers.Session();
        foreach (var name in new[] { "zadd", "zincrby", "zrem", "zcard", "zcount", "zlexcount", "zscore", "zmscore", "zrank", "zrevrank",
            "zrange", "zrangebyscore", "zrevrangebyscore", "zrangebylex", "zrevrangebylex", "zrevrange", "zrangestore",
            "zremrangebyrank", "zremrangebyscore", "zremrangebylex", "zpopmin", "zpopmax", "zmpop", "zrandmember",
            "zunion", "zinter", "zdiff", "zunionstore", "zinterstore", "zdiffstore", "zintercard", "zscan" })
        {
            s.Same("COMMAND", "INFO", name);
            s.Same("COMMAND", "DOCS", name);
        }
        s.Script("""
            COMMAND GETKEYS ZUNIONSTORE dst 2 a b WEIGHTS 1 2
            COMMAND GETKEYS ZMPOP 2 a b MIN
            COMMAND GETKEYS ZRANGESTORE dst src 0 1
            COMMAND GETKEYS ZINTERCARD 3 a b c
            """);
    }
}
