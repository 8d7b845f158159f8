using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>ZADD, ZINCRBY, point reads and removals against redis-server 7.0, byte for byte.</summary>
public class SortedSetDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void ZAddOptionsAndErrors()
    {
        using var s = servers.Session();
        s.Script("""
            DEL za
            ZADD za 1 a 2 b 3 c
            ZADD za 1 a
            ZADD za CH 5 a 2 b 7 d
            ZADD za NX 100 a 9 e
            ZADD za XX 100 a 9 f
            ZADD za XX CH 100 a 9 f
            ZADD za GT 50 a
            ZADD za GT CH 150 a
            ZADD za LT CH 150 a 1 b
            ZADD za GT LT 1 a
            ZADD za NX XX 1 a
            ZADD za NX GT 1 a
            ZADD za NX LT 1 a
            ZADD za INCR 1 a 2 b
            ZADD za INCR 2.5 a
            ZADD za INCR NX 2.5 a
            ZADD za INCR XX 2.5 nope
            ZADD za INCR GT -1 a
            ZADD za INCR LT -1 a
            ZADD za 1
            ZADD za 1 a 2
            ZADD za
            ZADD za nx
            ZADD za abc a
            ZADD za 1 a abc b
            ZADD za nan a
            ZADD za 1e400 a
            ZADD za " 1" a
            ZADD za "1 " a
            ZADD za "" a
            ZADD za 1e-400 a
            ZADD hx 0x10 a 0x1.8p1 b -0X.8P-1 c 0xffffffffffffffffffff d 0x1p1023 e
            ZADD hx 0x a
            ZADD hx 0x1p a
            ZADD hx 0x1g a
            ZADD hx 0x1p2000 a
            ZRANGE hx 0 -1 WITHSCORES
            ZRANGEBYSCORE hx 0x1 0x10
            ZCOUNT hx -0x1p1 (0x3
            ZADD za inf x -inf y +inf z
            ZADD za INCR -inf x
            ZADD za -0 zero 1.5e10 big 0.1 tenth 1e-5 small 123456789012345678 huge
            ZRANGE za 0 -1 WITHSCORES
            ZADD newxx XX 1 a
            EXISTS newxx
            SET str v
            ZADD str 1 a
            ZADD str abc a
            ZINCRBY za 1 a
            ZINCRBY za 1 newm
            ZINCRBY za abc a
            ZINCRBY za nx a
            ZINCRBY za 1
            ZINCRBY str 1 a
            ZINCRBY za +inf inc
            ZINCRBY za -inf inc
            ZSCORE za inc
            ZADD za "" emptyscore
            ZADD za 3 ""
            ZSCORE za ""
            ZADD za 4 "\x00\xff bin"
            ZSCORE za "\x00\xff bin"
            ZCARD za
            """);
    }

    [Fact]
    public void PointReads()
    {
        using var s = servers.Session();
        s.Script("""
            DEL zr
            ZADD zr 1 a 2 b 3 c 3 d 10 e
            ZSCORE zr a
            ZSCORE zr nope
            ZSCORE nokey a
            ZMSCORE zr a nope e
            ZMSCORE nokey a b
            ZMSCORE zr
            ZRANK zr a
            ZRANK zr d
            ZRANK zr nope
            ZRANK nokey a
            ZREVRANK zr a
            ZREVRANK zr e
            ZCARD zr
            ZCARD nokey
            ZCOUNT zr -inf +inf
            ZCOUNT zr (1 3
            ZCOUNT zr 1 (3
            ZCOUNT zr (3 (3
            ZCOUNT zr 3 3
            ZCOUNT zr 5 1
            ZCOUNT zr abc 1
            ZCOUNT zr 1 (abc
            ZCOUNT zr "" 5
            ZCOUNT zr ( 5
            ZCOUNT zr " 2" 5
            ZCOUNT zr nan 5
            ZCOUNT nokey 1 2
            ZCOUNT nokey x 2
            SET str v
            ZCOUNT str 1 2
            ZSCORE str a
            ZRANK str a
            ZCARD str
            ZMSCORE str a
            DEL zl
            ZADD zl 0 a 0 b 0 c 0 d 0 e 0 f
            ZLEXCOUNT zl - +
            ZLEXCOUNT zl [b [d
            ZLEXCOUNT zl (b (d
            ZLEXCOUNT zl + -
            ZLEXCOUNT zl [d [b
            ZLEXCOUNT zl - [c
            ZLEXCOUNT zl (c +
            ZLEXCOUNT zl b d
            ZLEXCOUNT zl [b +x
            ZLEXCOUNT zl "" +
            ZLEXCOUNT nokey - +
            ZLEXCOUNT str - +
            ZSCORE zr
            ZCARD
            ZRANK zr
            """);
    }

    [Fact]
    public void RemovalsAndTheirEvents()
    {
        using var s = servers.Session();
        s.Script("""
            DEL zm
            ZADD zm 1 a 2 b 3 c 4 d 5 e 6 f
            ZREM zm a nope
            ZREM zm nope
            ZREM nokey a
            ZREMRANGEBYRANK zm 0 0
            ZREMRANGEBYRANK zm -1 -1
            ZREMRANGEBYRANK zm 5 10
            ZREMRANGEBYRANK zm 2 1
            ZREMRANGEBYRANK zm a 1
            ZRANGE zm 0 -1 WITHSCORES
            ZREMRANGEBYSCORE zm (3 4
            ZREMRANGEBYSCORE zm x 4
            ZREMRANGEBYSCORE nokey 1 2
            ZRANGE zm 0 -1 WITHSCORES
            ZREM zm c e
            EXISTS zm
            ZADD zx 0 a 0 b 0 c 0 d
            ZREMRANGEBYLEX zx [b (d
            ZREMRANGEBYLEX zx x y
            ZRANGE zx 0 -1
            ZREMRANGEBYLEX zx - +
            EXISTS zx
            ZADD zy 1 a
            ZREMRANGEBYRANK zy 0 -1
            EXISTS zy
            ZADD zy 1 a 2 b
            ZREMRANGEBYSCORE zy -inf +inf
            EXISTS zy
            SET str v
            ZREM str a
            ZREMRANGEBYRANK str 0 1
            ZREMRANGEBYSCORE str 0 1
            ZREMRANGEBYLEX str - +
            ZREMRANGEBYRANK str x 1
            """);
    }

    [Fact]
    public void EncodingTransitionsFollowTheListpackLimits()
    {
        using var s = servers.Session();
        s.Script("""
            CONFIG SET zset-max-listpack-entries 4
            CONFIG SET zset-max-listpack-value 8
            DEL e1 e2 e3 e4 e5 e6 e7
            ZADD e1 1 a 2 b 3 c 4 d
            OBJECT ENCODING e1
            ZADD e1 5 e
            OBJECT ENCODING e1
            ZREM e1 a b c d
            OBJECT ENCODING e1
            ZADD e2 1 123456789
            OBJECT ENCODING e2
            ZADD e3 1 12345678
            OBJECT ENCODING e3
            ZADD e3 2 12345678
            ZINCRBY e3 1 12345678
            OBJECT ENCODING e3
            ZADD e4 1 a 2 b 3 c 4 d 5 e
            OBJECT ENCODING e4
            ZUNIONSTORE e5 1 e4
            OBJECT ENCODING e5
            ZRANGESTORE e6 e4 0 1
            OBJECT ENCODING e6
            ZINTERSTORE e7 2 e2 e2
            OBJECT ENCODING e7
            ZDIFFSTORE e7 1 e1
            OBJECT ENCODING e7
            CONFIG SET zset-max-listpack-entries 0
            DEL e8
            ZADD e8 1 a
            OBJECT ENCODING e8
            CONFIG SET zset-max-listpack-entries 128
            CONFIG SET zset-max-listpack-value 64
            TYPE e8
            """);
    }

    [Fact]
    public void PopsAndMPop()
    {
        using var s = servers.Session();
        s.Script("""
            DEL zp zq
            ZADD zp 1 a 2 b 3 c 4 d 5 e
            ZPOPMIN zp
            ZPOPMAX zp
            ZPOPMIN zp 2
            ZPOPMIN zp 0
            ZPOPMIN zp -1
            ZPOPMIN zp x
            ZPOPMIN zp 1 2
            ZPOPMAX zp 10
            EXISTS zp
            ZPOPMIN zp
            ZPOPMIN zp 3
            ZADD zq 1 a 2 b 3 c
            ZMPOP 2 zp zq MIN
            ZMPOP 2 zp zq MAX COUNT 10
            ZMPOP 2 zp zq MAX COUNT 10
            ZMPOP 0 zq MIN
            ZMPOP -1 zq MIN
            ZMPOP x zq MIN
            ZMPOP 1 zq
            ZMPOP 1 zq MID
            ZMPOP 1 zq MIN COUNT 0
            ZMPOP 1 zq MIN COUNT x
            ZMPOP 1 zq MIN COUNT 1 COUNT 1
            ZMPOP 1 zq MIN COUNT
            ZMPOP 1 zq MIN foo
            ZMPOP 5 zq MIN
            SET str v
            ZPOPMIN str
            ZMPOP 2 zq str MIN
            ZADD zq 1 a
            ZMPOP 2 zq str MIN
            """);
        s.Both("HELLO", "3");
        s.Script("""
            ZADD zp 1 a 2 b 3 c
            ZPOPMIN zp
            ZPOPMAX zp 1
            ZPOPMIN nokey
            ZPOPMIN nokey 2
            ZMPOP 1 zp MAX COUNT 3
            ZMPOP 1 nokey MAX
            """);
    }
}
