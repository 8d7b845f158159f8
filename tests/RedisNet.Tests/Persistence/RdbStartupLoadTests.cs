using System.Text.RegularExpressions;
using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Persistence.RdbTestKit;

namespace RedisNet.Tests.Persistence;

/// <summary>Loading dump.rdb at startup: Redis's file and log lines, and the same fatal errors (exit 1) on damaged files.</summary>
public class RdbStartupLoadTests
{
    /// <summary>A dump written by redis-server 7.0 (strings only, so every build of RedisNet can load it).</summary>
    private static (string Dir, string Digest) OracleDump(int keys, bool withExpired)
    {
        var dir = NewDir("rdbload-");
        using var redis = OracleOn(dir);
        using var c = redis.Client();
        c.Call("DEBUG", "SET-ACTIVE-EXPIRE", "0"); // "gone" must still be in the file
        c.Call("DEBUG", "POPULATE", keys.ToString());
        c.Call("SET", "ttl", "v", "PX", "100000000");
        c.Call("SELECT", "9");
        c.Call("SET", "nine", "9");
        if (withExpired) c.Call("SET", "gone", "x", "PX", "50");
        Thread.Sleep(100); // "gone" expires, but stays in memory until touched
        c.Call("SELECT", "0");
        Assert.Equal("+OK\r\n", c.CallString("SAVE"));
        return (dir, Digest(c));
    }

