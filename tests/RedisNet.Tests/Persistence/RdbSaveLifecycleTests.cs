using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Persistence.RdbTestKit;

namespace RedisNet.Tests.Persistence;

/// <summary>Save points, stop-writes-on-bgsave-error (MISCONF), and the final save at SHUTDOWN and SIGTERM, against redis-server 7.0.</summary>
public class RdbSaveLifecycleTests
{
    [Fact]
    public void ASavePointStartsABackgroundSaveWithRedisLogLines()
    {
        using var net = ServerProcess.StartRedisNet("--save", "1 2");
        using var c = net.Client();
        c.Call("SET", "a", "1");
        c.Call("SET", "b", "2");
        WaitFor(() => Info(c, "rdb_saves") == "1" && Info(c, "rdb_bgsave_in_progress") == "0", "the save point");
        Assert.Equal("0", Info(c, "rdb_changes_since_last_save"));
        WaitFor(() => net.Output.Contains("Background saving terminated with success"), "the log lines to be read");
        var log = LogMessages(net.Output);
        int at = log.IndexOf("* 2 changes in 1 seconds. Saving...");
        Assert.True(at >= 0, net.Output);
        Assert.Equal($"* Background saving started by pid {net.Pid}", log[at + 1]);
        Assert.Equal("* DB saved on disk", log[at + 2]);
        Assert.Equal("* Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB", log[at + 3]);
        Assert.Equal("* Background saving terminated with success", log[at + 4]);
        // The lines Redis's child writes carry its role, C.
        Assert.Matches($@"(?m)^{net.Pid}:C .* \* DB saved on disk", net.Output);
        AssertCheckRdbAccepts(Path.Combine(net.WorkDir, "dump.rdb"));
    }

    /// <summary>With the directory gone, a background save fails; writes and PING then get MISCONF, as from Redis.</summary>
    [Fact]
    public void AFailedBackgroundSaveStopsWritesWithMisconfLikeRedis()
    {
        using var redis = ServerProcess.StartRedis("--save", "3600 100");
        using var net = ServerProcess.StartRedisNet("--save", "3600 100");
        var s = new DiffSession(redis.Client(), net.Client());
        s.Same("SET", "a", "1");
        Directory.Delete(redis.WorkDir, true);
        Directory.Delete(net.WorkDir, true);
        s.Same("BGSAVE");
        WaitFor(() => Info(s.Redis, "rdb_last_bgsave_status") == "err" && Info(s.Net, "rdb_last_bgsave_status") == "err", "the failed saves");
        s.Script("""
            SET b 1
            PING
            GET a
            MULTI
            SET c 1
            EXEC
            SAVE
            SHUTDOWN
            CONFIG SET stop-writes-on-bgsave-error no
            SET d 1
            CONFIG SET stop-writes-on-bgsave-error yes
            CONFIG SET save ""
            SET e 1
            CONFIG SET save "3600 100"
            SET f 1
            """);
        WaitFor(() => net.Output.Contains("Errors trying to shut down the server"), "the log lines to be read");
        var log = LogMessages(net.Output);
        Assert.Contains($"# Failed opening the temp RDB file temp-{net.Pid}.rdb (in server root dir unknown) for saving: No such file or directory", log);
        Assert.Contains("# Background saving error", log);
        Assert.Contains("# Error trying to save the DB, can't exit.", log);
        Assert.Contains("# Errors trying to shut down the server. Check the logs for more information.", log);
        Assert.False(net.HasExited);
        // A failed background save is retried by the save points only after 5 seconds; a successful one lifts MISCONF.
        Directory.CreateDirectory(net.WorkDir);
        Assert.Equal("+OK\r\n", s.Net.CallString("SAVE"));
        Assert.Equal("+OK\r\n", s.Net.CallString("SET", "g", "1"));
        s.Dispose();
    }

