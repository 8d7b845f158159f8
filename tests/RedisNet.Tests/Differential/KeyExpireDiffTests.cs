using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Differential.KeyDiffHelpers;

namespace RedisNet.Tests.Differential;

/// <summary>EXPIRE family, TTL family and PERSIST against redis-server 7.0 (time-dependent replies compared loosely).</summary>
public class KeyExpireDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    [Fact]
    public void ExpireOptionsAndErrors()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE 3 k
            EXPIRE k:0 100 foo
            EXPIRE k:0 100 nx xx
            EXPIRE k:0 100 NX GT
            EXPIRE k:0 100 nx lt
            EXPIRE k:0 100 gt lt
            EXPIRE k:0 x nx xx
            EXPIRE k:0 x
            EXPIRE k:0 1.5
            EXPIRE k:0 ""
            EXPIRE k:0 9999999999999999
            EXPIRE k:0 -9999999999999999
            PEXPIRE k:0 9223372036854775807
            EXPIREAT k:0 9999999999999999
            PEXPIREAT k:0 x
            EXPIRE k:0
            PEXPIRE k:0
            EXPIREAT
            PEXPIREAT k:0
            EXPIRE nokey 100
            EXPIRE nokey 100 nx
            EXPIRE k:0 100 "x\x00y"
            TTL k:0
            """);
    }

    [Fact]
    public void ConditionalExpiry()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE 3 k
            EXPIRE k:0 100 XX
            EXPIRE k:0 100 GT
            EXPIRE k:0 100 LT
            TTL k:0
            EXPIRE k:0 200 NX
            EXPIRE k:0 300 NX
            TTL k:0
            EXPIRE k:0 50 GT
            EXPIRE k:0 300 GT
            TTL k:0
            EXPIRE k:0 400 LT
            EXPIRE k:0 50 lt
            TTL k:0
            EXPIRE k:0 60 xx gt
            EXPIRE k:0 10 xx gt
            TTL k:0
            PERSIST k:0
            PERSIST k:0
            PERSIST nokey
            TTL k:0
            PEXPIRE k:1 100000 NX
            PTTL nokey
            PTTL k:2
            PERSIST
            TTL
            PTTL a b
            """);
    }

    [Fact]
    public void AbsoluteTimesAreExact()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE 2 k
            EXPIREAT k:0 4102444800
            EXPIRETIME k:0
            PEXPIRETIME k:0
            PEXPIREAT k:1 4102444800123
            EXPIRETIME k:1
            PEXPIRETIME k:1
            PEXPIREAT k:1 4102444800499
            EXPIRETIME k:1
            PEXPIREAT k:1 4102444800500
            EXPIRETIME k:1
            EXPIRETIME nokey
            PEXPIRETIME nokey
            PERSIST k:1
            EXPIRETIME k:1
            PEXPIRETIME k:1
            EXPIREAT k:0 4102444801 GT
            EXPIREAT k:0 4102444700 GT
            EXPIRETIME k:0
            DEBUG DIGEST
            DEBUG DIGEST-VALUE k:0 k:1
            """);
    }

    [Fact]
    public void PastTimesDeleteTheKey()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE 6 k
            EXPIRE k:0 0
            EXISTS k:0
            EXPIRE k:1 -10
            PEXPIRE k:2 -1
            EXPIREAT k:3 1
            PEXPIREAT k:4 1000
            EXPIREAT k:5 100 LT
            DBSIZE
            TTL k:1
            """);
    }

    [Fact]
    public void RelativeTtlsAgreeLoosely()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE 3 k
            EXPIRE k:0 100
            PEXPIRE k:1 100000
            """);
        Close(s, 1, "TTL", "k:0");
        Close(s, 2000, "PTTL", "k:0");
        Close(s, 2000, "PTTL", "k:1");
        var (redisAt, netAt) = Close(s, 5000, "PEXPIRETIME", "k:1");
        Assert.True(netAt > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Close(s, 5, "EXPIRETIME", "k:0");
    }

    [Fact]
    public void ExpiredKeysVanishOnAccess()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG SET-ACTIVE-EXPIRE 0
            DEBUG POPULATE 8 k
            PEXPIRE k:0 1
            PEXPIRE k:1 1
            PEXPIRE k:2 1
            PEXPIRE k:3 1
            PEXPIRE k:4 1
            PEXPIRE k:5 1
            """);
        Thread.Sleep(20);
        s.Script("""
            DBSIZE
            EXISTS k:0
            TTL k:1
            TYPE k:2
            DEL k:3
            RENAME k:4 x
            KEYS k:5
            DEBUG DIGEST-VALUE k:5
            DBSIZE
            DEBUG SET-ACTIVE-EXPIRE 1
            """);
        SameSet(s, "KEYS", "*");
    }
}