    [Fact]
    public void RedisDumpLoadsAtStartupWithTheSameDigestAndRedisLogLines()
    {
        var (dir, _) = OracleDump(1000, withExpired: true);
        try
        {
            using var net = ServerProcess.StartRedisNet("--dir", dir, "--enable-debug-command", "yes", "--save", "");
            using var c = net.Client();
            // The expired key was dropped on load, so compare after the oracle dropped it too.
            using (var redis = OracleOn(dir))
            using (var rc = redis.Client())
            {
                rc.Call("SELECT", "9");
                rc.Call("GET", "gone");
                Assert.Equal(Digest(rc), Digest(c));
            }
            Assert.Equal("1002", Info(c, "rdb_last_load_keys_loaded"));
            Assert.Equal("1", Info(c, "rdb_last_load_keys_expired"));
            Assert.Equal("0", Info(c, "loading"));
            // The output is read asynchronously: wait for the last line checked.
            WaitFor(() => net.Output.Contains("Ready to accept connections"), "the ready line");
            var log = LogMessages(net.Output);
            int initialized = log.IndexOf("# Server initialized");
            Assert.True(initialized >= 0, net.Output);
            Assert.Equal("* Loading RDB produced by version 7.0.15", log[initialized + 1]);
            Assert.Matches(@"^\* RDB age \d+ seconds$", log[initialized + 2]);
            Assert.Matches(@"^\* RDB memory usage when created \d+\.\d\d Mb$", log[initialized + 3]);
            Assert.Equal("* Done loading RDB, keys loaded: 1002, keys expired: 1.", log[initialized + 4]);
            Assert.Matches(@"^\* DB loaded from disk: \d+\.\d\d\d seconds$", log[initialized + 5]);
            Assert.Equal("* Ready to accept connections", log[initialized + 6]);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>A client connected as soon as the server listens on <paramref name="port"/>.</summary>
    private static RespClient ConnectWhenListening(int port)
    {
        RespClient? c = null;
        WaitFor(() =>
        {
            try { c = new RespClient(port); return true; }
            catch (System.Net.Sockets.SocketException) { return false; }
        }, "the listener");
        return c!;
    }

    /// <summary>
    /// Starts RedisNet on <paramref name="dir"/> without waiting for it to load, connects as soon as
    /// the listener is up, runs <paramref name="whileLoading"/>, then checks that the line
    /// <paramref name="loadedLine"/> comes before "Ready to accept connections". Stops the server.
    /// </summary>
    private static void WhileLoading(string dir, string[] args, Action<RespClient> whileLoading, string loadedLine)
    {
        int port = ServerProcess.FreePort();
        using var p = StartUnwaited("redisnet", dir, port, args);
        var output = new System.Text.StringBuilder();
        p.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        try
        {
            using (var c = ConnectWhenListening(port)) whileLoading(c);
            // The log is read asynchronously: wait until the line that follows the load has arrived.
            WaitFor(() => { lock (output) return output.ToString().Contains("Ready to accept connections"); }, "the ready line");
            string log;
            lock (output) log = output.ToString();
            var lines = LogMessages(log);
            int loaded = lines.FindIndex(l => l.StartsWith(loadedLine, StringComparison.Ordinal));
            Assert.True(loaded >= 0 && loaded < lines.IndexOf("* Ready to accept connections"), log);
        }
        finally
        {
            p.Kill(true);
            p.WaitForExit();
            Directory.Delete(dir, true);
        }
    }

    /// <summary>While the dump loads, clients are answered: -LOADING, except for commands allowed while loading (INFO).</summary>
    [Fact]
    public void ClientsGetLoadingRepliesWhileTheDumpLoads()
    {
        var (dir, digest) = OracleDump(200, withExpired: false);
        // 20 ms per key, about four seconds of loading; waiting commands run while the loader sleeps.
        WhileLoading(dir, ["--key-load-delay", "20000", "--enable-debug-command", "yes", "--save", ""], c =>
        {
            Assert.Equal("-LOADING Redis is loading the dataset in memory\r\n", c.CallString("PING"));
            Assert.Equal("-LOADING Redis is loading the dataset in memory\r\n", c.CallString("GET", "key:1"));
            Assert.Equal("1", Info(c, "loading"));
            Assert.Matches(@"^\d+$", Info(c, "loading_total_bytes"));
            Assert.Matches(@"^\d+\.\d\d$", Info(c, "loading_loaded_perc"));
            WaitFor(() => c.CallString("PING") == "+PONG\r\n", "the end of loading");
            Assert.Equal("0", Info(c, "loading"));
            Assert.Equal("", Info(c, "loading_total_bytes"));
            Assert.Equal(digest, Digest(c));
        }, "* DB loaded from disk");
    }

    /// <summary>
    /// The same while an AOF directory loads (base with RDB preamble, then an incr file): -LOADING,
    /// INFO's loading fields, and the role stays master although expired keys are kept while loading.
    /// </summary>
    [Fact]
    public void ClientsGetLoadingRepliesWhileTheAofLoads()
    {
        var dir = NewDir("aofload-");
        string digest;
        using (var redis = ServerProcess.StartRedis("--dir", dir, "--appendonly", "yes", "--enable-debug-command", "yes"))
        using (var rc = redis.Client())
        {
            rc.Call("DEBUG", "POPULATE", "200");
            rc.Call("BGREWRITEAOF");
            WaitFor(() => Info(rc, "aof_rewrite_in_progress") == "0" && Info(rc, "aof_rewrite_scheduled") == "0", "the rewrite");
            for (int i = 0; i < 3000; i++) rc.Call("SET", "incr:" + i, "v");
            digest = Digest(rc);
        }
        WhileLoading(dir, ["--appendonly", "yes", "--key-load-delay", "20000", "--enable-debug-command", "yes"], c =>
        {
            Assert.Equal("-LOADING Redis is loading the dataset in memory\r\n", c.CallString("GET", "key:1"));
            Assert.Equal("1", Info(c, "loading"));
            Assert.Matches(@"^\d+$", Info(c, "loading_total_bytes"));
            Assert.Contains("role:master\r\n", c.CallString("INFO", "replication"));
            WaitFor(() => c.CallString("PING") == "+PONG\r\n", "the end of loading");
            Assert.Equal("0", Info(c, "loading"));
            Assert.Equal(digest, Digest(c));
        }, "* DB loaded from append only file");
    }

    /// <summary>
    /// SHUTDOWN or SIGTERM while the dump loads stops the server at once, without saving the
    /// half-loaded dataset over the file: exit code 0, and the log from the first line about the
    /// shutdown on is Redis's, compared with redis-server 7.0 doing the same.
    /// </summary>
    [Theory]
    [InlineData("SHUTDOWN")]
    [InlineData("SIGTERM")]
    public void ShutdownDuringTheLoadStopsWithoutSaving(string how)
    {
        string Run(string kind)
        {
            var (dir, _) = OracleDump(200, withExpired: false);
            int port = ServerProcess.FreePort();
            var before = File.ReadAllBytes(Path.Combine(dir, "dump.rdb"));
            // Redis serves clients every loading-process-events-interval-bytes while it loads.
            using var p = StartUnwaited(kind, dir, port, "--key-load-delay", "20000", "--save", "900 1",
                "--loading-process-events-interval-bytes", "1024");
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEndAsync();
            try
            {
                using (var c = ConnectWhenListening(port))
                {
                    Assert.Equal("-LOADING Redis is loading the dataset in memory\r\n", c.CallString("GET", "key:1"));
                    if (how == "SIGTERM") System.Diagnostics.Process.Start("kill", $"-15 {p.Id}")!.WaitForExit();
                    else
                    {
                        string reply;
                        try { reply = c.CallString("SHUTDOWN"); }
                        catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException) { reply = "closed"; }
                        Assert.Equal("closed", reply);
                    }
                }
                Assert.True(p.WaitForExit(3000), kind + " still running after SHUTDOWN during the load");
                var log = LogMessages(stdout.Result);
                int from = log.FindIndex(l => l.Contains("shutdown", StringComparison.OrdinalIgnoreCase));
                Assert.True(from >= 0, stdout.Result);
                Assert.Equal(before, File.ReadAllBytes(Path.Combine(dir, "dump.rdb")));
                return $"exit {p.ExitCode}\n" + string.Join("\n", log.Skip(from));
            }
            finally
            {
                if (!p.HasExited) p.Kill(true);
                p.WaitForExit();
                Directory.Delete(dir, true);
            }
        }
        Assert.Equal(Run("redis"), Run("redisnet"));
    }

    [Fact]
    public void AMissingDumpIsAnEmptyDataset()
    {
        using var net = ServerProcess.StartRedisNet("--dbfilename", "absent.rdb");
        using var c = net.Client();
        Assert.Equal(":0\r\n", c.CallString("DBSIZE"));
        Assert.DoesNotContain("Loading RDB", net.Output);
    }

    public static TheoryData<string, int> Damage => new()
    {
        { "truncated", 60 },
        { "truncated", 95 },
        { "checksum", 0 },
        { "version", 0 },
        { "signature", 0 },
        { "type", 0 },
        { "type", 1 },
        { "empty", 0 },
    };

    /// <summary>The same damaged file makes both servers log the same fatal lines and exit 1.</summary>
    [Theory]
    [MemberData(nameof(Damage))]
    public void ADamagedDumpStopsTheServerWithRedisFatalLines(string damage, int length)
    {
        var (dir, _) = OracleDump(3, withExpired: false);
        try
        {
            var path = Path.Combine(dir, "dump.rdb");
            var bytes = File.ReadAllBytes(path);
            int eof = bytes.Length - 9; // the 0xFF opcode, then 8 bytes of CRC64
            switch (damage)
            {
                case "truncated": bytes = bytes[..length]; break;
                case "checksum": bytes[^2] ^= 0x55; break;
                case "version": "REDIS0099"u8.CopyTo(bytes); break;
                case "signature": "REDIX"u8.CopyTo(bytes); break;
                // At the EOF opcode: the CRC bytes then read as a key; in the header: a truncated key.
                case "type":
                    bytes[length == 0 ? eof : 9] = 42;
                    if (length == 0) { bytes[eof + 1] = 1; bytes[eof + 2] = (byte)'k'; } // a whole one-byte key
                    break;
                case "empty": bytes = []; break;
            }
            File.WriteAllBytes(path, bytes);
            var expected = RunToExit("redis", dir);
            var actual = RunToExit("redisnet", dir);
            Assert.Equal(1, expected.Code);
            Assert.Equal(1, actual.Code);
            // Redis's lines from the first loading line on, up to its built-in redis-check-rdb report.
            // Redis's lines after "Server initialized" (its built-in redis-check-rdb report is not a log line).
            static List<string> Fatal(string output) => LogMessages(output)
                .SkipWhile(l => l != "# Server initialized").Skip(1)
                .Where(l => !l.Contains("WARNING"))
                .Select(l => Regex.Replace(l, @"RDB age \d+", "RDB age N")).ToList();
            Assert.Equal(Fatal(expected.Output), Fatal(actual.Output));
            Assert.Contains(Fatal(actual.Output), l => l.StartsWith("# ", StringComparison.Ordinal));
        }
        finally { Directory.Delete(dir, true); }
    }
}
