using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Persistence.RdbTestKit;

namespace RedisNet.Tests.Persistence;

/// <summary>Both servers with DEBUG on and no save points, each in its own directory.</summary>
public sealed class PersistenceDiffServers : DiffServers
{
    public PersistenceDiffServers() : base(new[] { "--enable-debug-command", "yes", "--save", "" }) { }
}

/// <summary>SAVE, BGSAVE, LASTSAVE, DEBUG RELOAD and FLUSHALL replies compared byte for byte with redis-server 7.0.</summary>
public class RdbSaveDiffTests(PersistenceDiffServers servers) : IClassFixture<PersistenceDiffServers>
{
    private static void WaitBoth(DiffSession s)
    {
        WaitBgsaveDone(s.Redis);
        WaitBgsaveDone(s.Net);
    }

    [Fact]
    public void SaveAndBgsaveRepliesAndErrors()
    {
        using var s = servers.Session();
        WaitBoth(s);
        s.Script("""
            SET k v
            SAVE
            SAVE extra
            BGSAVE schedule extra
            BGSAVE foo
            LASTSAVE extra
            COMMAND INFO save bgsave lastsave
            MULTI
            SAVE
            EXEC
            """);
        s.Same("BGSAVE");
        WaitBoth(s);
        s.Same("BGSAVE", "SCHEDULE");
        WaitBoth(s);
        // Inside a transaction BGSAVE is only scheduled; the cron starts it right after.
        s.Script("""
            MULTI
            BGSAVE
            EXEC
            """);
        WaitFor(() => Info(s.Net, "rdb_saves") == Info(s.Redis, "rdb_saves"), "the scheduled save");
        WaitBoth(s);
        Assert.Equal("ok", Info(s.Net, "rdb_last_bgsave_status"));
    }

    [Fact]
    public void LastsaveMovesWithEachSave()
    {
        using var s = servers.Session();
        WaitBoth(s);
        long before = long.Parse(s.Net.CallString("LASTSAVE")[1..].Trim());
        Thread.Sleep(1100);
        s.Same("SAVE");
        long after = long.Parse(s.Net.CallString("LASTSAVE")[1..].Trim());
        Assert.True(after > before, $"{before} -> {after}");
        Assert.Equal(after.ToString(), Info(s.Net, "rdb_last_save_time"));
        s.Net.Call("SET", "x", "1");
        Assert.Equal("1", Info(s.Net, "rdb_changes_since_last_save"));
    }

    [Fact]
    public void DebugReloadKeepsTheDatasetAndMergeNoflushLetsTheFileWin()
    {
        using var s = servers.Session();
        WaitBoth(s);
        s.Script("""
            SELECT 3
            FLUSHALL
            SET a 1
            SET b 2 PXAT 4102444800000
            DEBUG RELOAD
            GET a
            PEXPIRETIME b
            DEBUG RELOAD BADOPTION
            SET a changed
            SET c 3
            DEBUG RELOAD MERGE NOFLUSH NOSAVE
            GET a
            GET c
            DEBUG RELOAD NOSAVE
            GET c
            DBSIZE
            DEBUG SET-SKIP-CHECKSUM-VALIDATION 1
            DEBUG RELOAD
            DEBUG SET-SKIP-CHECKSUM-VALIDATION 0
            DEBUG DIGEST
            SELECT 0
            """);
        WaitFor(() => LogMessages(servers.RedisNet.Output).Contains("# DB reloaded by DEBUG RELOAD"), "the DEBUG RELOAD log line");
    }

    [Fact]
    public void FlushallWithSavePointsSavesTheEmptyDataset()
    {
        using var s = servers.Session();
        WaitBoth(s);
        s.Script("""
            SET k v
            CONFIG SET save "3600 1"
            FLUSHALL
            CONFIG SET save ""
            """);
        Assert.Equal(Info(s.Redis, "rdb_changes_since_last_save"), Info(s.Net, "rdb_changes_since_last_save"));
        Assert.Equal("0", Info(s.Net, "rdb_changes_since_last_save"));
        var dump = Path.Combine(servers.RedisNet.WorkDir, "dump.rdb");
        AssertCheckRdbAccepts(dump);
        s.Same("DEBUG", "RELOAD", "NOSAVE");
        s.Same("DBSIZE");
    }
}
