using System.Text;
using RedisNet.Tests.Infrastructure;
using static RedisNet.Tests.Infrastructure.BlockingHelpers;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>
/// BZPOPMIN/BZPOPMAX/BZMPOP and XREAD/XREADGROUP BLOCK with real connections, run against both
/// redis-server 7.0 and RedisNet with the same expected bytes: wake order, timeouts, serving by
/// another client's ZADD/XADD, consumer PELs after a served XREADGROUP, groups and keys that go
/// away while clients wait, SWAPDB, MULTI and RESP3.
/// </summary>
public class ZSetStreamBlockingTests(DiffServers servers) : IClassFixture<DiffServers>
{
    public static readonly TheoryData<string> Servers = new("redis", "redisnet");

    private ServerProcess Server(string kind) => kind == "redis" ? servers.Redis : servers.RedisNet;

    [Theory, MemberData(nameof(Servers))]
    public void SortedSetWaitersAreServedInBlockingOrder(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var c1 = p.Client();
        using var c2 = p.Client();
        using var c3 = p.Client();
        admin.Call("DEL", "zf", "zf:other");
        Send(c1, "BZPOPMIN", "zf", "0");
        WaitBlocked(admin, 1);
        Send(c2, "BZPOPMAX", "zf:other", "zf", "0");
        WaitBlocked(admin, 2);
        Send(c3, "BZMPOP", "0", "2", "zf:other", "zf", "MIN", "COUNT", "5");
        WaitBlocked(admin, 3);
        Assert.Equal(":4\r\n", admin.CallString("ZADD", "zf", "1", "a", "2", "b", "3", "c", "4", "d"));
        Assert.Equal("*3\r\n$2\r\nzf\r\n$1\r\na\r\n$1\r\n1\r\n", Text(c1.ReadReply()));
        Assert.Equal("*3\r\n$2\r\nzf\r\n$1\r\nd\r\n$1\r\n4\r\n", Text(c2.ReadReply()));
        Assert.Equal("*2\r\n$2\r\nzf\r\n*2\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n", Text(c3.ReadReply()));
        Assert.Equal(":0\r\n", admin.CallString("EXISTS", "zf"));
        WaitBlocked(admin, 0);
    }

    [Theory, MemberData(nameof(Servers))]
    public void TimeoutsReplyNullArraysAndBadTimeoutsFail(string kind)
    {
        var p = Server(kind);
        using var c = p.Client();
        c.Call("DEL", "to:z", "to:s");
        Assert.Equal("*-1\r\n", c.CallString("BZPOPMIN", "to:z", "0.01"));
        Assert.Equal("*-1\r\n", c.CallString("BZPOPMAX", "to:z", "0x1p-7"));
        Assert.Equal("*-1\r\n", c.CallString("BZMPOP", "1e-2", "1", "to:z", "MAX"));
        Assert.Equal("*-1\r\n", c.CallString("XREAD", "BLOCK", "10", "STREAMS", "to:s", "$"));
        c.Call("XGROUP", "CREATE", "to:s", "g", "$", "MKSTREAM");
        Assert.Equal("*-1\r\n", c.CallString("XREADGROUP", "GROUP", "g", "c", "BLOCK", "10", "STREAMS", "to:s", ">"));
        Assert.Equal("-ERR timeout is not a float or out of range\r\n", c.CallString("BZPOPMIN", "to:z", " 1"));
        Assert.Equal("-ERR timeout is not a float or out of range\r\n", c.CallString("BZPOPMIN", "to:z", "nan"));
        Assert.Equal("-ERR timeout is negative\r\n", c.CallString("BZPOPMIN", "to:z", "-0.002"));
        Assert.Equal("-ERR timeout is negative\r\n", c.CallString("BZPOPMAX", "to:z", "1e16"));
        Assert.Equal("-ERR timeout is negative\r\n", c.CallString("BZPOPMAX", "to:z", "inf"));
        Assert.Equal("-ERR timeout is negative\r\n", c.CallString("BLPOP", "to:z", "1e400"));
        Assert.Equal("-ERR timeout is not a float or out of range\r\n", c.CallString("BZMPOP", "x", "1", "to:z", "MIN"));
        Assert.Equal("-ERR numkeys should be greater than 0\r\n", c.CallString("BZMPOP", "x", "0", "to:z", "MIN"));
        Assert.Equal("-ERR timeout is not an integer or out of range\r\n", c.CallString("XREAD", "BLOCK", "0x10", "STREAMS", "to:s", "$"));
        Assert.Equal("-ERR timeout is negative\r\n", c.CallString("XREAD", "BLOCK", "-1", "STREAMS", "to:s", "$"));
        c.Call("HELLO", "3");
        Assert.Equal("_\r\n", c.CallString("BZPOPMIN", "to:z", "0.01"));
        Assert.Equal("_\r\n", c.CallString("XREAD", "BLOCK", "10", "STREAMS", "to:s", "$"));
    }

