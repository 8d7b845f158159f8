using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>Startup and shutdown log lines, signals, log level and log file, pid file, unix socket.</summary>
public class ProcessLifecycleTests
{
    private static readonly Regex LinePrefix = new(@"^\d+:[CM] \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d\.\d{3} [.\-*#] ");

    private static List<string> Messages(string output) => ProcessRunner.LogLines(output).Select(ProcessRunner.Message).ToList();

    /// <summary>The harness reads output asynchronously: wait until a line has arrived.</summary>
    private static void WaitOutput(ServerProcess s, string text) =>
        Assert.True(ProcessRunner.WaitUntil(() => s.Output.Contains(text)), $"no '{text}' in:\n{s.Output}");

    private static void AssertInOrder(IList<string> messages, params string[] expected)
    {
        int at = 0;
        foreach (var e in expected)
        {
            int i = messages.Skip(at).ToList().IndexOf(e);
            Assert.True(i >= 0, $"missing or out of order: '{e}' in\n{string.Join("\n", messages)}");
            at += i + 1;
        }
    }

    [Fact]
    public void Startup_lines_match_redis()
    {
        using var s = ServerProcess.StartRedisNet();
        WaitOutput(s, "Ready to accept connections");
        var lines = ProcessRunner.LogLines(s.Output).ToList();
        Assert.All(lines, l => Assert.Matches(LinePrefix, l));
        var m = lines.Select(ProcessRunner.Message).ToList();
        AssertInOrder(m,
            "oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
            $"Redis version=7.0.15, bits=64, commit=00000000, modified=0, pid={s.Pid}, just started",
            "Configuration loaded",
            "monotonic clock: POSIX clock_gettime",
            $"Running mode=standalone, port={s.Port}.",
            "Server initialized",
            "Ready to accept connections");
        // Before the server is initialised Redis's role char is C, then M; levels as in Redis.
        Assert.StartsWith($"{s.Pid}:C ", lines[0]);
        Assert.Contains(" # oO0OoO0OoO0Oo", lines[0]);
        Assert.Contains(lines, l => l.StartsWith($"{s.Pid}:M ") && l.EndsWith(" # Server initialized"));
        Assert.Contains(lines, l => l.EndsWith(" * Ready to accept connections"));
        // Nothing but Redis's lines (no .NET host messages).
        Assert.Equal(s.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, lines.Count);
    }

    [Theory]
    [InlineData(15, "Received SIGTERM scheduling shutdown...")]
    [InlineData(2, "Received SIGINT scheduling shutdown...")]
    public void Signal_shuts_down_gracefully_with_exit_0(int signal, string line)
    {
        using var s = ServerProcess.StartRedisNet();
        s.Signal(signal);
        Assert.True(s.WaitForExit(20_000));
        Assert.Equal(0, s.ExitCode);
        WaitOutput(s, "bye bye...");
        var output = s.Output;
        Assert.Matches(new Regex($@"(?m)^{s.Pid}:signal-handler \(\d+\) {Regex.Escape(line)}$"), output);
        var m = Messages(output);
        AssertInOrder(m, line, "User requested shutdown...", "Redis is now ready to exit, bye bye...");
        Assert.Equal("Redis is now ready to exit, bye bye...", m[^1]);
        Assert.DoesNotContain("Saving", output);
        Assert.DoesNotContain("Application", output);
        Assert.Equal(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, ProcessRunner.LogLines(output).Count());
    }

    [Fact]
    public void Sighup_does_not_stop_the_server()
    {
        using var s = ServerProcess.StartRedisNet();
        s.Signal(1);
        s.Signal(1);
        using var c = s.Client();
        Assert.Equal("+PONG\r\n", c.CallString("PING"));
        Assert.False(s.HasExited);
    }

    [Fact]
    public void Loglevel_warning_hides_notice_lines()
    {
        using var s = ServerProcess.StartRedisNet("--loglevel", "warning");
        WaitOutput(s, "Server initialized");
        var m = Messages(s.Output);
        Assert.Contains("Server initialized", m);
        Assert.DoesNotContain("Ready to accept connections", m);
        Assert.DoesNotContain(ProcessRunner.LogLines(s.Output), l => !l.Contains(" # "));
    }

    [Fact]
    public void Loglevel_verbose_logs_accepted_connections()
    {
        using var s = ServerProcess.StartRedisNet("--loglevel", "verbose");
        using (var c = s.Client()) c.CallString("PING");
        Assert.True(ProcessRunner.WaitUntil(() => Regex.IsMatch(s.Output, @"(?m) - Accepted 127\.0\.0\.1:\d+$")));
    }

