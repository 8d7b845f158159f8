using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Differential.KeyDiffHelpers;

namespace RedisNet.Tests.Differential;

/// <summary>
/// Generic key commands against redis-server 7.0. Data is made with DEBUG POPULATE (keys "p:N",
/// values "value:N") and RENAME, so these tests need only this branch's commands.
/// </summary>
public class KeyDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    [Fact]
    public void DelUnlinkExistsTouchType()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE 5 k
            EXISTS k:0
            EXISTS k:0 k:0 k:1 nokey
            EXISTS nokey
            TYPE k:0
            TYPE nokey
            TOUCH k:0 k:1 nokey k:1
            DEL k:0 k:0 nokey
            DEL k:0
            EXISTS k:0
            UNLINK k:1 k:2 nokey
            DBSIZE
            DEL
            UNLINK
            EXISTS
            TYPE
            TYPE a b
            TOUCH
            """);
    }

    [Fact]
    public void RenameAndRenameNx()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE 3 k
            RENAME k:0 a
            EXISTS k:0 a
            RENAME nokey b
            RENAMENX nokey b
            RENAME a a
            RENAMENX a a
            RENAMENX a k:1
            RENAMENX a fresh
            RENAME fresh k:2
            DEBUG DIGEST-VALUE k:2 fresh
            PEXPIREAT k:2 4102444800000
            RENAME k:2 withttl
            PEXPIRETIME withttl
            PEXPIRETIME k:2
            RENAME a
            RENAMENX a b c
            RENAME "" x
            """);
    }

    [Fact]
    public void SelectMoveSwapDbAndDbSize()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE 4 k
            SELECT 1
            DBSIZE
            DEBUG POPULATE 2 j
            SELECT 0
            MOVE k:0 1
            MOVE k:0 1
            MOVE k:1 0
            MOVE nokey 1
            MOVE k:1 16
            MOVE k:1 -1
            MOVE k:1 x
            MOVE k:1 99999999999
            SELECT 1
            DBSIZE
            EXISTS k:0
            SELECT 0
            DBSIZE
            SWAPDB 0 1
            DBSIZE
            EXISTS j:0 k:0
            SWAPDB 0 0
            SWAPDB 0 16
            SWAPDB x 1
            SWAPDB 1 y
            SWAPDB 99999999999 1
            SWAPDB -1 1
            SELECT 15
            SELECT 16
            SELECT -1
            SELECT x
            SELECT 1.5
            SELECT 99999999999
            SELECT
            SWAPDB 1
            MOVE k
            DBSIZE x
            """);
    }

    [Fact]
    public void MoveKeepsTtlAndRespectsTarget()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE 2 k
            PEXPIREAT k:0 4102444800000
            MOVE k:0 3
            SELECT 3
            PEXPIRETIME k:0
            DEBUG POPULATE 2 k
            SELECT 0
            MOVE k:1 3
            EXISTS k:1
            DEBUG DIGEST
            """);
    }

    [Fact]
    public void Copy()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE 3 k 30
            COPY k:0 c
            DEBUG DIGEST-VALUE k:0 c
            COPY k:0 c
            COPY k:0 c REPLACE
            COPY k:0 k:1
            COPY k:0 k:1 replace
            COPY nokey c
            COPY k:0 k:0
            COPY k:0 k:0 DB 0
            COPY k:0 k:0 DB 2
            COPY k:0 c DB 16
            COPY k:0 c DB -1
            COPY k:0 c DB x
            COPY k:0 c DB 99999999999
            COPY k:0 c DB
            COPY k:0 c foo
            COPY k:0 c REPLACE DB 2 REPLACE
            PEXPIREAT k:2 4102444800000
            COPY k:2 ttl
            PEXPIRETIME ttl
            SELECT 2
            DBSIZE
            DEBUG DIGEST-VALUE c k:0
            SELECT 0
            DEBUG DIGEST
            COPY k:0
            """);
    }

    [Fact]
    public void FlushDbAndFlushAll()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE 3 k
            SELECT 1
            DEBUG POPULATE 3 k
            FLUSHDB
            DBSIZE
            SELECT 0
            DBSIZE
            FLUSHDB ASYNC
            FLUSHDB sync
            FLUSHDB foo
            FLUSHDB sync async
            DEBUG POPULATE 3 k
            SELECT 2
            DEBUG POPULATE 3 k
            FLUSHALL SYNC
            DBSIZE
            SELECT 0
            DBSIZE
            FLUSHALL async
            FLUSHALL bar
            FLUSHALL a b
            DEBUG DIGEST
            """);
    }

    [Fact]
    public void RandomKey()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            RANDOMKEY
            DEBUG POPULATE 1 only
            RANDOMKEY
            RANDOMKEY x
            """);
        s.Same("DEBUG", "POPULATE", "20", "k");
        var (redis, net) = s.Both("RANDOMKEY");
        Assert.StartsWith("$", System.Text.Encoding.ASCII.GetString(net));
        Assert.StartsWith("$", System.Text.Encoding.ASCII.GetString(redis));
    }

    [Fact]
    public void KeysWithPatterns()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            KEYS *
            DEBUG POPULATE 12 user
            DEBUG POPULATE 3 USER
            DEBUG POPULATE 2 h[x]
            DEBUG POPULATE 2 a*b
            KEYS
            KEYS a b
            """);
        foreach (var pattern in new[] { "*", "user:1*", "user:?", "USER:*", "user:[0-2]", "user:[^0-2]", "user:[2-0]", "*:1?",
                     "h\\[x\\]:*", "h[[]x]:1", "a\\*b:*", "a*b:*", "*[", "user:[0-9", "user:\\", "nomatch*", "[a-z]*:1", "*1", "****" })
            SameSet(s, "KEYS", pattern);
    }

    [Fact]
    public void ScanCursorAndOptionErrors()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE 3 k
            SCAN x
            SCAN " 1"
            SCAN 1x
            SCAN 18446744073709551616
            SCAN -18446744073709551616
            SCAN 0x10
            SCAN -
            SCAN +
            SCAN 0 COUNT 0
            SCAN 0 COUNT -1
            SCAN 0 COUNT x
            SCAN 0 COUNT
            SCAN 0 MATCH
            SCAN 0 TYPE
            SCAN 0 foo bar
            SCAN 0 MATCH * COUNT
            SCAN
            """);
    }

    [Fact]
    public void ScanReturnsEveryKey()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        s.Same("DEBUG", "POPULATE", "300", "k");
        s.Same("DEBUG", "POPULATE", "50", "other");
        Assert.Equal(FullScan(s.Redis), FullScan(s.Net));
        Assert.Equal(350, FullScan(s.Net).Count);
        Assert.Equal(FullScan(s.Redis, "MATCH", "other:*"), FullScan(s.Net, "MATCH", "other:*"));
        Assert.Equal(FullScan(s.Redis, "COUNT", "1000", "MATCH", "k:1?"), FullScan(s.Net, "COUNT", "1000", "MATCH", "k:1?"));
        Assert.Equal(FullScan(s.Redis, "TYPE", "string", "COUNT", "7"), FullScan(s.Net, "TYPE", "string", "COUNT", "7"));
        Assert.Equal(FullScan(s.Redis, "TYPE", "STRING"), FullScan(s.Net, "TYPE", "STRING"));
        Assert.Empty(FullScan(s.Net, "TYPE", "list"));
        Assert.Equal(FullScan(s.Redis, "TYPE", "nosuchtype"), FullScan(s.Net, "TYPE", "nosuchtype"));
    }

    [Fact]
    public void ScanSmallDatabaseInOneCall()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            SCAN 0
            SCAN 0 MATCH * COUNT 5 TYPE string
            """);
        s.Same("DEBUG", "POPULATE", "3", "k");
        foreach (var cursor in new[] { "0", "", "+0", "-0" })
        {
            var (redis, net) = s.Both("SCAN", cursor, "COUNT", "100");
            Assert.Equal(BulkStrings(redis)[0], BulkStrings(net)[0]);
            Assert.Equal(BulkStrings(redis).Skip(1).Order(), BulkStrings(net).Skip(1).Order());
        }
        // "-1" wraps to the last bucket (whose keys depend on the hash function): only the next cursor is comparable.
        var (r1, n1) = s.Both("SCAN", "-1");
        Assert.Equal(BulkStrings(r1)[0], BulkStrings(n1)[0]);
    }
}
