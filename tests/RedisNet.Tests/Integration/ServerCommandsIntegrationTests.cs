using System.Diagnostics;
using System.Text;
using RedisNet.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>Connection and server commands against the built binary: redis-cli, StackExchange.Redis, multi-client behaviour.</summary>
public class ServerCommandsIntegrationTests : IDisposable
{
    private readonly ServerProcess _server = ServerProcess.StartRedisNet();

    private string RedisCli(params string[] args)
    {
        var psi = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-p"); psi.ArgumentList.Add(_server.Port.ToString());
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit(10_000);
        return output;
    }

    [Fact]
    public void RedisCliReadsInfoSections()
    {
        var repl = RedisCli("info", "replication");
        Assert.Contains("role:master", repl.Split('\n').Select(l => l.TrimEnd('\r')));
        var stats = RedisCli("info");
        Assert.Contains("# Stats", stats);
        Assert.Matches(@"total_connections_received:\d+", stats);
        Assert.Contains("redis_version:7.0.15", stats);
    }

    [Fact]
    public void StackExchangeRedisConnectsCleanly()
    {
        var log = new StringWriter();
        using var mux = ConnectionMultiplexer.Connect($"127.0.0.1:{_server.Port},abortConnect=false,allowAdmin=true,connectTimeout=15000,syncTimeout=15000,name=setest", log);
        Assert.True(mux.IsConnected, log.ToString());
        var server = mux.GetServer($"127.0.0.1:{_server.Port}");
        Assert.Equal(new Version(7, 0, 15), server.Version);
        Assert.Equal(ServerType.Standalone, server.ServerType);
        var info = server.Info("server");
        Assert.Contains(info.SelectMany(g => g), kv => kv.Key == "redis_version" && kv.Value == "7.0.15");
        Assert.Contains(server.ClientList(), c => c.Name == "setest");
        // Its handshake logs every error reply; CONFIG and CLUSTER belong to other areas, so check ours.
        Assert.DoesNotContain("CLIENT", log.ToString().Split('\n').Where(l => l.Contains("ERR")).Aggregate("", (a, b) => a + b));
        Assert.DoesNotContain("INFO", log.ToString().Split('\n').Where(l => l.Contains("ERR")).Aggregate("", (a, b) => a + b));
    }

    [Fact]
    public void ClientKillClosesOtherClientsAndSelfAfterReply()
    {
        using var a = _server.Client();
        using var b = _server.Client();
        var idB = Encoding.ASCII.GetString(b.Call("CLIENT", "ID")).Trim(':', '\r', '\n');
        Assert.Equal(":1\r\n", a.CallString("CLIENT", "KILL", "ID", idB));
        Assert.True(b.IsClosedByServer());
        Assert.Equal(":0\r\n", a.CallString("CLIENT", "KILL", "ID", idB));
        var idA = Encoding.ASCII.GetString(a.Call("CLIENT", "ID")).Trim(':', '\r', '\n');
        Assert.Equal(":1\r\n", a.CallString("CLIENT", "KILL", "ID", idA, "SKIPME", "no"));
        Assert.True(a.IsClosedByServer());
    }

    [Fact]
    public void ClientKillByAddressUsesClientListAddr()
    {
        using var a = _server.Client();
        using var b = _server.Client();
        var info = b.CallString("CLIENT", "INFO");
        var addr = info.Split(' ').First(f => f.StartsWith("addr="))[5..];
        Assert.Equal("+OK\r\n", a.CallString("CLIENT", "KILL", addr));
        Assert.True(b.IsClosedByServer());
    }

    [Fact]
    public void ClientPauseHoldsCommandsUntilItEnds()
    {
        using var admin = _server.Client();
        Assert.Equal("+OK\r\n", admin.CallString("CLIENT", "PAUSE", "100000", "WRITE"));
        // Reads go on during a WRITE pause.
        using (var reader = _server.Client()) Assert.Equal("+PONG\r\n", reader.CallString("PING"));
        Assert.Equal("+OK\r\n", admin.CallString("CLIENT", "UNPAUSE"));

        Assert.Equal("+OK\r\n", admin.CallString("CLIENT", "PAUSE", "1500", "ALL"));
        using var other = new System.Net.Sockets.TcpClient("127.0.0.1", _server.Port);
        var stream = other.GetStream();
        stream.Write("*2\r\n$4\r\nECHO\r\n$4\r\nlate\r\n"u8);
        // Well inside the pause nothing has been answered...
        Assert.False(other.Client.Poll(200_000, System.Net.Sockets.SelectMode.SelectRead));
        // ...and once it ends the held command runs.
        stream.ReadTimeout = 10_000;
        var buf = new byte[64];
        int n = 0;
        while (n < 10) n += stream.Read(buf, n, buf.Length - n);
        Assert.Equal("$4\r\nlate\r\n", Encoding.ASCII.GetString(buf, 0, n));
    }

