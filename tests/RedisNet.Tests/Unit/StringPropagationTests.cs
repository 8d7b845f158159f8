using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>
/// What string commands send to the AOF and replicas, as redis-server 7.0.15 writes them to its
/// AOF: relative expiries become absolute, GET options are dropped, INCRBYFLOAT becomes a SET.
/// </summary>
public class StringPropagationTests
{
    private static (StringTestHost Host, long Now) Host()
    {
        var h = new StringTestHost();
        return (h, h.Server.Clock.NowMs);
    }

    private static long PxAtOf(string propagated) => long.Parse(propagated[(propagated.LastIndexOf(' ') + 1)..]);

    [Theory]
    [InlineData("EX", "100", 100_000)]
    [InlineData("PX", "100000", 100_000)]
    [InlineData("ex", "5", 5_000)]
    public void RelativeSetExpiryBecomesPxAt(string option, string amount, long ms)
    {
        var (h, now) = Host();
        h.Call("SET", "k", "v", option, amount);
        var p = Assert.Single(h.Propagated);
        Assert.StartsWith("SET k v PXAT ", p);
        Assert.InRange(PxAtOf(p), now + ms, now + ms + 1000);
        Assert.Equal(h.Entry("k")!.ExpireAt, PxAtOf(p));
    }

    [Fact]
    public void AbsoluteAndOtherSetForms()
    {
        var (h, now) = Host();
        h.Call("SET", "a", "1", "EXAT", "9999999999");
        h.Call("SET", "b", "1", "pxat", "9999999999000", "GET");
        h.Call("set", "c", "1", "keepttl");
        h.Call("set", "d", "1", "nx", "get");
        h.Call("set", "e", "1", "GET", "xx", "get");   // XX on a missing key: nothing changes
        h.Call("set", "a", "2", "GET", "xx", "Get");
        h.Call("SET", "a", "1", "NX");                 // aborted: nothing propagated
        h.Call("SETEX", "g", "100", "v");
        h.Call("PSETEX", "h", "100000", "v");
        h.Call("setnx", "m", "1");
        h.Call("setnx", "m", "2");
        Assert.Equal(
        [
            "SET a 1 PXAT 9999999999000",
            "SET b 1 PXAT 9999999999000",
            "set c 1 keepttl",
            "set d 1 nx",
            "set a 2 xx",
            $"SET g v PXAT {PxAtOf(h.Propagated[5])}",
            $"SET h v PXAT {PxAtOf(h.Propagated[6])}",
            "setnx m 1",
        ], h.Propagated);
        Assert.InRange(PxAtOf(h.Propagated[5]), now + 100_000, now + 101_000);
        Assert.InRange(PxAtOf(h.Propagated[6]), now + 100_000, now + 101_000);
    }

    [Fact]
    public void GetExForms()
    {
        var (h, now) = Host();
        h.Call("SET", "a", "v");
        h.Propagated.Clear();
        h.Call("GETEX", "a");
        h.Call("GETEX", "a", "PERSIST");              // no TTL to remove: nothing
        h.Call("GETEX", "a", "EX", "50");
        h.Call("GETEX", "a", "PXAT", "99999999999999");
        h.Call("GETEX", "a", "EXAT", "99999999999");
        h.Call("GETEX", "a", "persist");
        h.Call("GETEX", "a", "EXAT", "1");            // in the past: deleted
        h.Call("GETEX", "nokey", "EX", "10");
        Assert.Equal(5, h.Propagated.Count);
        Assert.StartsWith("PEXPIREAT a ", h.Propagated[0]);
        Assert.InRange(PxAtOf(h.Propagated[0]), now + 50_000, now + 51_000);
        Assert.Equal("GETEX a PXAT 99999999999999", h.Propagated[1]);
        Assert.Equal("PEXPIREAT a 99999999999000", h.Propagated[2]);
        Assert.Equal("PERSIST a", h.Propagated[3]);
        Assert.Equal("DEL a", h.Propagated[4]);
        Assert.Null(h.Entry("a"));
    }

    [Fact]
    public void RewrittenReadWriteCommands()
    {
        var (h, _) = Host();
        h.Call("SET", "i", "1.5");
        h.Call("incrbyfloat", "i", "0.1");
        h.Call("getset", "j", "v");
        h.Call("getdel", "j");
        h.Call("getdel", "j");
        h.Call("incr", "s");
        h.Call("incrby", "s", "5");
        h.Call("decrby", "s", "2");
        h.Call("append", "r", "x");
        h.Call("setrange", "r", "3", "y");
        h.Call("setrange", "r", "3", "");
        h.Call("mset", "n", "1", "o", "2");
        h.Call("msetnx", "p", "1", "q", "1");
        h.Call("msetnx", "p", "1", "z", "1");
        h.Call("get", "n");
        h.Call("mget", "n", "o");
        h.Call("lcs", "n", "o");
        Assert.Equal(
        [
            "SET i 1.5",
            "SET i 1.6 KEEPTTL",
            "SET j v",
            "DEL j",
            "incr s",
            "incrby s 5",
            "decrby s 2",
            "append r x",
            "setrange r 3 y",
            "mset n 1 o 2",
            "msetnx p 1 q 1",
        ], h.Propagated);
    }

    [Fact]
    public void LazilyExpiredKeysPropagateDel()
    {
        var (h, _) = Host();
        h.Call("SET", "k", "v", "PXAT", "1");
        h.Propagated.Clear();
        Assert.Equal("$-1\r\n", h.Call("GET", "k"));
        Assert.Equal(["DEL k"], h.Propagated);
    }

    [Fact]
    public void NothingIsBuiltWithoutSinks()
    {
        var h = new StringTestHost(propagate: false);
        h.Call("SET", "k", "v", "EX", "10");
        h.Call("INCRBYFLOAT", "f", "1");
        Assert.Null(h.Client.Context.PropagateOverride);
    }
}