    [Theory]
    [InlineData("SHUTDOWN")]
    [InlineData("SIGTERM")]
    public void ShutdownSavesTheDatasetWhenSavePointsExist(string how)
    {
        var net = ServerProcess.StartRedisNet("--save", "3600 1", "--enable-debug-command", "yes");
        var keep = NewDir("rdbshutdown-");
        try
        {
            string digest;
            using (var c = net.Client())
            {
                c.Call("SET", "a", "1");
                c.Call("SET", "b", "2", "EX", "1000");
                digest = Digest(c);
                // A background save still running is stopped first.
                c.Call("DEBUG", "POPULATE", "100");
                c.Call("CONFIG", "SET", "rdb-key-save-delay", "100000");
                c.Call("BGSAVE");
                if (how == "SIGTERM") net.Signal(15);
                else
                {
                    c.SendRaw("*1\r\n$8\r\nSHUTDOWN\r\n");
                    Assert.True(c.IsClosedByServer(20_000));
                }
            }
            Assert.True(net.WaitForExit(20_000), net.Output);
            Assert.True(net.ExitCode == 0, net.Output);
            WaitFor(() => net.Output.Contains("bye bye"), "the output to be read");
            var log = LogMessages(net.Output);
            int at = log.IndexOf("# User requested shutdown...");
            Assert.True(at >= 0, net.Output);
            Assert.Equal("# There is a child saving an .rdb. Killing it!", log[at + 1]);
            Assert.Equal("* Saving the final RDB snapshot before exiting.", log[at + 2]);
            Assert.Equal("* DB saved on disk", log[at + 3]);
            Assert.Equal("# Redis is now ready to exit, bye bye...", log[^1]);
            Assert.Empty(Directory.GetFiles(net.WorkDir, "temp-*.rdb"));
            File.Copy(Path.Combine(net.WorkDir, "dump.rdb"), Path.Combine(keep, "dump.rdb"));
            using var redis = OracleOn(keep);
            using var rc = redis.Client();
            Assert.Equal(":102\r\n", rc.CallString("DBSIZE"));
            rc.Call("DEL", "key:0", "key:1", "key:2", "key:3", "key:4", "key:5", "key:6", "key:7", "key:8", "key:9");
            for (int i = 10; i < 100; i++) rc.Call("DEL", "key:" + i);
            Assert.Equal(digest, Digest(rc));
        }
        finally
        {
            net.Dispose();
            Directory.Delete(keep, true);
        }
    }

    [Fact]
    public void ASigtermWhoseFinalSaveFailsLeavesTheServerRunning()
    {
        using var net = ServerProcess.StartRedisNet("--save", "3600 1");
        Directory.Delete(net.WorkDir, true);
        net.Signal(15);
        WaitFor(() => net.Output.Contains("Errors trying to shut down the server"), "the refused shutdown");
        using var c = net.Client();
        Assert.Equal("+PONG\r\n", c.CallString("PING"));
        var log = LogMessages(net.Output);
        int at = log.IndexOf("# User requested shutdown...");
        Assert.True(at >= 0, net.Output);
        Assert.Equal(new[]
        {
            "* Saving the final RDB snapshot before exiting.",
            $"# Failed opening the temp RDB file temp-{net.Pid}.rdb (in server root dir unknown) for saving: No such file or directory",
            "# Error trying to save the DB, can't exit.",
            "# Errors trying to shut down the server. Check the logs for more information.",
        }, log.Skip(at + 1).Take(4));
        Assert.Contains("Received SIGTERM scheduling shutdown...", net.Output);
    }

    [Fact]
    public void ShutdownNosaveDoesNotSave()
    {
        using var net = ServerProcess.StartRedisNet("--save", "3600 1");
        using (var c = net.Client())
        {
            c.Call("SET", "a", "1");
            c.SendRaw("*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n");
            Assert.True(c.IsClosedByServer(20_000));
        }
        Assert.True(net.WaitForExit(20_000));
        Assert.False(File.Exists(Path.Combine(net.WorkDir, "dump.rdb")));
        Assert.DoesNotContain("Saving the final RDB snapshot", net.Output);
    }

    [Fact]
    public void InfoShowsABackgroundSaveInProgress()
    {
        using var net = ServerProcess.StartRedisNet("--save", "", "--enable-debug-command", "yes");
        using var c = net.Client();
        c.Call("DEBUG", "POPULATE", "1000");
        c.Call("CONFIG", "SET", "rdb-key-save-delay", "3000");
        Assert.Equal("-1", Info(c, "rdb_last_bgsave_time_sec"));
        c.Call("BGSAVE");
        Assert.Equal("1", Info(c, "rdb_bgsave_in_progress"));
        Assert.Equal("1000", Info(c, "current_save_keys_total"));
        c.Call("SET", "during1", "x");
        c.Call("SET", "during2", "x");
        WaitFor(() => long.Parse(Info(c, "current_save_keys_processed")) > 0, "progress");
        WaitFor(() => Info(c, "rdb_current_bgsave_time_sec") == "1", "a second of saving");
        c.Call("CONFIG", "SET", "rdb-key-save-delay", "0");
        WaitBgsaveDone(c);
        Assert.Equal("-1", Info(c, "rdb_current_bgsave_time_sec"));
        Assert.NotEqual("-1", Info(c, "rdb_last_bgsave_time_sec"));
        Assert.Equal("0", Info(c, "current_save_keys_processed"));
        Assert.Equal("1", Info(c, "rdb_saves"));
        // rdb_changes_since_last_save = dirty - dirty when the save began (DEBUG POPULATE counts none).
        Assert.Equal("2", Info(c, "rdb_changes_since_last_save"));
    }
}
