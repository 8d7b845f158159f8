using System.Diagnostics;
using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Persistence.AofTestSupport;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// An AOF that can't be written (the next incr file is a symlink to /dev/full, so every write gets
/// ENOSPC): under everysec the server goes on, refuses writes and PING with MISCONF, reports
/// aof_last_write_status:err and logs the error once; CONFIG SET appendonly no lets writes through
/// again. Under always it exits, as Redis does. Each step compared with redis-server 7.0.
/// </summary>
public class AofWriteErrorTests
{
    private static string Transcript(Func<string, string[], ServerProcess> start, string fsync)
    {
        var dir = NewDir();
        var log = Path.Combine(dir, "server.log");
        try
        {
            using var s = start(dir, ["--appendonly", "yes", "--appendfsync", fsync, "--logfile", log]);
            using var c = s.Client();
            var t = new List<string> { c.CallString("SET", "a", "1") };
            // The rewrite opens appendonly.aof.2.incr.aof for what follows it.
            File.CreateSymbolicLink(Path.Combine(dir, "appendonlydir", "appendonly.aof.2.incr.aof"), "/dev/full");
            c.Call("BGREWRITEAOF");
            WaitRewriteDone(c);
            if (fsync == "always")
            {
                // The write can't reach the disk before the reply, so there is no reply: the server exits.
                try { t.Add(c.CallString("SET", "b", "2")); }
                catch (Exception ex) when (ex is IOException or InvalidOperationException) { t.Add("no reply"); }
                t.Add("exited:" + s.WaitForExit(10_000) + ":" + s.ExitCode);
                t.Add(Lines(log, "AOF"));
                return string.Join("\n", t);
            }
            t.Add(c.CallString("SET", "b", "2")); // acknowledged: the write to the file fails after it ran
            t.Add(c.CallString("SET", "c", "3"));
            t.Add(c.CallString("PING"));
            t.Add(c.CallString("GET", "b"));
            t.Add(c.CallString("MULTI"));
            t.Add(c.CallString("INCR", "n"));
            t.Add(c.CallString("EXEC"));
            t.Add("status:" + Info(c, "aof_last_write_status"));
            t.Add(c.CallString("CONFIG", "SET", "appendonly", "no"));
            t.Add(c.CallString("SET", "d", "4"));
            t.Add(c.CallString("PING"));
            t.Add("status:" + Info(c, "aof_last_write_status"));
            t.Add(Lines(log, "AOF"));
            return string.Join("\n", t);
        }
        finally { Delete(dir); }
    }

    /// <summary>The log lines mentioning <paramref name="word"/>, without pid and time.</summary>
    private static string Lines(string log, string word)
    {
        var sw = Stopwatch.StartNew();
        string text = "";
        // The error line is written by the cron tick or the next flush: give it a moment.
        while (sw.Elapsed < TimeSpan.FromSeconds(5))
        {
            text = File.Exists(log) ? File.ReadAllText(log) : "";
            if (text.Contains("Error writing to the AOF file")) break;
            Thread.Sleep(50);
        }
        return string.Join("|", text.Split('\n')
            .Where(l => l.Contains(word) && (l.Contains("Error writing") || l.Contains("Exiting") || l.Contains("write error")))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l.TrimEnd('\r'), @"^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ ", "")));
    }

    [Fact]
    public void EverysecRefusesWritesWithMisconfLikeRedis()
    {
        var expected = Transcript((d, a) => RedisOn(d, a), "everysec");
        Assert.Contains("-MISCONF Errors writing to the AOF file: No space left on device", expected);
        Assert.Contains("status:err", expected);
        Assert.Equal(expected, Transcript((d, a) => RedisNetOn(d, a), "everysec"));
    }

    [Fact]
    public void AlwaysExitsLikeRedis()
    {
        var expected = Transcript((d, a) => RedisOn(d, a), "always");
        Assert.Contains("exited:True:1", expected);
        Assert.Equal(expected, Transcript((d, a) => RedisNetOn(d, a), "always"));
    }

    /// <summary>
    /// Automatic rewrites that keep failing are held back after the third (1 minute, then doubling),
    /// with Redis's log line; BGREWRITEAOF still runs, and its success lifts the limit. The failure is
    /// forced by a directory where the rewrite's temp file goes (Redis names it after its child's
    /// pid, so this one is checked on RedisNet alone; the line is redis-server 7.0's).
    /// </summary>
    [Fact]
    public void RepeatedlyFailingAutomaticRewritesAreLimited()
    {
        var dir = NewDir();
        var log = Path.Combine(dir, "server.log");
        try
        {
            using var s = RedisNetOn(dir, "--appendonly", "yes", "--logfile", log,
                "--auto-aof-rewrite-percentage", "100", "--auto-aof-rewrite-min-size", "1");
            using var c = s.Client();
            var blocker = Path.Combine(dir, $"temp-rewriteaof-bg-{s.Pid}.aof");
            Directory.CreateDirectory(blocker);
            for (int i = 0; i < 200; i++) c.Call("SET", "k" + i, new string('v', 100));
            const string limited = "Background AOF rewrite has repeatedly failed and triggered the limit, will retry in 1 minutes";
            var sw = Stopwatch.StartNew();
            while (!File.ReadAllText(log).Contains(limited) && sw.Elapsed < TimeSpan.FromSeconds(20)) Thread.Sleep(50);
            Assert.Contains(limited, File.ReadAllText(log));
            Assert.Equal("3", Info(c, "aof_rewrites_consecutive_failures"));
            Assert.Equal("err", Info(c, "aof_last_bgrewrite_status"));
            Thread.Sleep(500); // held back: no fourth attempt
            Assert.Equal("3", Info(c, "aof_rewrites_consecutive_failures"));
            Directory.Delete(blocker);
            Assert.Equal("+Background append only file rewriting started\r\n", c.CallString("BGREWRITEAOF"));
            WaitRewriteDone(c);
            Assert.Equal("0", Info(c, "aof_rewrites_consecutive_failures"));
            Assert.Equal("ok", Info(c, "aof_last_bgrewrite_status"));
        }
        finally { Delete(dir); }
    }
}
