using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// Keyspace notifications: a subscriber on __key*__:* on each server, the same commands on both,
/// and the received messages compared byte for byte (names, classes, order).
/// </summary>
public class NotificationsDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    private void Events(string classes, string script, string pattern = "__key*__:*", bool resp3 = false) =>
        KeyEventCapture.Compare(servers, classes, s => s.Script(script), pattern, resp3);

    [Fact]
    public void StringCommands() => Events("KEA", """
        SET a 1
        SET a 2 EX 100
        SET a 3 KEEPTTL
        SET a 4 NX
        SET b 1 XX
        SET b 1 GET
        SETNX c 1
        SETNX c 2
        SETEX d 100 x
        PSETEX e 100000 y
        GETSET a z
        GETSET nn 1
        GETDEL a
        GETDEL a
        GETEX d EX 5
        GETEX d PERSIST
        GETEX d
        GETEX d PXAT 1
        MSET m1 1 m2 2
        MSETNX m3 1 m1 2
        MSETNX m4 1 m5 1
        APPEND ap x
        APPEND ap y
        SETRANGE sr 2 x
        SETRANGE sr 0 ""
        SETRANGE sr2 0 ""
        INCR i
        INCRBY i 5
        DECR i
        DECRBY i 2
        INCRBYFLOAT f 1.5
        INCRBYFLOAT f 1
        INCR ap
        """);

    [Fact]
    public void KeyCommands() => Events("KEA", """
        SET a 1
        SET b 2
        DEL a b c
        SET a 1
        UNLINK a
        SET k 1
        EXPIRE k 100
        EXPIRE k 100 NX
        PEXPIRE k 50000 XX
        EXPIRE k 10 GT
        EXPIREAT k 1
        SET k 1
        PERSIST k
        EXPIRE k 100
        PERSIST k
        PERSIST nokey
        SET r 1
        RENAME r r2
        RENAME r2 r2
        SET r3 x
        RENAME r2 r3
        RENAMENX r3 r4
        SET r5 1
        RENAMENX r4 r5
        RENAME nokey x
        MOVE r4 1
        SET mv 1
        SELECT 1
        SET mv 2
        SELECT 0
        MOVE mv 1
        SET c1 1
        COPY c1 c2
        COPY c1 c2
        COPY c1 c2 REPLACE
        COPY c1 c3 DB 2
        COPY nokey x
        FLUSHDB
        SWAPDB 0 1
        TOUCH c1
        """);

    [Fact]
    public void ReadMissesAreKeymissEvents() => Events("KEAm", """
        GET nokey
        STRLEN nope
        GETRANGE nope 0 1
        SUBSTR nope 0 1
        MGET x1 x2
        EXISTS e1
        TYPE t1
        TTL t2
        PTTL t3
        EXPIRETIME t4
        OBJECT ENCODING t5
        OBJECT FREQ t6
        TOUCH t7
        LCS l1 l2
        GETEX gx
        GETDEL gd
        SET k v GET
        APPEND ap x
        INCR cnt
        """);

    [Fact]
    public void NewKeyEvents() => Events("KEn", """
        SET a 1
        SET a 2
        INCR n
        APPEND s x
        SETRANGE r 1 x
        MSET a 1 b 2
        RENAME a z
        COPY z y
        INCRBYFLOAT f 1
        """);

    [Fact]
    public void LazyExpiryIsExpiredThenMiss() => Events("KEA", """
        SET x 1 PXAT 1
        SET y 1 PXAT 1
        SET z 1 PXAT 1
        SET w 1 PXAT 1
        GET x
        EXISTS y
        DEL z
        TTL w
        """);

    [Fact]
    public void ClassFiltering()
    {
        const string script = """
            SET a 1
            EXPIRE a 100
            DEL a
            INCR n
            SET x 1 PXAT 1
            GET x
            GET missing
            """;
        foreach (var classes in new[] { "E$", "Kg", "Ex", "Km", "KEg$", "K", "E", "A", "Kl", "KA" })
            Events(classes, script);
    }

    [Fact]
    public void KeyeventChannelOnly() => Events("E$g", """
        SET a 1
        SET b 1
        DEL a b
        """, "__keyevent@0__:del");

    [Fact]
    public void Resp3SubscriberGetsPushes() => Events("KEA", """
        SET a 1
        EXPIRE a 100
        RENAME a b
        DEL b
        """, resp3: true);

    [Fact]
    public void OtherDatabases() => Events("KEA", """
        SELECT 5
        SET a 1
        DEL a
        SELECT 0
        """);

    [Fact]
    public void ConfigValues()
    {
        using var s = servers.Session();
        s.Script("""
            CONFIG SET notify-keyspace-events KEA
            CONFIG GET notify-keyspace-events
            CONFIG SET notify-keyspace-events Eglshzxetdmn
            CONFIG GET notify-keyspace-events
            CONFIG SET notify-keyspace-events KEnm
            CONFIG GET notify-keyspace-events
            CONFIG SET notify-keyspace-events Q
            CONFIG SET notify-keyspace-events ""
            CONFIG GET notify-keyspace-events
            """);
    }
}