    [Fact]
    public void Loglevel_verbose_logs_a_client_closing_its_connection_with_its_client_line()
    {
        using var s = ServerProcess.StartRedisNet("--loglevel", "verbose");
        using (var c = s.Client())
        {
            c.CallString("CLIENT", "SETNAME", "closer");
        }
        Assert.True(ProcessRunner.WaitUntil(() => Regex.IsMatch(s.Output,
            @"(?m) - Client closed connection id=\d+ addr=127\.0\.0\.1:\d+ laddr=127\.0\.0\.1:\d+ fd=\d+ name=closer age=\d+ idle=\d+ flags=N db=0 .* cmd=client\|setname user=default redir=-1 resp=2$")));
    }

    [Fact]
    public void Always_show_logo_prints_the_banner_like_redis()
    {
        using var ours = ServerProcess.StartRedisNet("--always-show-logo", "yes");
        using var real = ServerProcess.StartRedis("--always-show-logo", "yes");
        WaitOutput(ours, "Ready to accept connections");
        WaitOutput(real, "Ready to accept connections");
        string Banner(ServerProcess p) => string.Join("\n", p.Output.Split('\n')
            .Where(l => !Regex.IsMatch(l, @"^\d+:")).TakeWhile(l => true))
            .Replace($"Port: {p.Port}", "Port: N").Replace($"PID: {p.Pid}", "PID: N").Trim('\n');
        Assert.Equal(Banner(real), Banner(ours));
        Assert.Contains($"Port: {ours.Port}", ours.Output);
        Assert.Contains($"PID: {ours.Pid}", ours.Output);
        Assert.DoesNotContain("Running mode=", ours.Output);
    }

    [Fact]
    public void Logfile_receives_the_log_and_stdout_stays_empty()
    {
        var log = Path.Combine(Path.GetTempPath(), $"redisnet-log-{Guid.NewGuid():N}.log");
        File.WriteAllText(log, "earlier line\n");
        try
        {
            using (var s = ServerProcess.StartRedisNet("--logfile", log))
            {
                s.Signal(15);
                Assert.True(s.WaitForExit(20_000));
                Assert.Equal("", s.Output);
            }
            var text = File.ReadAllText(log);
            Assert.StartsWith("earlier line\n", text);
            AssertInOrder(Messages(text), "Configuration loaded", "Ready to accept connections", "User requested shutdown...", "Redis is now ready to exit, bye bye...");
        }
        finally { File.Delete(log); }
    }

    [Fact]
    public void Pidfile_is_written_and_removed()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"redisnet-{Guid.NewGuid():N}.pid");
        using var s = ServerProcess.StartRedisNet("--pidfile", pidFile);
        Assert.Equal($"{s.Pid}\n", File.ReadAllText(pidFile));
        s.Signal(15);
        Assert.True(s.WaitForExit(20_000));
        Assert.Equal(0, s.ExitCode);
        WaitOutput(s, "bye bye...");
        Assert.False(File.Exists(pidFile));
        AssertInOrder(Messages(s.Output), "User requested shutdown...", "Removing the pid file.", "Redis is now ready to exit, bye bye...");
    }

    [Fact]
    public void Unix_socket_with_permissions_and_port_0()
    {
        var dir = Directory.CreateTempSubdirectory("redisnet-unix-").FullName;
        var sock = Path.Combine(dir, "redis.sock");
        try
        {
            using var p = ProcessRunner.RedisNet(new[] { "--port", "0", "--unixsocket", sock, "--unixsocketperm", "700", "--pidfile", Path.Combine(dir, "r.pid") });
            p.WaitForOutput("The server is now ready to accept connections at ");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(sock));
            using (var c = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                c.Connect(new UnixDomainSocketEndPoint(sock));
                c.Send("PING\r\n"u8.ToArray());
                var buf = new byte[64];
                Assert.Equal("+PONG\r\n", Encoding.ASCII.GetString(buf, 0, c.Receive(buf)));
            }
            var m = Messages(p.Stdout);
            Assert.Contains("Running mode=standalone, port=0.", m);
            Assert.Contains($"The server is now ready to accept connections at {sock}", m);
            Assert.DoesNotContain("Ready to accept connections", m); // no TCP listener with port 0
            p.Signal(15);
            Assert.Equal(0, p.WaitExit());
            Assert.False(File.Exists(sock));
            AssertInOrder(Messages(p.Stdout), "User requested shutdown...", "Removing the pid file.", "Removing the unix socket file.", "Redis is now ready to exit, bye bye...");
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Unix_socket_failure_matches_redis()
    {
        string[] args = { "--port", "0", "--unixsocket", "/nonexistent-dir/x.sock" };
        using var ours = ProcessRunner.RedisNet(args);
        using var real = ProcessRunner.Exe("redis-server", args.Append("--save").Append(""));
        Assert.Equal(real.WaitExit(), ours.WaitExit());
        var expected = "Failed opening Unix socket: bind: No such file or directory";
        Assert.Contains(expected, Messages(real.Stdout));
        Assert.Contains(expected, Messages(ours.Stdout));
    }
}