    [Fact]
    public void MonitorStreamsCommandsInRedisFormat()
    {
        using var monitor = _server.Client();
        Assert.Equal("+OK\r\n", monitor.CallString("MONITOR"));
        using var c = _server.Client();
        c.CallString("ECHO", "a \"b\"\n");
        var line = Encoding.ASCII.GetString(monitor.ReadReply());
        var addr = c.CallString("CLIENT", "INFO").Split(' ').First(f => f.StartsWith("addr="))[5..];
        Assert.Matches(@"^\+\d{10}\.\d{6} \[0 " + System.Text.RegularExpressions.Regex.Escape(addr) + @"\] ""ECHO"" ""a \\""b\\""\\n""\r\n$", line);
    }

    [Fact]
    public void SlowLogRecordsCommandsOverTheThreshold()
    {
        using var c = _server.Client();
        // CONFIG SET belongs to another area; with the default threshold (10ms) MEMORY PURGE's full GC is not
        // guaranteed to be slow, so check the entry shape only when one was recorded.
        c.CallString("CLIENT", "SETNAME", "slowpoke");
        c.CallString("MEMORY", "PURGE");
        var len = c.CallString("SLOWLOG", "LEN");
        Assert.Matches(@"^:\d+\r\n$", len);
        var entries = c.CallString("SLOWLOG", "GET", "-1");
        if (len != ":0\r\n") Assert.Contains("$6\r\nMEMORY\r\n$5\r\nPURGE\r\n", entries);
        Assert.Equal("+OK\r\n", c.CallString("SLOWLOG", "RESET"));
        Assert.Equal(":0\r\n", c.CallString("SLOWLOG", "LEN"));
    }

    [Fact]
    public void ShutdownClosesWithoutReplyAndStopsTheServer()
    {
        using var c = _server.Client();
        c.SendRaw(RespClient.Encode(new[] { "SHUTDOWN"u8.ToArray(), "NOSAVE"u8.ToArray() }));
        Assert.True(c.IsClosedByServer(10_000));
        Assert.True(_server.WaitForExit(20_000));
    }

    [Fact]
    public void LatencyHistogramAndInfoLatencystatsAgree()
    {
        using var c = _server.Client();
        c.CallString("ECHO", "x");
        var hist = c.CallString("LATENCY", "HISTOGRAM", "echo");
        Assert.StartsWith("*2\r\n$4\r\necho\r\n*4\r\n$5\r\ncalls\r\n:1\r\n$14\r\nhistogram_usec\r\n*2\r\n", hist);
        Assert.Contains("latency_percentiles_usec_echo:p50=", c.CallString("INFO", "latencystats"));
    }

    [Fact]
    public void InstantaneousOpsPerSecondFollowsTraffic()
    {
        using var c = _server.Client();
        var ping = RespClient.Encode(new[] { "PING"u8.ToArray() });
        var sw = Stopwatch.StartNew();
        // Keep commands flowing while the cron samples (every 100 ms); the figure becomes non-zero.
        while (sw.Elapsed < TimeSpan.FromSeconds(20))
        {
            for (int i = 0; i < 200; i++) c.SendRaw(ping);
            for (int i = 0; i < 200; i++) c.ReadReply();
            var info = c.CallString("INFO", "stats");
            var ops = System.Text.RegularExpressions.Regex.Match(info, @"instantaneous_ops_per_sec:(\d+)").Groups[1].Value;
            if (long.Parse(ops) > 0) return;
        }
        Assert.Fail("instantaneous_ops_per_sec stayed 0 under load");
    }

    public void Dispose() => _server.Dispose();
}
