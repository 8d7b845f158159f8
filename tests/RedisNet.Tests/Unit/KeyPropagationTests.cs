using RedisNet.Keyspace;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>What key commands send to AOF/replicas, and which lookups count as keyspace hits and misses.</summary>
public class KeyPropagationTests
{
    [Fact]
    public void RelativeExpiresPropagateAsAbsolutePExpireAt()
    {
        var h = new KeyTestHost();
        h.Run("DEBUG", "POPULATE", "3");
        Assert.Empty(h.Propagated); // POPULATE is not propagated
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Equal(":1\r\n", h.Run("EXPIRE", "key:0", "100", "NX"));
        Assert.Equal(":1\r\n", h.Run("PEXPIRE", "key:1", "5000"));
        Assert.Equal(":1\r\n", h.Run("EXPIREAT", "key:2", "4102444800"));
        long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Equal(3, h.Propagated.Count);
        var (_, e) = h.Propagated[0];
        Assert.Equal(["PEXPIREAT", "key:0"], e[..2]);
        Assert.InRange(long.Parse(e[2]), before + 100_000, after + 100_000);
        Assert.Equal("NX", e[3]);
        Assert.InRange(long.Parse(h.Propagated[1].Argv[2]), before + 5000, after + 5000);
        Assert.Equal(["PEXPIREAT", "key:2", "4102444800000"], h.Propagated[2].Argv);
    }

    [Fact]
    public void PExpireAtPropagatesAsIsAndRefusedOnesNotAtAll()
    {
        var h = new KeyTestHost();
        h.Run("DEBUG", "POPULATE", "1");
        h.Run("pexpireat", "key:0", "4102444800000");
        h.Run("EXPIRE", "key:0", "10", "NX");      // refused: has a TTL
        h.Run("EXPIRE", "nokey", "10");            // no key
        var (db, argv) = Assert.Single(h.Propagated);
        Assert.Equal(0, db);
        Assert.Equal(["pexpireat", "key:0", "4102444800000"], argv);
    }

    [Fact]
    public void PastExpireAndLazyExpiryPropagateDel()
    {
        var h = new KeyTestHost();
        h.Run("DEBUG", "POPULATE", "2");
        Assert.Equal(":1\r\n", h.Run("EXPIRE", "key:0", "-1"));
        Assert.Equal(["DEL", "key:0"], h.Propagated.Single().Argv);

        h.Run("PEXPIRE", "key:1", "100000");
        h.Server.Databases[0].FindRaw("key:1"u8)!.ExpireAt = 1; // now logically expired
        h.Propagated.Clear();
        Assert.Equal(":-2\r\n", h.Run("TTL", "key:1"));
        Assert.Equal(["DEL", "key:1"], h.Propagated.Single().Argv);
        Assert.Equal(1, h.Server.Stats.ExpiredKeys);
    }

    [Fact]
    public void FlushIsPropagatedEvenWhenEmpty()
    {
        var h = new KeyTestHost();
        h.Run("FLUSHDB");
        h.Run("SELECT", "3");
        h.Run("FLUSHALL", "ASYNC");
        Assert.Equal([0, 3], h.Propagated.Select(p => p.Db));
        Assert.Equal(["FLUSHDB", "FLUSHALL ASYNC"], h.Propagated.Select(p => string.Join(' ', p.Argv)));
    }

    [Fact]
    public void DirtyCountsFollowRedis()
    {
        var h = new KeyTestHost();
        h.Run("DEBUG", "POPULATE", "5");
        Assert.Equal(0, h.Server.Dirty);
        h.Run("DEL", "key:0", "key:1", "nokey");
        Assert.Equal(2, h.Server.Dirty);
        h.Run("FLUSHDB");
        Assert.Equal(5, h.Server.Dirty);
        h.Run("FLUSHALL");
        Assert.Equal(6, h.Server.Dirty);
    }

    [Fact]
    public void ReadLookupsCountHitsAndMisses()
    {
        var h = new KeyTestHost();
        var stats = h.Server.Stats;
        h.Run("DEBUG", "POPULATE", "2");
        h.Run("EXISTS", "key:0", "nokey", "key:1");
        Assert.Equal((2, 1), (stats.KeyspaceHits, stats.KeyspaceMisses));
        h.Run("TYPE", "key:0");
        h.Run("TTL", "nokey");
        h.Run("OBJECT", "ENCODING", "key:0");
        Assert.Equal((4, 2), (stats.KeyspaceHits, stats.KeyspaceMisses));
        // Writes, KEYS, SCAN, DBSIZE and RANDOMKEY do not count.
        h.Run("EXPIRE", "key:0", "100");
        h.Run("DEL", "nokey");
        h.Run("KEYS", "*");
        h.Run("SCAN", "0");
        h.Run("RANDOMKEY");
        h.Run("RENAME", "key:1", "x");
        Assert.Equal((4, 2), (stats.KeyspaceHits, stats.KeyspaceMisses));
    }

    [Fact]
    public void TouchUpdatesLruButTypeDoesNot()
    {
        var h = new KeyTestHost();
        h.Run("DEBUG", "POPULATE", "1");
        var e = h.Server.Databases[0].FindRaw("key:0"u8)!;
        e.Lru = 5;
        h.Run("TYPE", "key:0");
        h.Run("EXISTS", "key:0");
        h.Run("OBJECT", "IDLETIME", "key:0");
        Assert.Equal(5u, e.Lru);
        h.Run("TOUCH", "key:0");
        Assert.Equal(h.Server.Clock.LruClock, e.Lru);
    }

    [Fact]
    public void DebugRefusedUnlessEnabled()
    {
        var h = new KeyTestHost(c => c.EnableDebugCommand = "no");
        Assert.StartsWith("-ERR DEBUG command not allowed.", h.Run("DEBUG", "HELP"));
        Assert.Equal(1, h.Server.Commands.Find("debug")!.RejectedCalls);
        // A fake client (scripts, AOF loading) counts as local.
        var local = new KeyTestHost(c => c.EnableDebugCommand = "local");
        Assert.Equal("+OK\r\n", local.Run("DEBUG", "SLEEP", "0"));
    }

    [Fact]
    public void DebugRefusalPrecedesAuthentication()
    {
        // As redis-server with requirepass (checked by hand: the harness cannot start it): arity, then protection, then NOAUTH.
        var h = new KeyTestHost(c => { c.EnableDebugCommand = "no"; c.RequirePass = "pw"; });
        Assert.StartsWith("-ERR DEBUG command not allowed.", h.Run("DEBUG", "HELP"));
        Assert.Equal("-ERR wrong number of arguments for 'debug' command\r\n", h.Run("DEBUG"));
        Assert.Equal("-NOAUTH Authentication required.\r\n", h.Run("DBSIZE"));
    }

    [Fact]
    public void CopyOfAMutableStringIsIndependent()
    {
        var h = new KeyTestHost();
        var db = h.Server.Databases[0];
        db.Add("m"u8, new MutableString("abc"u8, 8));
        Assert.Equal(":1\r\n", h.Run("COPY", "m", "c"));
        var copy = (MutableString)db.FindRaw("c"u8)!.Value;
        ((MutableString)db.FindRaw("m"u8)!.Value).Span[0] = (byte)'z';
        Assert.Equal("abc"u8.ToArray(), copy.Span.ToArray());
        Assert.Equal("$3\r\nraw\r\n", h.Run("OBJECT", "ENCODING", "c"));
        Assert.Equal("+string\r\n", h.Run("TYPE", "c"));
    }
}
