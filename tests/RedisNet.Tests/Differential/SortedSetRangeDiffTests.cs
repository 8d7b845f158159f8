using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>ZRANGE in all forms, ZRANGESTORE and the set operations against redis-server 7.0.</summary>
public class SortedSetRangeDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    private const string Setup = """
        DEL zs zl str
        ZADD zs -inf ninf 1 a 2 b 2 bb 3 c 4.5 d 10 e +inf pinf
        ZADD zl 0 a 0 b 0 c 0 d 0 e 0 f 0 g
        SET str v
        """;

    [Fact]
    public void RankRanges()
    {
        using var s = servers.Session();
        s.Script(Setup);
        s.Script("""
            ZRANGE zs 0 -1
            ZRANGE zs 0 -1 WITHSCORES
            ZRANGE zs 2 4 withscores
            ZRANGE zs -3 -1
            ZRANGE zs -100 100
            ZRANGE zs 5 2
            ZRANGE zs 100 200
            ZRANGE zs 0 0 REV
            ZRANGE zs 0 2 REV WITHSCORES
            ZREVRANGE zs 0 2
            ZREVRANGE zs 0 -1 WITHSCORES
            ZREVRANGE zs 0 -1 REV
            ZRANGE zs a 1
            ZRANGE zs 0 1 LIMIT 0 1
            ZRANGE zs 0 1 LIMIT 0
            ZRANGE zs 0 1 FOO
            ZRANGE nokey 0 -1
            ZRANGE str 0 -1
            ZRANGE str a b
            ZREVRANGE zs 0 1 BYSCORE
            ZRANGE zs 0 1 BYSCORE BYLEX
            """);
    }

    [Fact]
    public void ScoreRanges()
    {
        using var s = servers.Session();
        s.Script(Setup);
        s.Script("""
            ZRANGEBYSCORE zs -inf +inf
            ZRANGEBYSCORE zs -inf +inf WITHSCORES
            ZRANGEBYSCORE zs (1 (4.5
            ZRANGEBYSCORE zs 2 2
            ZRANGEBYSCORE zs (2 2
            ZRANGEBYSCORE zs 3 1
            ZRANGEBYSCORE zs -inf +inf LIMIT 1 3
            ZRANGEBYSCORE zs -inf +inf LIMIT 1 -1
            ZRANGEBYSCORE zs -inf +inf LIMIT -1 3
            ZRANGEBYSCORE zs -inf +inf LIMIT 100 3
            ZRANGEBYSCORE zs -inf +inf LIMIT 2 0
            ZRANGEBYSCORE zs -inf +inf LIMIT 2
            ZRANGEBYSCORE zs -inf +inf LIMIT x 1
            ZRANGEBYSCORE zs x 1
            ZRANGEBYSCORE zs 1 REV
            ZRANGEBYSCORE zs 1 2 REV
            ZRANGEBYSCORE zs 1 2 BYLEX
            ZRANGEBYSCORE zs inf inf
            ZRANGEBYSCORE zs -inf -inf WITHSCORES
            ZREVRANGEBYSCORE zs +inf -inf
            ZREVRANGEBYSCORE zs 4.5 (1 WITHSCORES
            ZREVRANGEBYSCORE zs +inf -inf LIMIT 2 2
            ZREVRANGEBYSCORE zs 1 5
            ZRANGE zs 1 4.5 BYSCORE
            ZRANGE zs (4.5 1 BYSCORE REV WITHSCORES
            ZRANGE zs -inf +inf BYSCORE LIMIT 2 3 WITHSCORES
            ZRANGE zs +inf -inf BYSCORE REV LIMIT 0 2
            ZRANGEBYSCORE nokey 1 2
            ZRANGEBYSCORE nokey x 2
            ZRANGEBYSCORE str 1 2
            """);
    }

    [Fact]
    public void LexRanges()
    {
        using var s = servers.Session();
        s.Script(Setup);
        s.Script("""
            ZRANGEBYLEX zl - +
            ZRANGEBYLEX zl [b (e
            ZRANGEBYLEX zl (b [e
            ZRANGEBYLEX zl + -
            ZRANGEBYLEX zl - + LIMIT 2 2
            ZRANGEBYLEX zl - + LIMIT 2 -1
            ZRANGEBYLEX zl - + WITHSCORES
            ZRANGEBYLEX zl b c
            ZRANGEBYLEX zl [b
            ZRANGEBYLEX zl [aa [cc
            ZREVRANGEBYLEX zl + -
            ZREVRANGEBYLEX zl [e (b
            ZREVRANGEBYLEX zl + - LIMIT 1 2
            ZRANGE zl [b [d BYLEX
            ZRANGE zl [d [b BYLEX REV
            ZRANGE zl - + BYLEX LIMIT 1 1
            ZRANGE zl - + BYLEX WITHSCORES
            ZRANGEBYLEX nokey - +
            ZRANGEBYLEX str - +
            ZRANGEBYLEX zl "" +
            ZRANGEBYLEX zl "[" "("
            """);
    }

    [Fact]
    public void RangeStore()
    {
        using var s = servers.Session();
        s.Script(Setup);
        s.Script("""
            ZRANGESTORE dst zs 0 2
            ZRANGE dst 0 -1 WITHSCORES
            ZRANGESTORE dst zs 1 4.5 BYSCORE
            ZRANGE dst 0 -1 WITHSCORES
            ZRANGESTORE dst zl [b [d BYLEX REV LIMIT 0 2
            ZRANGE dst 0 -1 WITHSCORES
            ZRANGESTORE dst zs 0 2 WITHSCORES
            SET dst2 x
            EXPIRE dst2 100
            ZRANGESTORE dst2 zs 0 0
            TTL dst2
            TYPE dst2
            ZRANGESTORE dst zs 5 1
            EXISTS dst
            ZRANGESTORE dst nokey 0 -1
            ZRANGESTORE dst str 0 -1
            ZRANGESTORE dst zs x 1
            ZRANGESTORE dst2 zs 0 1 LIMIT 0 1
            """);
    }

    [Fact]
    public void UnionInterDiff()
    {
        using var s = servers.Session();
        s.Script("""
            DEL z1 z2 z3 str out
            ZADD z1 1 a 2 b 3 c
            ZADD z2 10 b 20 c 30 d
            ZADD z3 +inf a -inf b 5 c
            SET str v
            ZUNION 2 z1 z2
            ZUNION 2 z1 z2 WITHSCORES
            ZUNION 2 z1 z2 WEIGHTS 2 0.5 WITHSCORES
            ZUNION 2 z1 z2 AGGREGATE MIN WITHSCORES
            ZUNION 2 z1 z2 AGGREGATE MAX WITHSCORES
            ZUNION 3 z1 z2 z3 WITHSCORES
            ZUNION 2 z3 z3 WITHSCORES
            ZUNION 2 z3 z1 WEIGHTS 0 1 WITHSCORES
            ZUNION 2 z3 z1 WEIGHTS -1 1 WITHSCORES
            ZINTER 2 z1 z2 WITHSCORES
            ZINTER 3 z1 z2 z3 WITHSCORES
            ZINTER 2 z1 nokey
            ZINTER 2 z3 z3 AGGREGATE SUM WITHSCORES
            ZINTER 2 z1 z2 WEIGHTS 1 -1 AGGREGATE MAX WITHSCORES
            ZDIFF 2 z1 z2
            ZDIFF 2 z1 z2 WITHSCORES
            ZDIFF 1 z3 WITHSCORES
            ZDIFF 2 nokey z1
            ZDIFF 2 z1 z2 WEIGHTS 1 1
            ZDIFF 2 z1 z2 AGGREGATE MIN
            ZUNION 0 z1
            ZUNION -1 z1
            ZUNION x z1
            ZUNION 3 z1 z2
            ZUNION 2 z1 z2 WEIGHTS 1
            ZUNION 2 z1 z2 WEIGHTS 1 x
            ZUNION 2 z1 z2 AGGREGATE avg
            ZUNION 2 z1 z2 AGGREGATE
            ZUNION 2 z1 z2 foo
            ZUNION 2 z1 str
            ZUNION 2 str z1 WEIGHTS x
            ZINTERCARD 2 z1 z2
            ZINTERCARD 2 z1 z2 LIMIT 1
            ZINTERCARD 2 z1 z2 LIMIT 0
            ZINTERCARD 2 z1 z2 LIMIT -1
            ZINTERCARD 2 z1 z2 LIMIT x
            ZINTERCARD 2 z1 z2 WITHSCORES
            ZINTERCARD 0 z1
            ZINTERCARD 3 z1 z2
            ZINTERCARD 1 str
            ZUNIONSTORE out 2 z1 z2 WEIGHTS 1 2
            ZRANGE out 0 -1 WITHSCORES
            ZINTERSTORE out 2 z1 z2 AGGREGATE MAX
            ZRANGE out 0 -1 WITHSCORES
            ZDIFFSTORE out 2 z2 z1
            ZRANGE out 0 -1 WITHSCORES
            ZINTERSTORE out 2 z1 nokey
            EXISTS out
            ZUNIONSTORE out 2 z1 z2 WITHSCORES
            ZUNIONSTORE out 0 z1
            ZDIFFSTORE out 0 z1
            ZUNIONSTORE z1 2 z1 z2
            ZRANGE z1 0 -1 WITHSCORES
            """);
    }

    [Fact]
    public void Resp3Shapes()
    {
        using var s = servers.Session();
        s.Script(Setup);
        s.Both("HELLO", "3");
        s.Script("""
            ZRANGE zs 0 2 WITHSCORES
            ZRANGE zs 0 2
            ZRANGEBYSCORE zs 1 3 WITHSCORES
            ZREVRANGE zs 0 1 WITHSCORES
            ZSCORE zs d
            ZSCORE zs nope
            ZSCORE zs pinf
            ZMSCORE zs a nope ninf
            ZINCRBY zs 0.25 a
            ZADD zs INCR 1 a
            ZADD zs INCR NX 1 a
            ZRANK zs nope
            ZUNION 1 zs WITHSCORES
            ZINTER 1 zs
            ZDIFF 1 zs WITHSCORES
            ZRANDMEMBER nokey
            ZRANDMEMBER nokey 3 WITHSCORES
            ZRANDMEMBER zs 0 WITHSCORES
            ZSCAN zs 0
            """);
    }
}
