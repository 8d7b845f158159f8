using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>SORT and SORT_RO against redis-server 7.0: weights, ALPHA, LIMIT, BY/GET patterns, STORE, errors, RESP3, metadata.</summary>
public class SortDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void NumericAndAlphaOrder()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            RPUSH l 3 10 -1 2.5 1e2 0x10 " 7" +4 -inf inf 1 1.0 01 3
            SORT l
            SORT l DESC
            SORT l ASC
            SORT l ALPHA
            SORT l ALPHA DESC
            SORT_RO l
            SORT_RO l ALPHA DESC
            RPUSH e ""
            SORT e
            RPUSH e 5 "" -0
            SORT e
            SORT e DESC
            RPUSH nul "3\x00abc" 1 "\x00z"
            SORT nul
            RPUSH a banana Apple apple "apple pie" "" zz "\xff" "\xc3\xa9"
            SORT a ALPHA
            SORT a ALPHA DESC
            SORT a
            RPUSH bad 1 x 2
            SORT bad
            SORT bad ALPHA
            RPUSH nan 1 nan
            SORT nan
            RPUSH sp 1 "  "
            SORT sp
            RPUSH tr 1 "2 "
            SORT tr
            RPUSH hexsub 1 0x1p-1074 0x1.8p-1030 0x1p-1022
            SORT hexsub
            RPUSH forms 0 .5 5. infinity 0x1P+3 "  +.5e1" 1e308 9223372036854775807 9007199254740993 9007199254740992
            SORT forms
            SORT forms DESC
            RPUSH e1 1 1e
            SORT e1
            RPUSH ox 1 0x
            SORT ox
            # Out of range last: Redis tests a stale errno, so after an ERANGE its next sorts on this
            # connection fail too until some system call resets errno (not emulated).
            RPUSH big 1 1e400
            SORT big
            RPUSH tiny 1 1e-400
            SORT tiny
            RPUSH sub 1 1e-310
            SORT sub
            RPUSH sub2 1 4.9e-324
            SORT sub2
            RPUSH neginf 1 -1e309
            SORT neginf
            """);
    }

    [Fact]
    public void Limits()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            RPUSH l 5 3 9 1 7
            SORT l LIMIT 0 2
            SORT l LIMIT 1 3 DESC
            SORT l LIMIT 2 100
            SORT l LIMIT -5 2
            SORT l LIMIT 1 -1
            SORT l LIMIT 1 -5
            SORT l LIMIT 5 1
            SORT l LIMIT 4 1
            SORT l LIMIT 2 0
            SORT l LIMIT 9223372036854775807 9223372036854775807
            SORT l LIMIT 2 9223372036854775807
            SORT l LIMIT -9223372036854775808 -9223372036854775808
            SORT l LIMIT 0 1 LIMIT 3 1
            SORT l LIMIT x 1
            SORT l LIMIT 1 1.5
            SORT l LIMIT 1
            SORT l BY nosort LIMIT 1 2
            SORT l BY nosort DESC LIMIT 1 2
            SORT l BY nosort LIMIT 4 9223372036854775807
            SORT l BY nosort LIMIT 5 1
            SORT l BY nosort DESC
            SORT nokey LIMIT 0 1
            SORT nokey BY nosort LIMIT 1 1
            """);
    }

    [Fact]
    public void ByAndGetPatterns()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            RPUSH l a b c d
            MSET w_a 3 w_b 1 w_c 2 n_a A n_b B n_c C
            HSET h_a f 30 g x
            HSET h_b f 10
            HSET h_c f 20 g z
            SORT l BY w_*
            SORT l BY w_* DESC
            SORT l BY w_* GET #
            SORT l BY w_* GET n_* GET # GET w_*
            SORT l BY h_*->f GET h_*->g GET h_*->f
            SORT l BY h_*->f DESC LIMIT 1 2 GET #
            SORT l BY w_* ALPHA DESC
            SORT l BY n_* ALPHA GET n_*
            SORT l BY n_* ALPHA LIMIT 0 2
            SORT l BY nosort GET n_*
            SORT l BY nosort GET nostar
            SORT l BY w_*-> GET w_*->
            SORT l BY h_*->missing
            SORT l BY x*y GET x*y
            SORT l BY w_* BY nosort
            SORT l BY nosort BY w_*
            SORT l GET l
            SORT l ALPHA GET h_*
            SORT l ALPHA GET w_*->f
            SET w_d notanumber
            SORT l BY w_*
            SORT l BY w_* ALPHA
            RPUSH ls 1 2 3
            SET k_1 c
            SET k_2 a
            SET k_3 b
            SORT ls BY k_* ALPHA
            SORT ls BY k_* ALPHA GET k_* GET #
            SET "k\x00_1" 9
            SORT ls BY "k\x00_*" GET "k\x00_*"
            SORT ls GET "#\x00"
            """);
    }

    [Fact]
    public void SetsAndSortedSets()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            SADD is 30 10 20 -5
            OBJECT ENCODING is
            SORT is
            SORT is DESC LIMIT 1 2
            SORT is BY nosort
            SORT is ALPHA
            SADD hs b c a d 1 10 2
            SORT hs ALPHA
            SORT hs ALPHA DESC LIMIT 2 3
            SORT hs
            SORT hs BY nosort STORE d
            LRANGE d 0 -1
            SORT is BY nosort STORE d
            LRANGE d 0 -1
            ZADD z 3 c 1 a 2 b 4 d
            OBJECT ENCODING z
            SORT z BY nosort
            OBJECT ENCODING z
            SORT z BY nosort DESC
            SORT z BY nosort LIMIT 1 2
            SORT z BY nosort DESC LIMIT 1 2
            SORT z BY nosort LIMIT 10 2
            SORT z ALPHA DESC
            SORT_RO z BY nosort DESC LIMIT 0 3
            ZADD zn 1 5 2 3 3 4
            SORT zn
            SORT zn BY nosort
            SORT zn BY nosort STORE d
            LRANGE d 0 -1
            """);
    }

    [Fact]
    public void FromScripts()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            SADD is 30 10 20 -5 100
            SADD hs b c a d 1
            RPUSH l 3 1 2
            ZADD z 2 b 1 a
            EVAL "return redis.call('sort', KEYS[1], 'by', 'nosort')" 1 is
            EVAL "return redis.call('sort', KEYS[1], 'by', 'nosort')" 1 hs
            EVAL "return redis.call('sort_ro', KEYS[1], 'by', 'nosort', 'desc', 'limit', 1, 2)" 1 hs
            EVAL "return redis.call('sort', KEYS[1], 'by', 'nosort')" 1 l
            EVAL "return redis.call('sort', KEYS[1], 'by', 'nosort', 'desc')" 1 z
            EVAL "return redis.call('sort', KEYS[1])" 1 is
            EVAL "return redis.call('sort', KEYS[1], 'store', KEYS[2])" 2 l d
            LRANGE d 0 -1
            EVAL "return redis.pcall('sort', KEYS[1], 'limit', 'x', 1)" 1 l
            EVAL "return redis.pcall('sort_ro', KEYS[1], 'store', 'd')" 1 l
            EVAL "#!lua flags=no-writes\nreturn redis.pcall('sort', KEYS[1])" 1 l
            EVAL "#!lua flags=no-writes\nreturn redis.call('sort_ro', KEYS[1])" 1 l
            SORT is BY nosort
            """);
    }

    [Fact]
    public void ErrorsAndWrongTypes()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            SET str 1
            HSET h f v
            XADD st 1-1 f v
            SORT str
            SORT h
            SORT st
            SORT_RO str
            SORT str STORE d
            SORT nokey
            SORT nokey BADOPT
            SORT str BADOPT
            SORT
            SORT_RO
            RPUSH l 2 1
            SORT l BADOPT
            SORT l STORE
            SORT l BY
            SORT l GET
            SORT l LIMIT 0
            SORT_RO l STORE d
            SORT_RO l STORE
            SORT_RO l GET # BY nosort
            EXISTS d
            """);
    }

    [Fact]
    public void Store()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            RPUSH l 3 1 2
            SET w_1 c
            SET w_2 b
            SORT l STORE d
            LRANGE d 0 -1
            TYPE d
            OBJECT ENCODING d
            SORT l DESC STORE d
            LRANGE d 0 -1
            SORT l GET # GET w_* STORE d
            LRANGE d 0 -1
            SORT l BY w_* ALPHA STORE d
            LRANGE d 0 -1
            SET d x EX 100
            SORT l STORE d
            TTL d
            SORT l LIMIT 5 5 STORE d
            EXISTS d
            SORT l LIMIT 5 5 STORE d
            SORT nokey STORE d
            SET d x
            SORT nokey STORE d
            EXISTS d
            SORT l STORE l
            LRANGE l 0 -1
            RPUSH bad x 1
            SET d keep
            SORT bad STORE d
            GET d
            SORT l STORE a STORE b
            EXISTS a b
            SORT l ALPHA STORE d GET nostar
            LRANGE d 0 -1
            RPUSH n "b\x00b" "b\x00a"
            SORT n ALPHA STORE d
            LRANGE d 0 -1
            """);
    }

    [Fact]
    public void StoreDirtyAndStats()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        s.Same("CONFIG", "RESETSTAT");
        long redisDirty = Dirty(s.Redis), netDirty = Dirty(s.Net);
        s.Script("""
            RPUSH l 1 2 3
            SORT l GET # GET x_* STORE d
            SORT l STORE d
            SORT nokey STORE d
            SORT nokey STORE d
            SORT l BY w_* GET w_*
            """);
        Assert.Equal(Field(s.Redis, "keyspace_hits"), Field(s.Net, "keyspace_hits"));
        Assert.Equal(Field(s.Redis, "keyspace_misses"), Field(s.Net, "keyspace_misses"));
        // Dirty counts since the last save differ with earlier tests: compare what this script added.
        Assert.Equal(Dirty(s.Redis) - redisDirty, Dirty(s.Net) - netDirty);
    }

    private static long Dirty(RespClient c) => long.Parse(Field(c, "rdb_changes_since_last_save"));

    private static string Field(RespClient c, string name) => InfoFields.Field(c.Call("INFO", "all"), name, ':');

    [Fact]
    public void StoreNotifications()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        s.Same("CONFIG", "SET", "notify-keyspace-events", "KEA");
        using (var sub = new ConnPair(servers))
        {
            sub.Same("PSUBSCRIBE", "__key*__:*");
            sub.Same("SUBSCRIBE", "end-of-test");
            s.Script("""
                RPUSH l 2 1
                SORT l STORE d
                SORT l DESC STORE d
                SORT nokey STORE d
                SORT nokey STORE d
                SORT l
                """);
            s.Same("PUBLISH", "end-of-test", "done");
            sub.ReadUntil("end-of-test");
        }
        s.Same("CONFIG", "SET", "notify-keyspace-events", "");
    }

    [Fact]
    public void Resp3()
    {
        using var s = servers.Session();
        s.Both("HELLO", "3");
        s.Script("""
            FLUSHALL
            RPUSH l 2 1
            SET w_1 x
            SORT l
            SORT l GET w_* GET #
            SORT l STORE d
            SORT nokey
            SORT_RO l BY nosort GET w_*
            SORT l BY w_*
            """);
        s.Both("HELLO", "2");
    }

    [Fact]
    public void CommandMetadata()
    {
        using var s = servers.Session();
        s.Script("""
            COMMAND INFO sort sort_ro
            COMMAND DOCS sort sort_ro
            COMMAND GETKEYS SORT a
            COMMAND GETKEYS SORT a STORE dst
            COMMAND GETKEYS SORT a STORE x STORE y
            COMMAND GETKEYS SORT a LIMIT store 1 store d
            COMMAND GETKEYS SORT a BY store GET store x
            COMMAND GETKEYS SORT a store
            COMMAND GETKEYSANDFLAGS SORT a STORE dst
            COMMAND GETKEYSANDFLAGS SORT a BY w_* GET g_*
            COMMAND GETKEYS SORT_RO a
            COMMAND GETKEYS SORT_RO a STORE b
            COMMAND GETKEYSANDFLAGS SORT_RO a GET x
            """);
    }
}