/// <summary>How the key commands treat keys that are logically expired but not yet reclaimed.</summary>
public class KeyLazyExpiryDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    [Fact]
    public void CommandsSeeExpiredKeysAsMissing()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG SET-ACTIVE-EXPIRE 0
            DEBUG POPULATE 12 k
            SELECT 1
            DEBUG POPULATE 2 k
            PEXPIRE k:1 1
            SELECT 0
            PEXPIRE k:0 1
            PEXPIRE k:1 1
            PEXPIRE k:2 1
            PEXPIRE k:3 1
            PEXPIRE k:4 1
            PEXPIRE k:5 1
            PEXPIRE k:6 1
            PEXPIRE k:7 1
            PEXPIRE k:8 1
            PEXPIRE k:9 1
            """);
        Thread.Sleep(20);
        s.Script("""
            DEBUG DIGEST
            RENAME k:0 x
            RENAMENX k:1 x
            RENAME k:10 k:2
            EXISTS k:2 k:10
            COPY k:3 c
            COPY k:11 k:3
            MOVE k:4 1
            MOVE k:11 1
            SELECT 1
            EXISTS k:11 k:1
            SELECT 0
            PERSIST k:5
            EXPIRE k:6 100
            TOUCH k:7
            OBJECT ENCODING k:8
            PTTL k:9
            PEXPIRETIME k:9
            DBSIZE
            DEBUG DIGEST
            DEBUG SET-ACTIVE-EXPIRE 1
            """);
        Assert.Equal(FullScan(s.Redis), FullScan(s.Net));
        s.Same("DBSIZE");
    }

    [Fact]
    public void ScanTypeAndMatchSkipExpiredKeys()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG SET-ACTIVE-EXPIRE 0
            DEBUG POPULATE 6 k
            PEXPIRE k:0 1
            PEXPIRE k:1 1
            PEXPIRE k:2 1
            """);
        Thread.Sleep(20);
        SameSet(s, "KEYS", "*");
        Assert.Equal(FullScan(s.Redis, "MATCH", "k:[0-3]"), FullScan(s.Net, "MATCH", "k:[0-3]"));
        Assert.Equal(FullScan(s.Redis, "TYPE", "string"), FullScan(s.Net, "TYPE", "string"));
        s.Script("""
            DBSIZE
            DEBUG SET-ACTIVE-EXPIRE 1
            """);
    }

    [Fact]
    public void BinaryKeys()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE 1 bin
            RENAME bin:0 "\x00\xff\r\n*?["
            EXISTS "\x00\xff\r\n*?["
            TYPE "\x00\xff\r\n*?["
            KEYS "\x00\xff\r\n\\*\\?\\["
            KEYS "\x00*"
            COPY "\x00\xff\r\n*?[" ""
            EXISTS ""
            RENAME "" " "
            DEBUG DIGEST-VALUE " " "\x00\xff\r\n*?["
            DEBUG DIGEST
            DEL " " "\x00\xff\r\n*?["
            DBSIZE
            """);
    }

    [Fact]
    public void ClientPauseKeepsExpiredKeysUntilItEnds()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG SET-ACTIVE-EXPIRE 1
            SET k v PX 50
            CLIENT PAUSE 60000 WRITE
            """);
        Thread.Sleep(300); // past the TTL and a few active-expire ticks
        // Reads say the key is gone, but it stays stored while the pause holds the dataset constant.
        s.Script("""
            GET k
            EXISTS k
            DBSIZE
            CLIENT UNPAUSE
            GET k
            DBSIZE
            """);
    }
}
