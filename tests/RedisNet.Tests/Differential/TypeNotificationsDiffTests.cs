using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// Keyspace notifications of the collection types, bitmaps and HLL (and generic commands on them):
/// the same commands on both servers, every event the subscriber received compared.
/// </summary>
public class TypeNotificationsDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    private void Events(string script) => KeyEventCapture.Compare(servers, "KEA", s => s.Script(script));

    [Fact]
    public void Lists() => Events("""
        LPUSH l a b c
        RPUSH l d
        LPUSHX l x
        RPUSHX l y
        LPUSHX nol x
        LINSERT l BEFORE a z
        LINSERT l AFTER nomember z
        LSET l 0 w
        LTRIM l 1 -2
        LTRIM l 0 -1
        LREM l 1 z
        LREM l 0 nomember
        LPOP l
        RPOP l 2
        LMOVE l l2 LEFT RIGHT
        RPOPLPUSH l2 l3
        LMPOP 2 nol l RIGHT COUNT 10
        BLPOP l3 0
        BRPOP nol 0.01
        RPUSH t a b
        LTRIM t 5 10
        RPUSH t a b
        LREM t 0 a
        LREM t 0 b
        RPUSH m a
        BLMOVE m m LEFT RIGHT 0
        BLMPOP 0 1 m LEFT COUNT 5
        """);

    [Fact]
    public void BlockedListPopsServedByAPush() => KeyEventCapture.Compare(servers, "KEA", s =>
    {
        using var b1 = new ConnPair(servers);
        using var b2 = new ConnPair(servers);
        using var b3 = new ConnPair(servers);
        KeyEventCapture.Block(s, b1, 1, "BLPOP", "q", "0");
        KeyEventCapture.Block(s, b2, 2, "BLMOVE", "q", "dst", "RIGHT", "LEFT", "0");
        KeyEventCapture.Block(s, b3, 3, "BLMPOP", "0", "2", "none", "q", "LEFT", "COUNT", "5");
        s.Same("RPUSH", "q", "a", "b", "c", "d");
        b1.Read(1, "BLPOP");
        b2.Read(1, "BLMOVE");
        b3.Read(1, "BLMPOP");
    });

    [Fact]
    public void Hashes() => Events("""
        HSET h a 1 b 2
        HSET h a 3
        HSETNX h a 1
        HSETNX h c 1
        HMSET h d 1
        HINCRBY h n 5
        HINCRBYFLOAT h f 1.5
        HDEL h a nofield
        HDEL h nofield
        HDEL h b c d n f
        HSET h2 x 1
        HDEL h2 x
        HGET nokey x
        """);

    [Fact]
    public void Sets() => Events("""
        SADD s a b c
        SADD s a
        SREM s a nomember
        SREM s nomember
        SADD s2 c d
        SMOVE s s2 b
        SMOVE s s2 nomember
        SMOVE s s3 c
        SMOVE s2 s2 d
        SINTERSTORE d1 s2 s3
        SUNIONSTORE d2 s2 s3
        SDIFFSTORE d3 s2 s3
        SINTERSTORE d2 s2 nokey
        SDIFFSTORE d3 nokey s2
        SPOP s3
        SADD p 1 2 3
        SPOP p 3
        SADD p 1
        SPOP p 1
        SPOP nokey
        SPOP nokey 2
        SADD p 1 2 3 4 5
        SREM p 1 2 3 4 5
        """);

    [Fact]
    public void SpopOfPartOfASet() => KeyEventCapture.Compare(servers, "KEA", s =>
    {
        s.Same("SADD", "p", "1", "2", "3", "4", "5", "a");
        s.Both("SPOP", "p", "2");   // which members is random; the events are not
        s.Both("SPOP", "p");
        s.Both("SRANDMEMBER", "p", "2");
    });

    [Fact]
    public void SortedSets() => Events("""
        ZADD z 1 a 2 b 3 c
        ZADD z 1 a
        ZADD z INCR 5 a
        ZADD z NX INCR 5 a
        ZADD z XX 9 nomember
        ZINCRBY z 2 b
        ZREM z nomember
        ZREM z c
        ZADD z 1 c 2 d 3 e 4 f
        ZREMRANGEBYSCORE z 3 3
        ZREMRANGEBYSCORE z 100 200
        ZREMRANGEBYRANK z 0 0
        ZREMRANGEBYLEX z - -
        ZADD lex 0 a 0 b 0 c
        ZREMRANGEBYLEX lex [a [b
        ZADD z2 1 x 2 b
        ZUNIONSTORE u 2 z z2
        ZINTERSTORE i 2 z z2
        ZDIFFSTORE df 2 z z2
        ZINTERSTORE i 2 z nokey
        ZRANGESTORE rs z 0 1
        ZRANGESTORE rs z 100 200
        ZPOPMIN z
        ZPOPMAX z 2
        ZMPOP 1 z MIN COUNT 10
        ZREMRANGEBYRANK lex 0 -1
        GEOADD g 13.361389 38.115556 Palermo 15.087269 37.502669 Catania
        GEOADD g XX 13.361389 38.115556 Palermo
        GEOSEARCHSTORE gs g FROMLONLAT 15 37 BYRADIUS 200 km
        GEORADIUS g 15 37 200 km STORE gr
        GEORADIUS g 15 37 200 km STOREDIST gd
        ZREM g Palermo Catania
        """);

    [Fact]
    public void Streams() => Events("""
        XADD st 1-1 f v
        XADD st 2-1 f v
        XADD st MAXLEN 1 3-1 f v
        XADD nost NOMKSTREAM 1-1 f v
        XTRIM st MAXLEN 0
        XTRIM st MAXLEN 0
        XADD st 4-1 f v
        XADD st 5-1 f v
        XDEL st 4-1
        XDEL st 9-9
        XGROUP CREATE st g 0
        XGROUP CREATE st2 g $ MKSTREAM
        XGROUP SETID st g 0
        XGROUP CREATECONSUMER st g c
        XGROUP CREATECONSUMER st g c
        XREADGROUP GROUP g c2 COUNT 1 STREAMS st >
        XREADGROUP GROUP g c3 NOACK STREAMS st >
        XACK st g 5-1
        XCLAIM st g c4 0 5-1
        XAUTOCLAIM st g c5 0 0
        XGROUP DELCONSUMER st g c
        XGROUP DESTROY st g
        XGROUP DESTROY st g
        XSETID st 9-9
        XSETID st 10-0 ENTRIESADDED 10 MAXDELETEDID 1-1
        XDEL st 5-1
        DEL st st2
        """);

    [Fact]
    public void BitmapsAndHyperLogLogs() => Events("""
        SETBIT b 7 1
        SETBIT b 7 1
        SETBIT b 100 0
        BITFIELD bf SET u8 0 255 INCRBY u8 0 1
        BITFIELD bf GET u8 0
        BITFIELD bf OVERFLOW FAIL INCRBY u8 0 1000
        BITFIELD_RO bf GET u8 0
        SET s1 ab
        SET s2 cd
        BITOP AND d s1 s2
        BITOP OR d nokey nokey2
        BITOP NOT d2 s1
        PFADD h a b c
        PFADD h a
        PFADD h
        PFADD h2
        PFADD h3 x
        PFMERGE h4 h h3
        PFMERGE h4
        PFCOUNT h h3
        """);

    [Fact]
    public void GenericCommandsOnCollections() => Events("""
        RPUSH l a b
        HSET h f v
        SADD s m
        ZADD z 1 m
        XADD x 1-1 f v
        RENAME l l2
        RENAMENX h h2
        RENAME s z
        MOVE l2 1
        MOVE h2 3
        COPY z z9
        COPY x x2 DB 1
        COPY x2 x3
        EXPIRE z9 100
        PEXPIRE x 100000
        EXPIRE z9 -1
        PERSIST x
        SET str v
        DEL z x
        RPUSH n 3 1 2
        UNLINK n
        SELECT 1
        DEL l2 x2
        SELECT 0
        """);

    [Fact]
    public void EmptyingAndReplacingDestinations() => Events("""
        SADD a 1
        SADD b 2
        SADD dst x
        SINTERSTORE dst a b
        SADD dst x
        SDIFFSTORE dst a a
        SADD dst x
        SUNIONSTORE dst nokey nokey2
        SMOVE a b 1
        ZADD zd 1 x
        ZADD za 1 a
        ZINTERSTORE zd 2 za nokey
        ZADD zd 1 x
        ZRANGESTORE zd za 5 10
        ZADD zd 1 x
        ZUNIONSTORE zd 1 za WEIGHTS 2
        ZADD zd GT CH 5 x 1 y
        ZADD zd LT 9 x
        ZINCRBY newz 1 m
        GEOADD gd 13.361389 38.115556 P
        ZADD g 1 m
        GEOSEARCHSTORE g gd FROMLONLAT 0 0 BYRADIUS 1 m
        RPUSH l a
        RPUSH l2 b
        RENAME l l2
        HSET h f v
        COPY h l2 REPLACE
        SET s str
        COPY l2 s
        SET l2 str
        LPUSH l2 x
        HSET l2 f v
        XADD x MAXLEN 1 1-1 f v
        XADD x MAXLEN 1 2-1 f v
        XADD x MINID 5 3-1 f v
        LSET nol 0 x
        LINSERT nol BEFORE a b
        RPUSH e a
        PEXPIRE e 1
        DEBUG SLEEP 0.01
        LLEN e
        HSET e2 f v
        EXPIREAT e2 1
        ZADD e3 1 m
        PEXPIRE e3 1
        DEBUG SLEEP 0.01
        ZSCORE e3 m
        """);

    /// <summary>Read commands on missing keys publish keymiss (class m); writes creating a key do not.</summary>
    [Fact]
    public void ReadMissesOnCollections() => KeyEventCapture.Compare(servers, "KEAm", s => s.Script("""
        LRANGE nl 0 -1
        LLEN nl
        LINDEX nl 0
        LPOS nl a
        HGET nh f
        HGETALL nh
        HMGET nh a b
        HLEN nh
        HEXISTS nh f
        HSTRLEN nh f
        HRANDFIELD nh
        HKEYS nh
        HSCAN nh 0
        SMEMBERS ns
        SISMEMBER ns a
        SMISMEMBER ns a b
        SCARD ns
        SRANDMEMBER ns
        SINTER ns ns2
        SUNION ns ns2
        SDIFF ns ns2
        SINTERCARD 2 ns ns2
        SSCAN ns 0
        ZRANGE nz 0 -1
        ZSCORE nz a
        ZMSCORE nz a
        ZCARD nz
        ZRANK nz a
        ZCOUNT nz 0 1
        ZLEXCOUNT nz - +
        ZRANGEBYSCORE nz 0 1
        ZRANDMEMBER nz
        ZUNION 2 nz nz2
        ZSCAN nz 0
        GEOPOS ng a
        GEODIST ng a b
        GEOHASH ng a
        GEOSEARCH ng FROMLONLAT 0 0 BYRADIUS 1 km
        XRANGE nx - +
        XLEN nx
        XREAD STREAMS nx 0
        XINFO STREAM nx
        XPENDING nx g
        GETBIT nb 0
        BITCOUNT nb
        BITPOS nb 1
        BITFIELD_RO nb GET u8 0
        PFCOUNT nhll
        RPUSH l a
        HSET h f v
        SADD s m
        ZADD z 1 m
        LRANGE h 0 -1
        HGET l f
        SMEMBERS z
        ZRANGE s 0 -1
        LINDEX l 5
        HGET h nofield
        SISMEMBER s nomember
        ZSCORE z nomember
        """));

    /// <summary>Class n (new key) for every way a collection key comes to exist, and writes on lazily expired keys.</summary>
    [Fact]
    public void NewKeysAndWritesOnExpiredKeys() => KeyEventCapture.Compare(servers, "KEAn", s => s.Script("""
        RPUSH l a
        LPUSH l b
        HSET h f v
        HINCRBY h2 f 1
        SADD s a
        SMOVE s s2 a
        ZADD z 1 a
        ZINCRBY z2 1 a
        GEOADD g 1 1 a
        XADD x 1-1 f v
        XGROUP CREATE x2 g $ MKSTREAM
        SETBIT b 1 1
        BITFIELD bf SET u8 0 1
        PFADD p a
        PFMERGE p2 p
        SINTERSTORE d1 s2 s2
        ZUNIONSTORE d2 1 z
        LMOVE l l2 LEFT LEFT
        COPY l c1
        RENAME c1 c2
        BITOP NOT d3 b
        RPUSH e a
        PEXPIRE e 1
        HSET e2 f v
        PEXPIRE e2 1
        SADD e3 m
        PEXPIRE e3 1
        DEBUG SLEEP 0.01
        RPUSH e b
        HSET e2 f v
        SREM e3 m
        LPUSHX l4 x
        SETBIT b 1 1
        """));
}
