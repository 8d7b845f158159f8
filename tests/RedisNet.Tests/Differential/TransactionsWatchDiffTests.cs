using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// WATCH with two connections on each server: what breaks a watch (writes by anyone, expiry,
/// flushes, SWAPDB, RENAME/MOVE/COPY onto the key) and what does not (reads, failed writes, other dbs).
/// </summary>
public class TransactionsWatchDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    /// <summary>A transaction that only tells whether the watch still holds: [PONG] or a null array.</summary>
    private const string TryExec = "MULTI\nPING\nEXEC";

    /// <summary>WATCH in session a, run <paramref name="between"/> in session b, then MULTI/PING/EXEC in a.</summary>
    private void Check(string setup, string between, string keys = "w:k")
    {
        using var a = servers.Session();
        using var b = servers.Session();
        a.Script("FLUSHALL\n" + setup);
        a.Script("WATCH " + keys);
        b.Script(between);
        a.Script(TryExec);
    }

    [Fact]
    public void WriteByAnotherClientBreaksTheWatch()
    {
        Check("SET w:k 1", "SET w:k 2");
        Check("SET w:k 1", "SET w:k 1");          // same value still counts
        Check("", "SET w:k 1");                     // created
        Check("", "SET w:k 1\nDEL w:k");            // created and deleted again
        Check("SET w:k 1", "DEL w:k");
        Check("SET w:k 1", "APPEND w:k x");
        Check("SET w:k 1", "INCR w:k");
        Check("SET w:k 1", "EXPIRE w:k 100");
        Check("SET w:k 1 EX 100", "PERSIST w:k");
        Check("SET w:other 1", "SET w:unrelated 1\nSET w:k 2", "w:other w:k");
    }

    [Fact]
    public void ReadsFailedWritesAndOtherDatabasesDoNotBreakIt()
    {
        Check("SET w:k 1", "GET w:k\nEXISTS w:k\nTTL w:k\nSTRLEN w:k");
        Check("SET w:k 1", "INCR w:k\nEXPIRE w:k 100 XX\nSETNX w:k 9");
        Check("", "DEL w:k\nPERSIST w:k");
        Check("", "SELECT 1\nSET w:k 1\nFLUSHDB\nSELECT 0");
        Check("SET w:k 1", "SELECT 1\nFLUSHDB\nSET w:k 2\nSELECT 0");
        Check("", "FLUSHALL\nFLUSHDB");             // the key did not exist
    }

    [Fact]
    public void FlushSwapRenameMoveAndCopyBreakIt()
    {
        Check("SET w:k 1", "FLUSHALL");
        Check("SET w:k 1", "FLUSHDB");
        Check("SET w:k 1", "SWAPDB 0 1");
        Check("", "SELECT 1\nSET w:k 1\nSELECT 0\nSWAPDB 0 1");
        Check("", "SWAPDB 0 1");
        Check("", "SELECT 2\nSWAPDB 2 3");
        Check("SET w:src 1", "RENAME w:src w:k");
        Check("SET w:k 1", "RENAME w:k w:dst");
        Check("SET w:src 1", "RENAMENX w:src w:k");
        Check("SET w:k 1", "MOVE w:k 1");
        Check("SET w:src 1", "COPY w:src w:k");
        Check("SET w:src 1\nSET w:k 2", "COPY w:src w:k");   // refused: no change
    }

    [Fact]
    public void QueuingErrorWinsOverBrokenWatch()
    {
        using var a = servers.Session();
        using var b = servers.Session();
        a.Script("WATCH w:q");
        b.Script("SET w:q 1");
        a.Script("""
            MULTI
            NOSUCH
            EXEC
            EXEC
            """);
    }

    [Fact]
    public void WatchInAnotherDatabaseIsSeparate()
    {
        using var a = servers.Session();
        using var b = servers.Session();
        a.Script("""
            FLUSHALL
            SELECT 1
            WATCH w:k
            SELECT 0
            """);
        b.Script("SET w:k 1");
        a.Script(TryExec);
        a.Script("""
            SELECT 1
            WATCH w:k
            SELECT 0
            """);
        b.Script("SWAPDB 0 1");
        a.Script(TryExec);
    }

    [Fact]
    public void UnwatchDiscardExecAndResetForgetWatches()
    {
        using var a = servers.Session();
        using var b = servers.Session();
        a.Script("""
            SET w:u 1
            WATCH w:u
            UNWATCH
            """);
        b.Script("SET w:u 2");
        a.Script(TryExec);
        a.Script("""
            WATCH w:u
            MULTI
            DISCARD
            """);
        b.Script("SET w:u 3");
        a.Script(TryExec);
        a.Script("""
            WATCH w:u
            MULTI
            EXEC
            """);
        b.Script("SET w:u 4");
        a.Script(TryExec);
        a.Script("""
            WATCH w:u
            """);
        a.Both("RESET");
        b.Script("SET w:u 5");
        a.Script(TryExec);
        a.Script("""
            # a client's own writes before MULTI break its watch too
            WATCH w:u
            SET w:u 6
            MULTI
            GET w:u
            EXEC
            # UNWATCH also clears a broken watch
            WATCH w:u
            SET w:u 7
            UNWATCH
            MULTI
            GET w:u
            EXEC
            """);
    }

    [Fact]
    public void ExpiryAfterWatchBreaksIt()
    {
        using var a = servers.Session();
        using var b = servers.Session();
        // Expired while nobody looked (caught at EXEC time), or deleted by the active cycle.
        a.Script("""
            FLUSHALL
            SET w:e v PX 20
            WATCH w:e
            DEBUG SLEEP 0.1
            """);
        a.Script(TryExec);
        // PEXPIRE itself is a write: watch after it, then let the key expire.
        a.Script("""
            SET w:e v
            PEXPIRE w:e 20
            WATCH w:e
            DEBUG SLEEP 0.1
            """);
        a.Script(TryExec);
        // Expired and then deleted by another client's read.
        a.Script("""
            DEBUG SET-ACTIVE-EXPIRE 0
            SET w:e v
            WATCH w:e
            PEXPIRE w:e 20
            DEBUG SLEEP 0.1
            """);
        b.Script("GET w:e");
        a.Script(TryExec);
        a.Script("""
            DEBUG SET-ACTIVE-EXPIRE 1
            """);
    }

    [Fact]
    public void KeysAlreadyExpiredAtWatchTime()
    {
        using var a = servers.Session();
        using var b = servers.Session();
        a.Script("DEBUG SET-ACTIVE-EXPIRE 0");
        foreach (var between in new[] { "", "GET w:s", "DEL w:s", "FLUSHALL", "SET w:s new", "SWAPDB 0 1", "EXISTS w:s\nSET w:s new" })
        {
            a.Script("""
                FLUSHALL
                SET w:s old PX 1
                DEBUG SLEEP 0.02
                WATCH w:s
                """);
            b.Script(between);
            a.Script(TryExec);
        }
        a.Script("DEBUG SET-ACTIVE-EXPIRE 1");
    }

    /// <summary>Keys do not expire half-way through a transaction (Redis checks expiry against the EXEC's start time).</summary>
    [Fact]
    public void KeysDoNotExpireDuringExec()
    {
        using var s = servers.Session();
        s.Script("""
            DEL w:t
            MULTI
            SET w:t v PX 50
            DEBUG SLEEP 0.1
            GET w:t
            EXEC
            GET w:t
            """);
    }
}