    [Theory, MemberData(nameof(Servers))]
    public void HexAndTinyNegativeTimeoutsBlock(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var c1 = p.Client();
        using var c2 = p.Client();
        admin.Call("DEL", "hx:z");
        Send(c1, "BZPOPMIN", "hx:z", "0x10");   // 16 seconds
        WaitBlocked(admin, 1);
        Send(c2, "BZPOPMIN", "hx:z", "-0.001"); // ceill(-0.999...) is 0: forever
        WaitBlocked(admin, 2);
        Assert.Contains("clients_in_timeout_table:1\r\n", admin.CallString("INFO", "clients"));
        admin.Call("ZADD", "hx:z", "1", "a", "2", "b");
        Assert.Equal("*3\r\n$4\r\nhx:z\r\n$1\r\na\r\n$1\r\n1\r\n", Text(c1.ReadReply()));
        Assert.Equal("*3\r\n$4\r\nhx:z\r\n$1\r\nb\r\n$1\r\n2\r\n", Text(c2.ReadReply()));
    }

    [Theory, MemberData(nameof(Servers))]
    public void XreadDollarIsResolvedWhenBlockingAndOnlyTheReadyKeyIsServed(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var c1 = p.Client();
        using var c2 = p.Client();
        admin.Call("DEL", "xr:a", "xr:b");
        admin.Call("XADD", "xr:b", "1-1", "old", "1");
        Send(c1, "XREAD", "COUNT", "2", "BLOCK", "0", "STREAMS", "xr:a", "xr:b", "$", "$");
        WaitBlocked(admin, 1);
        Send(c2, "XREAD", "BLOCK", "0", "STREAMS", "xr:a", "0");
        WaitBlocked(admin, 2);
        admin.Call("MULTI");
        admin.Call("XADD", "xr:a", "5-1", "f", "1");
        admin.Call("XADD", "xr:a", "5-2", "f", "2");
        admin.Call("XADD", "xr:a", "5-3", "f", "3");
        admin.Call("XADD", "xr:b", "6-1", "g", "1");
        admin.Call("EXEC");
        Assert.Equal("*1\r\n*2\r\n$4\r\nxr:a\r\n*2\r\n*2\r\n$3\r\n5-1\r\n*2\r\n$1\r\nf\r\n$1\r\n1\r\n*2\r\n$3\r\n5-2\r\n*2\r\n$1\r\nf\r\n$1\r\n2\r\n",
            Text(c1.ReadReply()));
        Assert.StartsWith("*1\r\n*2\r\n$4\r\nxr:a\r\n*3\r\n", Text(c2.ReadReply()));
        WaitBlocked(admin, 0);
    }

    [Theory, MemberData(nameof(Servers))]
    public void XreadServedAfterAddedEntriesWereDeletedGetsAnEmptyRange(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var c = p.Client();
        admin.Call("DEL", "xd:s");
        admin.Call("XADD", "xd:s", "1-1", "a", "b");
        Send(c, "XREAD", "BLOCK", "0", "STREAMS", "xd:s", "$");
        WaitBlocked(admin, 1);
        admin.Call("MULTI");
        admin.Call("XADD", "xd:s", "2-1", "f", "v");
        admin.Call("XDEL", "xd:s", "2-1");
        admin.Call("EXEC");
        Assert.Equal("*1\r\n*2\r\n$4\r\nxd:s\r\n*0\r\n", Text(c.ReadReply()));
    }

