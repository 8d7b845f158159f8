using System.Text;
using System.Text.RegularExpressions;
using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Persistence.AofTestSupport;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// AOF switched on and off at runtime, rewrites while off, automatic rewrites, DEBUG LOADAOF and the
/// INFO fields: the same steps on Redis and RedisNet leave the same files (command-form bases
/// compared as sorted commands, since key order follows each server's hash table).
/// </summary>
public class AofConfigTests
{
    private sealed record Stage(string Manifest, string Listing, string Base, string Incr, string Info);

    private static Stage Capture(string dir, RespClient c)
    {
        var aofDir = Path.Combine(dir, "appendonlydir");
        var files = Directory.GetFiles(aofDir).Select(Path.GetFileName).Order().ToList();
        string Read(string suffix)
        {
            var f = files.LastOrDefault(n => n!.EndsWith(suffix));
            return f is null ? "" : Mask(Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(aofDir, f))));
        }
        var baseCommands = string.Join("|", Read(".base.aof").Split('*').Order());
        var info = string.Join(",", new[] { "aof_enabled", "aof_rewrites", "aof_last_bgrewrite_status", "aof_rewrite_in_progress" }.Select(f => Info(c, f)));
        // Where #TS lines fall in an incr file depends on when seconds tick between writes (the forced one
        // at the start of a command base is compared above).
        var incr = Read(".incr.aof").Replace("#TS:T\r\n", "");
        return new Stage(Manifest(dir), string.Join(",", files), baseCommands, incr, info);
    }

    private static string Mask(string s) => Regex.Replace(Regex.Replace(s, @"#TS:\d+", "#TS:T"), @"\b\d{13}\b", "T");

    private static (List<Stage> Stages, string Digest) Scenario(Func<string, ServerProcess> start, string dir)
    {
        var stages = new List<Stage>();
        string digest;
        using var s = start(dir);
        using (var c = s.Client())
        {
            Run(c, """
                SET a 1
                RPUSH l x y
                SADD s a
                ZADD z 1.5 m
                HSET h f v
                SET t v PX 100000
                SELECT 1
                SET other 1
                SELECT 0
                """);
            Assert.Equal("+OK\r\n", c.CallString("CONFIG", "SET", "appendonly", "yes"));
            WaitRewriteDone(c);
            Run(c, "SET b 2\nINCR b");
            stages.Add(Capture(dir, c));
            Assert.Equal("+OK\r\n", c.CallString("CONFIG", "SET", "appendonly", "no"));
            Run(c, "SET c 3");
            stages.Add(Capture(dir, c));
            Assert.Equal("+Background append only file rewriting started\r\n", c.CallString("BGREWRITEAOF"));
            WaitRewriteDone(c);
            stages.Add(Capture(dir, c));
            Assert.Equal("+OK\r\n", c.CallString("CONFIG", "SET", "appendonly", "yes"));
            WaitRewriteDone(c);
            Run(c, "DEL a");
            stages.Add(Capture(dir, c));
            digest = Digest(c);
            Shutdown(s, c);
        }
        return (stages, digest);
    }

    [Fact]
    public void ConfigSetAppendonlyAndRewritesWhileOffLeaveRedissFiles()
    {
        string[] args = ["--aof-use-rdb-preamble", "no", "--aof-timestamp-enabled", "yes"];
        var redisDir = NewDir();
        var netDir = NewDir();
        try
        {
            var expected = Scenario(d => RedisOn(d, args), redisDir);
            var actual = Scenario(d => RedisNetOn(d, args), netDir);
            Assert.Equal(expected.Stages, actual.Stages);
            Assert.Equal(expected.Digest, actual.Digest);
            AssertCheckAofAccepts(netDir);
            // RedisNet's files (command base with #TS annotations) load in Redis, and the other way round.
            using (var redis = RedisOn(netDir, "--appendonly", "yes"))
            using (var c = redis.Client())
                Assert.Equal(expected.Digest, Digest(c));
            using (var net = RedisNetOn(redisDir, "--appendonly", "yes"))
            using (var c = net.Client())
                Assert.Equal(expected.Digest, Digest(c));
        }
        finally
        {
            Delete(redisDir);
            Delete(netDir);
        }
    }

    [Fact]
    public void StreamsInACommandBaseMatchRedis()
    {
        (Stage Stage, string Digest, string Dir) Rewrite(Func<string, ServerProcess> start)
        {
            var dir = NewDir();
            using var s = start(dir);
            using var c = s.Client();
            Run(c, """
                XADD st 1-1 a b
                XADD st 2-1 a c x y
                XADD st 3-1 a c
                XDEL st 3-1
                XGROUP CREATE st g1 0
                XGROUP CREATE st g2 $
                XREADGROUP GROUP g1 alice COUNT 2 STREAMS st >
                XGROUP CREATECONSUMER st g1 bob
                XADD empty MAXLEN 0 5-5 x y
                """);
            for (int i = 0; i < 300; i++) c.Call("XADD", "big", $"{10 + i}-1", "f" + (i % 3), "v" + i);
            c.Call("BGREWRITEAOF");
            WaitRewriteDone(c);
            var result = (Capture(dir, c), Digest(c), dir);
            Shutdown(s, c);
            return result;
        }
        string[] args = ["--appendonly", "yes", "--aof-use-rdb-preamble", "no"];
        var redis = Rewrite(d => RedisOn(d, args));
        var net = Rewrite(d => RedisNetOn(d, args));
        try
        {
            Assert.Equal(redis.Stage, net.Stage);
            using (var r = RedisOn(net.Dir, "--appendonly", "yes"))
            using (var c = r.Client())
                Assert.Equal(net.Digest, Digest(c));
            using (var n = RedisNetOn(redis.Dir, "--appendonly", "yes"))
            using (var c = n.Client())
                Assert.Equal(redis.Digest, Digest(c));
        }
        finally
        {
            Delete(redis.Dir);
            Delete(net.Dir);
        }
    }

    [Fact]
    public void AofDisableAutoGcKeepsHistoryFiles()
    {
        string After(Func<string, ServerProcess> start)
        {
            var dir = NewDir();
            try
            {
                using var s = start(dir);
                using var c = s.Client();
                Run(c, "SET a 1");
                c.Call("BGREWRITEAOF");
                WaitRewriteDone(c);
                Run(c, "SET b 2");
                c.Call("BGREWRITEAOF");
                WaitRewriteDone(c);
                return Manifest(dir) + string.Join(",", Directory.GetFiles(Path.Combine(dir, "appendonlydir")).Select(Path.GetFileName).Order());
            }
            finally { Delete(dir); }
        }
        string[] args = ["--appendonly", "yes", "--aof-disable-auto-gc", "yes"];
        var expected = After(d => RedisOn(d, args));
        Assert.Contains("type h", expected);
        Assert.Equal(expected, After(d => RedisNetOn(d, args)));
    }

    [Fact]
    public void InfoPersistenceFieldsMatchRedis()
    {
        static string Names(ServerProcess s)
        {
            using var c = s.Client();
            var text = Encoding.Latin1.GetString(c.Call("INFO", "persistence"));
            return string.Join(",", text.Split("\r\n").Where(l => l.Contains(':')).Select(l => l[..l.IndexOf(':')]));
        }
        foreach (var on in new[] { "no", "yes" })
        {
            using var redis = ServerProcess.StartRedis("--appendonly", on);
            using var net = ServerProcess.StartRedisNet("--appendonly", on);
            Assert.Equal(Names(redis), Names(net));
        }
    }

    [Fact]
    public void BgrewriteaofCommandInfoAndDocsMatchRedis()
    {
        using var redis = ServerProcess.StartRedis();
        using var net = ServerProcess.StartRedisNet();
        using var rc = redis.Client();
        using var nc = net.Client();
        foreach (var sub in new[] { "INFO", "DOCS" })
            Assert.Equal(rc.CallString("COMMAND", sub, "bgrewriteaof"), nc.CallString("COMMAND", sub, "bgrewriteaof"));
    }

    [Fact]
    public void BgrewriteaofWhileOneRunsIsAnError()
    {
        var dir = NewDir();
        try
        {
            using var net = RedisNetOn(dir, "--appendonly", "yes", "--rdb-key-save-delay", "0");
            using var c = net.Client();
            for (int i = 0; i < 20000; i++) c.SendRaw(RespClient.Encode([RespClient.Bytes("SET"), RespClient.Bytes("k" + i), new byte[200]]));
            for (int i = 0; i < 20000; i++) c.ReadReply();
            Assert.Equal("+Background append only file rewriting started\r\n", c.CallString("BGREWRITEAOF"));
            var second = c.CallString("BGREWRITEAOF");
            // The rewrite may already be done on a fast machine; while it runs, Redis's error.
            Assert.True(second is "-ERR Background append only file rewriting already in progress\r\n" or "+Background append only file rewriting started\r\n", second);
            WaitRewriteDone(c);
            Assert.Equal("ok", Info(c, "aof_last_bgrewrite_status"));
        }
        finally { Delete(dir); }
    }

    [Fact]
    public void AutomaticRewriteStartsOnGrowth()
    {
        var dir = NewDir();
        try
        {
            using var net = RedisNetOn(dir, "--appendonly", "yes", "--auto-aof-rewrite-min-size", "20000", "--auto-aof-rewrite-percentage", "100");
            using var c = net.Client();
            for (int i = 0; i < 300; i++) c.Call("SET", "k" + i, new string('v', 100));
            var sw = System.Diagnostics.Stopwatch.StartNew();
            while (Info(c, "aof_rewrites") == "0" && sw.Elapsed < TimeSpan.FromSeconds(20)) Thread.Sleep(50);
            WaitRewriteDone(c);
            Assert.Equal("1", Info(c, "aof_rewrites"));
            AssertLogged(net, "Starting automatic rewriting of AOF on ");
            Assert.Equal("file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n", Manifest(dir));
        }
        finally { Delete(dir); }
    }

    [Fact]
    public void DebugLoadAofReloadsTheSameDataset()
    {
        var dir = NewDir();
        try
        {
            using var net = RedisNetOn(dir, "--appendonly", "yes");
            using var c = net.Client();
            Run(c, "SET a 1\nRPUSH l a b\nSET e v PX 100000\nSELECT 2\nSADD s x\nSELECT 0");
            var digest = Digest(c);
            Assert.Equal("+OK\r\n", c.CallString("DEBUG", "LOADAOF"));
            Assert.Equal(digest, Digest(c));
            Assert.Equal("0", Info(c, "rdb_changes_since_last_save"));
            Run(c, "SET after 1");
            Assert.Equal("+OK\r\n", c.CallString("DEBUG", "LOADAOF"));
            Assert.Equal("$1\r\n1\r\n", c.CallString("GET", "after"));
        }
        finally { Delete(dir); }
    }
}
