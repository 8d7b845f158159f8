using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>Client-side caching: CLIENT TRACKING options and errors, and the invalidations each client receives.</summary>
public class TrackingDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void OptionErrors()
    {
        using var c = new ConnPair(servers);
        c.Script("""
            CLIENT TRACKING on REDIRECT 999999
            CLIENT TRACKING on REDIRECT x
            CLIENT TRACKING on OPTIN OPTOUT
            CLIENT TRACKING on PREFIX a
            CLIENT TRACKING foo
            CLIENT TRACKING on foo
            CLIENT TRACKING on PREFIX
            CLIENT TRACKING
            CLIENT CACHING yes
            CLIENT TRACKING on
            CLIENT TRACKING on BCAST
            CLIENT CACHING yes
            CLIENT CACHING no
            CLIENT TRACKING off
            CLIENT TRACKING on OPTIN
            CLIENT CACHING no
            CLIENT CACHING maybe
            CLIENT TRACKING on OPTOUT
            CLIENT TRACKING off
            CLIENT TRACKING on OPTOUT
            CLIENT TRACKING on OPTIN
            CLIENT TRACKING off
            CLIENT TRACKING on BCAST OPTIN
            CLIENT TRACKING on BCAST PREFIX a PREFIX ab
            CLIENT TRACKING on BCAST PREFIX ab PREFIX a
            CLIENT TRACKINGINFO
            CLIENT TRACKING off
            CLIENT TRACKING on BCAST PREFIX x PREFIX ab PREFIX a
            CLIENT TRACKINGINFO
            CLIENT TRACKING on BCAST PREFIX xy
            CLIENT TRACKING on BCAST PREFIX q
            CLIENT TRACKING on
            CLIENT TRACKINGINFO
            CLIENT GETREDIR
            CLIENT TRACKING off
            CLIENT TRACKINGINFO
            CLIENT GETREDIR
            CLIENT TRACKING on BCAST
            CLIENT TRACKINGINFO
            CLIENT TRACKING on BCAST PREFIX a
            CLIENT TRACKING off
            """);
    }

    [Fact]
    public void TrackingInfoFlags()
    {
        using var c = new ConnPair(servers);
        c.Script("""
            CLIENT TRACKING on OPTIN NOLOOP
            CLIENT TRACKINGINFO
            CLIENT CACHING yes
            CLIENT TRACKINGINFO
            PING
            CLIENT TRACKINGINFO
            CLIENT TRACKING off
            CLIENT TRACKING on OPTOUT
            CLIENT CACHING no
            CLIENT TRACKINGINFO
            CLIENT TRACKING off
            CLIENT TRACKING on BCAST NOLOOP PREFIX b PREFIX a
            CLIENT TRACKINGINFO
            RESET
            CLIENT TRACKINGINFO
            """);
        c.Both("HELLO", "3");
        c.Script("""
            CLIENT TRACKING on BCAST PREFIX z
            CLIENT TRACKINGINFO
            """);
    }

    [Fact]
    public void Resp3InvalidationOnOtherClientsWrite()
    {
        using var t = new ConnPair(servers);
        using var s = servers.Session();
        s.Same("FLUSHALL");
        t.Both("HELLO", "3");
        t.Script("""
            CLIENT TRACKING on
            GET k1
            MGET k2 k3
            STRLEN k4
            SET k5 v
            """);
        s.Same("SET", "k1", "x");
        s.Same("MSET", "k2", "x", "k3", "y", "k5", "z");
        // The pushes arrive before the reply to the next command.
        t.Same(4, "PING");
        s.Same("SET", "k1", "again"); // no longer tracked: no second invalidation
        s.Same("SET", "k4", "x");
        t.Same(2, "PING");
        var info = s.Both("INFO", "stats");
        foreach (var f in new[] { "tracking_total_keys", "tracking_total_items", "tracking_total_prefixes" })
            Assert.Equal(InfoFields.Field(info.Redis, f, ':'), InfoFields.Field(info.Net, f, ':'));
    }

    [Fact]
    public void BcastGathersAPipelinesKeysIntoOneMessage()
    {
        using var t = new ConnPair(servers);
        using var s = servers.Session();
        s.Same("FLUSHALL");
        t.Both("HELLO", "3");
        t.Same("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "bp");
        // Redis sends BCAST invalidations before sleeping: one message with every key of the pipeline.
        var pipeline = "SET bp1 1\r\nSET bp2 2\r\nSET other 1\r\nSET bp3 3\r\n";
        s.Redis.SendRaw(pipeline);
        s.Net.SendRaw(pipeline);
        for (int i = 0; i < 4; i++) Assert.Equal(s.Redis.ReadReply(), s.Net.ReadReply());
        t.Same(2, "PING");
    }

    [Fact]
    public void OwnWritesInvalidateAfterTheReplyUnlessNoloop()
    {
        using var t = new ConnPair(servers);
        t.Both("HELLO", "3");
        t.Same("FLUSHALL");
        t.Same("CLIENT", "TRACKING", "on");
        t.Same("GET", "own");
        t.Same(2, "SET", "own", "v");
        t.Same("GET", "own");
        t.Same(2, "DEL", "own");
        t.Same("CLIENT", "TRACKING", "on", "NOLOOP");
        t.Same("GET", "own");
        t.Same("SET", "own", "v");
        t.Same("PING");
    }

    [Fact]
    public void Resp2RedirectToSubscriber()
    {
        using var r = new ConnPair(servers);
        using var t = new ConnPair(servers);
        using var s = servers.Session();
        s.Same("FLUSHALL");
        var ids = r.Ids();
        r.Same("SUBSCRIBE", "__redis__:invalidate");
        var ok = (t.Redis.Call("CLIENT", "TRACKING", "on", "REDIRECT", ids.Redis), t.Net.Call("CLIENT", "TRACKING", "on", "REDIRECT", ids.Net));
        Assert.Equal(ok.Item1, ok.Item2);
        Assert.Equal(ids.Net, InfoFields.Field(t.Net.Call("CLIENT", "INFO"), "redir", '='));
        Assert.Equal(ids.Net, System.Text.Encoding.ASCII.GetString(t.Net.Call("CLIENT", "GETREDIR")).Trim(':', '\r', '\n'));
        t.Script("""
            GET a
            GET b
            """);
        s.Same("SET", "a", "1");
        s.Same("SET", "b", "1");
        r.Read(2);
        s.Same("FLUSHDB");
        r.Read(1);
    }

    [Fact]
    public void BroadcastPrefixes()
    {
        using var t = new ConnPair(servers);
        using var s = servers.Session();
        s.Same("FLUSHALL");
        t.Both("HELLO", "3");
        t.Same("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "user:", "PREFIX", "obj:");
        s.Same("SET", "user:1", "x");
        s.Same("SET", "other", "x");
        s.Same("MSET", "obj:2", "x", "obj:1", "y", "user:2", "z");
        s.Same("DEL", "user:1", "user:2");
        t.Same(5, "PING");
        // NOLOOP in BCAST: its own changes are left out.
        t.Same("CLIENT", "TRACKING", "off");
        t.Same("CLIENT", "TRACKING", "on", "BCAST", "NOLOOP");
        t.Same("SET", "mine", "1");
        s.Same("SET", "theirs", "1");
        t.Same(2, "PING");
        var info = s.Both("INFO", "stats");
        Assert.Equal(InfoFields.Field(info.Redis, "tracking_total_prefixes", ':'), InfoFields.Field(info.Net, "tracking_total_prefixes", ':'));
        var list = (s.Redis.Call("CLIENT", "LIST", "TYPE", "normal"), s.Net.Call("CLIENT", "LIST", "TYPE", "normal"));
        Assert.Contains("flags=tB", System.Text.Encoding.ASCII.GetString(list.Item1));
        Assert.Contains("flags=tB", System.Text.Encoding.ASCII.GetString(list.Item2));
    }

    [Fact]
    public void OptInAndOptOut()
    {
        using var t = new ConnPair(servers);
        using var s = servers.Session();
        s.Same("FLUSHALL");
        t.Both("HELLO", "3");
        t.Script("""
            CLIENT TRACKING on OPTIN
            GET notcached
            CLIENT CACHING yes
            GET cached
            GET notcached2
            CLIENT CACHING yes
            CLIENT GETREDIR
            GET cached2
            """);
        s.Same("MSET", "notcached", "1", "cached", "1", "notcached2", "1", "cached2", "1");
        t.Same(3, "PING");
        t.Script("""
            CLIENT TRACKING off
            CLIENT TRACKING on OPTOUT
            GET o1
            CLIENT CACHING no
            GET o2
            GET o3
            """);
        s.Same("MSET", "o1", "1", "o2", "1", "o3", "1");
        t.Same(3, "PING");
    }

    [Fact]
    public void FlushSendsNullInvalidation()
    {
        using var t = new ConnPair(servers);
        using var s = servers.Session();
        t.Both("HELLO", "3");
        t.Same("CLIENT", "TRACKING", "on");
        t.Same("GET", "f");
        s.Same("FLUSHDB");
        t.Same(2, "PING");
        s.Same("FLUSHALL");
        t.Same(2, "PING");
        t.Same(2, "FLUSHALL");
        t.Same("SELECT", "3");
        t.Same(2, "FLUSHDB");
    }

    [Fact]
    public void BrokenRedirect()
    {
        using var t = new ConnPair(servers);
        using var s = servers.Session();
        s.Same("FLUSHALL");
        var r = new ConnPair(servers);
        var ids = r.Ids();
        t.Both("HELLO", "3");
        Assert.Equal(t.Redis.Call("CLIENT", "TRACKING", "on", "REDIRECT", ids.Redis), t.Net.Call("CLIENT", "TRACKING", "on", "REDIRECT", ids.Net));
        t.Same("GET", "br");
        r.Dispose();
        // Wait until both servers have dropped the redirect target.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var (a, b) = s.Both("CLIENT", "LIST");
            if (!System.Text.Encoding.ASCII.GetString(a).Contains($"id={ids.Redis} ") && !System.Text.Encoding.ASCII.GetString(b).Contains($"id={ids.Net} ")) break;
            Thread.Sleep(20);
        }
        s.Same("SET", "br", "1");
        // The push names the redirect id, which differs between servers: compare its shape.
        var pushR = System.Text.Encoding.ASCII.GetString(t.Redis.ReadReply()).Replace(ids.Redis, "ID");
        var pushN = System.Text.Encoding.ASCII.GetString(t.Net.ReadReply()).Replace(ids.Net, "ID");
        Assert.Equal(pushR, pushN);
        Assert.StartsWith(">2\r\n$21\r\ntracking-redir-broken", pushN);
        var infoR = System.Text.Encoding.ASCII.GetString(t.Redis.Call("CLIENT", "TRACKINGINFO")).Replace(ids.Redis, "ID");
        var infoN = System.Text.Encoding.ASCII.GetString(t.Net.Call("CLIENT", "TRACKINGINFO")).Replace(ids.Net, "ID");
        Assert.Equal(infoR, infoN);
        Assert.Equal(InfoFields.Field(t.Redis.Call("CLIENT", "INFO"), "flags", '='), InfoFields.Field(t.Net.Call("CLIENT", "INFO"), "flags", '='));
    }

    [Fact]
    public void TableMaxKeysEvictsAndInvalidates()
    {
        using var t = new ConnPair(servers);
        using var s = servers.Session();
        s.Same("FLUSHALL");
        s.Same("CONFIG", "SET", "tracking-table-max-keys", "1");
        try
        {
            t.Both("HELLO", "3");
            t.Same("CLIENT", "TRACKING", "on");
            t.Same("GET", "m1");
            t.Same("GET", "m2");
            // The next command finds the table over its limit and evicts one key (a random one in Redis).
            var r = System.Text.Encoding.ASCII.GetString(t.Redis.Call("PING"));
            var n = System.Text.Encoding.ASCII.GetString(t.Net.Call("PING"));
            Assert.Matches(@"^>2\r\n\$10\r\ninvalidate\r\n\*1\r\n\$2\r\nm[12]\r\n$", r);
            Assert.Matches(@"^>2\r\n\$10\r\ninvalidate\r\n\*1\r\n\$2\r\nm[12]\r\n$", n);
            t.Same("PING");
            var info = s.Both("INFO", "stats");
            Assert.Equal(InfoFields.Field(info.Redis, "tracking_total_keys", ':'), InfoFields.Field(info.Net, "tracking_total_keys", ':'));
        }
        finally
        {
            s.Same("CONFIG", "SET", "tracking-table-max-keys", "1000000");
        }
    }

    [Fact]
    public void TrackingClientsInInfo()
    {
        using var t = new ConnPair(servers);
        using var s = servers.Session();
        t.Same("CLIENT", "TRACKING", "on", "BCAST");
        var info = s.Both("INFO", "clients");
        Assert.Equal(InfoFields.Field(info.Redis, "tracking_clients", ':'), InfoFields.Field(info.Net, "tracking_clients", ':'));
        t.Same("CLIENT", "TRACKING", "off");
        info = s.Both("INFO", "clients");
        Assert.Equal(InfoFields.Field(info.Redis, "tracking_clients", ':'), InfoFields.Field(info.Net, "tracking_clients", ':'));
    }
}