    [Theory, MemberData(nameof(Servers))]
    public void XreadgroupServedByXaddDeliversToTheConsumerPel(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var c1 = p.Client();
        using var c2 = p.Client();
        admin.Call("DEL", "xg:s");
        admin.Call("XGROUP", "CREATE", "xg:s", "g", "$", "MKSTREAM");
        Send(c1, "XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "BLOCK", "0", "STREAMS", "xg:s", ">");
        WaitBlocked(admin, 1);
        Send(c2, "XREADGROUP", "GROUP", "g", "bob", "BLOCK", "0", "STREAMS", "xg:s", ">");
        WaitBlocked(admin, 2);
        Assert.Equal("*0\r\n", admin.CallString("XINFO", "CONSUMERS", "xg:s", "g")); // no consumer while waiting
        admin.Call("MULTI");
        admin.Call("XADD", "xg:s", "1-1", "a", "1");
        admin.Call("XADD", "xg:s", "2-1", "b", "2");
        admin.Call("XADD", "xg:s", "3-1", "c", "3");
        admin.Call("EXEC");
        Assert.Equal("*1\r\n*2\r\n$4\r\nxg:s\r\n*1\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n", Text(c1.ReadReply()));
        Assert.Equal("*1\r\n*2\r\n$4\r\nxg:s\r\n*2\r\n*2\r\n$3\r\n2-1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n*2\r\n$3\r\n3-1\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n",
            Text(c2.ReadReply()));
        Assert.Equal("*4\r\n:3\r\n$3\r\n1-1\r\n$3\r\n3-1\r\n*2\r\n*2\r\n$5\r\nalice\r\n$1\r\n1\r\n*2\r\n$3\r\nbob\r\n$1\r\n2\r\n",
            admin.CallString("XPENDING", "xg:s", "g"));
        Assert.StartsWith("*2\r\n*4\r\n$3\r\n2-1\r\n$3\r\nbob\r\n", admin.CallString("XPENDING", "xg:s", "g", "-", "+", "10", "bob"));
        Assert.Contains("$17\r\nlast-delivered-id\r\n$3\r\n3-1\r\n", admin.CallString("XINFO", "GROUPS", "xg:s"));
    }

    [Theory, MemberData(nameof(Servers))]
    public void XreadgroupFailsWhenItsGroupOrStreamGoesAway(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var c = p.Client();
        using var x = p.Client();
        admin.Call("DEL", "xa:s");
        admin.Call("CONFIG", "RESETSTAT");
        admin.Call("XGROUP", "CREATE", "xa:s", "g", "$", "MKSTREAM");
        Send(c, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "xa:s", ">");
        Send(x, "XREAD", "BLOCK", "0", "STREAMS", "xa:s", "$");
        WaitBlocked(admin, 2);
        admin.Call("XGROUP", "DESTROY", "xa:s", "g");
        Assert.Equal("-NOGROUP the consumer group this client was blocked on no longer exists\r\n", Text(c.ReadReply()));
        admin.Call("XGROUP", "CREATE", "xa:s", "g", "$");
        Send(c, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "xa:s", ">");
        WaitBlocked(admin, 2);
        admin.Call("SET", "xa:s", "now a string");
        Assert.Equal("-UNBLOCKED the stream key no longer exists\r\n", Text(c.ReadReply()));
        admin.Call("DEL", "xa:s");
        admin.Call("XGROUP", "CREATE", "xa:s", "g", "$", "MKSTREAM");
        Send(c, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "xa:s", ">");
        WaitBlocked(admin, 2);
        admin.Call("DEL", "xa:s");
        Assert.Equal("-UNBLOCKED the stream key no longer exists\r\n", Text(c.ReadReply()));
        WaitBlocked(admin, 1); // the plain XREAD keeps waiting through all of it
        admin.Call("XADD", "xa:s", "9-9", "f", "v");
        Assert.Equal("*1\r\n*2\r\n$4\r\nxa:s\r\n*1\r\n*2\r\n$3\r\n9-9\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n", Text(x.ReadReply()));
        Assert.Equal("$70\r\n# Errorstats\r\nerrorstat_NOGROUP:count=1\r\nerrorstat_UNBLOCKED:count=2\r\n\r\n", admin.CallString("INFO", "errorstats"));
        Assert.Contains("cmdstat_xreadgroup:calls=3,", admin.CallString("INFO", "commandstats"));
    }

    [Theory, MemberData(nameof(Servers))]
    public void SwapdbWakesClientsWaitingOnKeysItBringsIn(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var z = p.Client();
        using var g = p.Client();
        admin.Call("SELECT", "9");
        admin.Call("FLUSHDB");
        admin.Call("SELECT", "0");
        admin.Call("DEL", "sw:z", "sw:s");
        z.Call("SELECT", "9");
        Send(z, "BZPOPMAX", "sw:z", "0");
        admin.Call("XGROUP", "CREATE", "sw:s", "g", "$", "MKSTREAM");
        Send(g, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "sw:s", ">");
        WaitBlocked(admin, 2);
        admin.Call("ZADD", "sw:z", "1", "a", "2", "b");
        Assert.Equal("+OK\r\n", admin.CallString("SWAPDB", "0", "9"));
        Assert.Equal("*3\r\n$4\r\nsw:z\r\n$1\r\nb\r\n$1\r\n2\r\n", Text(z.ReadReply()));
        Assert.Equal("-UNBLOCKED the stream key no longer exists\r\n", Text(g.ReadReply()));
        admin.Call("SWAPDB", "0", "9");
        Assert.Equal("*2\r\n$1\r\na\r\n$1\r\n1\r\n", admin.CallString("ZPOPMIN", "sw:z"));
    }

    [Theory, MemberData(nameof(Servers))]
    public void InsideMultiBlockingCommandsReplyTheirTimeoutAtOnce(string kind)
    {
        var p = Server(kind);
        using var c = p.Client();
        c.Call("DEL", "mx:z", "mx:s");
        c.Call("XGROUP", "CREATE", "mx:s", "g", "$", "MKSTREAM");
        c.Call("MULTI");
        Assert.Equal("+QUEUED\r\n", c.CallString("BZPOPMIN", "mx:z", "0"));
        c.Call("BZPOPMAX", "mx:z", "0x10");
        c.Call("BZMPOP", "0", "1", "mx:z", "MIN");
        c.Call("XREAD", "BLOCK", "0", "STREAMS", "mx:s", "$");
        c.Call("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "mx:s", ">");
        c.Call("BZPOPMIN", "mx:z", "-1");
        Assert.Equal("*6\r\n*-1\r\n*-1\r\n*-1\r\n*-1\r\n*-1\r\n-ERR timeout is negative\r\n", c.CallString("EXEC"));
        c.Call("HELLO", "3");
        c.Call("MULTI");
        c.Call("BZMPOP", "0", "1", "mx:z", "MIN");
        c.Call("XREAD", "BLOCK", "0", "STREAMS", "mx:s", "$");
        Assert.Equal("*2\r\n_\r\n_\r\n", c.CallString("EXEC"));
    }

    [Theory, MemberData(nameof(Servers))]
    public void Resp3ServedReplies(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var z = p.Client();
        using var m = p.Client();
        using var x = p.Client();
        admin.Call("DEL", "r3:z", "r3:s");
        z.Call("HELLO", "3");
        m.Call("HELLO", "3");
        x.Call("HELLO", "3");
        Send(z, "BZPOPMIN", "r3:z", "0");
        WaitBlocked(admin, 1);
        Send(m, "BZMPOP", "0", "1", "r3:z", "MAX", "COUNT", "9");
        WaitBlocked(admin, 2);
        Send(x, "XREAD", "BLOCK", "0", "STREAMS", "r3:s", "0");
        WaitBlocked(admin, 3);
        admin.Call("ZADD", "r3:z", "1.5", "a", "2", "b", "3", "c");
        admin.Call("XADD", "r3:s", "1-1", "f", "v");
        Assert.Equal("*3\r\n$4\r\nr3:z\r\n$1\r\na\r\n,1.5\r\n", Text(z.ReadReply()));
        Assert.Equal("*2\r\n$4\r\nr3:z\r\n*2\r\n*2\r\n$1\r\nc\r\n,3\r\n*2\r\n$1\r\nb\r\n,2\r\n", Text(m.ReadReply()));
        Assert.Equal("%1\r\n$4\r\nr3:s\r\n*1\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n", Text(x.ReadReply()));
    }

    [Theory, MemberData(nameof(Servers))]
    public void ServedClientsNotifyKeyspaceEventsInRedisOrder(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var z = p.Client();
        using var g = p.Client();
        using var sub = p.Client();
        admin.Call("DEL", "ev:z", "ev:s");
        admin.Call("XGROUP", "CREATE", "ev:s", "grp", "$", "MKSTREAM");
        admin.Call("CONFIG", "SET", "notify-keyspace-events", "Eglz$t");
        try
        {
            sub.Call("SUBSCRIBE", "__keyevent@0__:zadd", "__keyevent@0__:zpopmin", "__keyevent@0__:del",
                "__keyevent@0__:xadd", "__keyevent@0__:xgroup-createconsumer");
            for (int i = 1; i < 5; i++) sub.ReadReply();
            Send(z, "BZPOPMIN", "ev:z", "0");
            Send(g, "XREADGROUP", "GROUP", "grp", "bob", "BLOCK", "0", "STREAMS", "ev:s", ">");
            WaitBlocked(admin, 2);
            admin.Call("ZADD", "ev:z", "1", "a");
            admin.Call("XADD", "ev:s", "1-1", "f", "v");
            z.ReadReply();
            g.ReadReply();
            foreach (var evt in new[] { "zadd", "zpopmin", "del", "xadd", "xgroup-createconsumer" })
                Assert.Contains($"__keyevent@0__:{evt}\r\n", Text(sub.ReadReply()));
        }
        finally { admin.Call("CONFIG", "SET", "notify-keyspace-events", ""); }
    }
}
