using System.Runtime.CompilerServices;
using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Config.ConfigTestHelpers;

namespace RedisNet.Tests.Config;

/// <summary>
/// Startup with config files: the seeds' real-world configs start and answer PING (and CONFIG GET
/// matches redis-server started with the same file), and config errors stop startup with the same
/// report and exit code as redis-server.
/// </summary>
public class ConfigStartupTests
{
    private static string SeedsDir([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Seeds");

    // Values that depend on the instance, not on the config text.
    private static readonly HashSet<string> InstanceKeys = new() { "port", "dir", "pidfile", "logfile", "daemonize" };

    /// <summary>Port for a test server, low enough that port+10000 (cluster bus) is valid.</summary>
    private static int TestPort()
    {
        while (true)
        {
            int p = ServerProcess.FreePort();
            if (p < 55000) return p;
        }
    }

    /// <summary>The seed file with only port/dir/daemonize/logfile/pidfile adapted so it runs in a test directory.</summary>
    private static string Adapt(string seedFile, string workDir, int port, int masterPort = 0)
    {
        var lines = new List<string>();
        foreach (var line in System.IO.File.ReadAllLines(Path.Combine(SeedsDir(), seedFile)))
        {
            var name = line.Split(' ', 2)[0].ToLowerInvariant();
            lines.Add(name switch
            {
                "port" => $"port {port}",
                "dir" => $"dir \"{workDir}\"",
                "daemonize" => "daemonize no",
                "logfile" => "logfile \"\"",
                "pidfile" => $"pidfile \"{workDir}/redis.pid\"",
                _ => line.Replace("SEED_MASTER_PORT", masterPort.ToString()),
            });
        }
        if (!lines.Any(l => l.StartsWith("port "))) lines.Add($"port {port}");
        if (!lines.Any(l => l.StartsWith("dir "))) lines.Add($"dir \"{workDir}\"");
        var path = Path.Combine(workDir, "redis.conf");
        System.IO.File.WriteAllLines(path, lines);
        return path;
    }

    private static void SeedStartsLikeRedis(string seedFile, string? password)
    {
        var netDir = Directory.CreateTempSubdirectory("redisnet-seed-").FullName;
        var redisDir = Directory.CreateTempSubdirectory("redis-seed-").FullName;
        int netPort = TestPort(), redisPort = TestPort(), unusedMaster = ServerProcess.FreePort();
        var netConf = Adapt(seedFile, netDir, netPort, unusedMaster);
        var net = StartServer(true, netDir, netPort, netConf);
        try
        {
            var redis = StartServer(false, redisDir, redisPort, Adapt(seedFile, redisDir, redisPort, unusedMaster));
            try
            {
                using var nc = new RespClient(netPort);
                using var rc = new RespClient(redisPort);
                // With requirepass both answer NOAUTH; without, PONG.
                Assert.Equal(rc.CallString("PING"), nc.CallString("PING"));
                if (password != null) Assert.Equal("+OK\r\n", rc.CallString("AUTH", password));
                var expected = Pairs(rc.Call("CONFIG", "GET", "*"));
                // Without AUTH in RedisNet yet, a password-protected seed is checked on the parsed config instead.
                bool live = password == null || nc.CallString("AUTH", password) == "+OK\r\n";
                var actual = live ? Pairs(nc.Call("CONFIG", "GET", "*")) : ParsedConfig(netConf);
                foreach (var (k, v) in expected)
                {
                    // maxclients follows the file descriptor limit at startup, which the parsed config has not met.
                    if (InstanceKeys.Contains(k) || (!live && k == "maxclients")) continue;
                    Assert.True(actual.TryGetValue(k, out var got), $"{seedFile}: missing {k}");
                    Assert.True(v == got, $"{seedFile}: {k} is '{got}', redis-server has '{v}'");
                }
                Assert.Equal(expected.Count, actual.Count);
            }
            finally { Stop(redis); }
        }
        finally
        {
            Stop(net);
            try { Directory.Delete(netDir, true); Directory.Delete(redisDir, true); } catch (IOException) { }
        }
    }

    /// <summary>CONFIG GET * as RedisNet's loader sees the file (cwd restored: the file's dir line changes it).</summary>
    private static Dictionary<string, string> ParsedConfig(string path)
    {
        var cwd = Directory.GetCurrentDirectory();
        try
        {
            var cfg = RedisNet.Config.ConfigLoader.Parse(new[] { path });
            return RedisNet.Config.DirectiveTable.Names()
                .Where(n => !n.Directive.Has(RedisNet.Config.DirectiveFlags.Hidden))
                .ToDictionary(n => n.Name, n => n.Directive.Get(cfg));
        }
        finally { Directory.SetCurrentDirectory(cwd); }
    }

    [Fact] public void Seed002MasterConfigStarts() => SeedStartsLikeRedis("seed002-master.conf", "123456");
    [Fact] public void Seed002BackupConfigStarts() => SeedStartsLikeRedis("seed002-backup.conf", null);
    [Fact] public void Seed001ClusterNodeConfigStarts() => SeedStartsLikeRedis("seed001-cluster-node.conf", "111111");
    [Fact] public void Seed004RedisConfigStarts() => SeedStartsLikeRedis("seed004-redis.conf", null);

    [Fact]
    public void ManyDirectivesParseLikeRedis()
    {
        var results = new List<Dictionary<string, string>>();
        foreach (bool redisNet in new[] { false, true })
        {
            var dir = Directory.CreateTempSubdirectory("redisnet-sink-").FullName;
            int port = TestPort();
            try
            {
                File.WriteAllText(Path.Combine(dir, "inc.conf"), "timeout 42\n# included comment\ntcp-keepalive 60\n");
                var conf = Path.Combine(dir, "redis.conf");
                File.WriteAllText(conf, $$"""
                    # kitchen sink
                    bind 127.0.0.1 -::1
                    port {{port}}
                    HZ 0
                    maxmemory 1GB
                    maxmemory-clients 3%
                    maxmemory-policy ALLKEYS-LFU
                    oom-score-adj relative
                    oom-score-adj-values -10 0 10
                    save 900 1 300 10
                    save 60 10000
                    notify-keyspace-events "Ex"
                    client-output-buffer-limit normal 1mb 512kb 10 pubsub 1gb 0 0
                    slave-priority 7
                    lua-time-limit 777
                    list-max-ziplist-size 5
                    list-max-ziplist-entries 512
                    zset-max-ziplist-value 1kb
                    latency-tracking-info-percentiles 50.5 99
                    shutdown-on-sigterm nosave now
                    unixsocketperm 700
                    ignore-warnings ARM64-COW-BUG
                    proc-title-template "{title} {port}"
                    masterauth "p\x41ss\tword"
                    replica-announce-ip 'host'
                    rename-command ECHO ECHO2
                    include {{dir}}/inc.conf
                    sanitize-dump-payload clients
                    stream-node-max-bytes 8kb
                    slowlog-log-slower-than -1
                    activedefrag no
                    appendfsync always
                    hash-max-listpack-entries 0
                    set-max-intset-entries 1024
                    """ + "\n");
                var p = StartServer(redisNet, dir, port, conf, "--loglevel", "warning", "--dir", dir);
                try
                {
                    using var c = new RespClient(port);
                    var pairs = Pairs(c.Call("CONFIG", "GET", "*"));
                    foreach (var k in InstanceKeys) pairs.Remove(k);
                    results.Add(pairs);
                }
                finally { Stop(p); }
            }
            finally { Directory.Delete(dir, true); }
        }
        Assert.Equal(results[0].OrderBy(p => p.Key, StringComparer.Ordinal), results[1].OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    /// <summary>Runs both servers with the same arguments in fresh directories and compares exit code and stderr.</summary>
    private static void SameFatal(Action<string>? prepare, string? stdin, params string[] args)
    {
        var results = new List<(int, string, string)>();
        foreach (bool redisNet in new[] { false, true })
        {
            var dir = Directory.CreateTempSubdirectory("redisnet-fatal-").FullName;
            try
            {
                prepare?.Invoke(dir);
                results.Add(RunToExit(redisNet, dir, stdin, args));
            }
            finally { Directory.Delete(dir, true); }
        }
        var (rc, _, rerr) = results[0];
        var (nc, _, nerr) = results[1];
        Assert.Equal(1, rc);
        Assert.Equal(rerr, nerr);
        Assert.Equal(rc, nc);
    }

    private static Action<string> Conf(string name, string text) => dir => System.IO.File.WriteAllText(Path.Combine(dir, name), text);

    [Fact] public void FatalNotAnInteger() => SameFatal(null, null, "--port", "abc");
    [Fact] public void FatalOptionWithoutValue() => SameFatal(null, null, "--port");
    [Fact] public void FatalUnknownOptionWithValues() => SameFatal(null, null, "--nonexist", "1", "2");
    [Fact] public void FatalBadDirectiveInFile() => SameFatal(Conf("a.conf", "port 0\nfoo bar\n"), null, "a.conf");
    [Fact] public void FatalBadMemoryValue() => SameFatal(Conf("a.conf", "# comment\nmaxmemory 1zz\n"), null, "a.conf");
    [Fact] public void FatalUnbalancedQuotes() => SameFatal(Conf("a.conf", "save \"900 1\n"), null, "a.conf");
    [Fact] public void FatalWrongArgCount() => SameFatal(Conf("a.conf", "port 1 2\n"), null, "a.conf");
    [Fact] public void FatalBadEnum() => SameFatal(Conf("a.conf", "loglevel loud\n"), null, "a.conf");
    [Fact] public void FatalBadBool() => SameFatal(Conf("a.conf", "appendonly maybe\n"), null, "a.conf");
    [Fact] public void FatalOutOfRange() => SameFatal(Conf("a.conf", "databases 0\n"), null, "a.conf");
    [Fact] public void FatalBadSave() => SameFatal(Conf("a.conf", "save 10\n"), null, "a.conf");
    [Fact] public void FatalRenameUnknownCommand() => SameFatal(Conf("a.conf", "rename-command NOSUCHCMD x\n"), null, "a.conf");
    [Fact] public void FatalSentinelDirective() => SameFatal(Conf("a.conf", "sentinel monitor m 127.0.0.1 6379 2\n"), null, "a.conf");
    [Fact] public void FatalModuleConfigWithoutValue() => SameFatal(Conf("a.conf", "mod.opt\n"), null, "a.conf");
    [Fact] public void FatalLogFileCannotOpen() => SameFatal(Conf("a.conf", "logfile /nonexistent-dir/x.log\n"), null, "a.conf");
    [Fact] public void FatalReplicaofInCluster() => SameFatal(Conf("a.conf", "cluster-enabled yes\nreplicaof 127.0.0.1 1\n"), null, "a.conf");
    [Fact] public void FatalErrorInCommandLineAfterFile() => SameFatal(Conf("a.conf", "port 0\n"), null, "a.conf", "--hz", "x");
    [Fact] public void FatalInIncludedFileReportsItsLine() =>
        SameFatal(d => { Conf("a.conf", $"port 0\ninclude {d}/b.conf\n")(d); Conf("b.conf", "\n\nhz x\n")(d); }, null, "a.conf");
    [Fact] public void FatalFromStdin() => SameFatal(null, "port 0\nbogus 1\n", "-");
    [Fact] public void FatalSeedWithInlineComments() =>
        SameFatal(d => System.IO.File.Copy(Path.Combine(SeedsDir(), "seed002-master-annotated.conf"), Path.Combine(d, "a.conf")), null, "a.conf");

    [Fact]
    public void MissingConfigFileIsLoggedAndExits1()
    {
        var dir = Directory.CreateTempSubdirectory("redisnet-fatal-").FullName;
        try
        {
            var (code, stdout, _) = RunToExit(true, dir, null, "/nonexistent.conf");
            Assert.Equal(1, code);
            Assert.Contains(":C ", stdout);
            Assert.EndsWith("# Fatal error, can't open config file '/nonexistent.conf': No such file or directory\n", stdout);
        }
        finally { Directory.Delete(dir, true); }
    }
}
