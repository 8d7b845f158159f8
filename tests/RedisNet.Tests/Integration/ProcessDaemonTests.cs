using System.Net.Sockets;
using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>daemonize, supervised systemd, fd-limit adjustment, bind failures.</summary>
public class ProcessDaemonTests
{
    private static List<string> Messages(string output) => ProcessRunner.LogLines(output).Select(ProcessRunner.Message).ToList();

    [Fact]
    public void Daemonize_detaches_writes_pidfile_and_parent_exits_0()
    {
        var dir = Directory.CreateTempSubdirectory("redisnet-daemon-").FullName;
        var pidFile = Path.Combine(dir, "r.pid");
        var log = Path.Combine(dir, "r.log");
        int port = ServerProcess.FreePort();
        int daemonPid = 0;
        try
        {
            using (var parent = ProcessRunner.RedisNet(new[] { "--port", port.ToString(), "--daemonize", "yes", "--pidfile", pidFile, "--logfile", log, "--dir", dir }))
            {
                Assert.Equal(0, parent.WaitExit());
                Assert.Equal("", parent.Stdout);
                Assert.Equal("", parent.Stderr);
                // Ready before the parent returned: no waiting needed.
                using var c = new RespClient(port);
                Assert.Equal("+PONG\r\n", c.CallString("PING"));
                daemonPid = int.Parse(File.ReadAllText(pidFile).Trim());
                Assert.NotEqual(parent.Pid, daemonPid);
            }
            // A new session of its own, standard streams on /dev/null.
            var stat = File.ReadAllText($"/proc/{daemonPid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            Assert.Equal(daemonPid.ToString(), fields[3]); // session id
            Assert.Equal("/dev/null", new FileInfo($"/proc/{daemonPid}/fd/1").LinkTarget);
            ProcessRunner.Kill(daemonPid, 15);
            Assert.True(ProcessRunner.WaitUntil(() => !File.Exists(pidFile) && !Directory.Exists($"/proc/{daemonPid}")));
            var m = Messages(File.ReadAllText(log));
            Assert.Contains($"Redis version=7.0.15, bits=64, commit=00000000, modified=0, pid={daemonPid}, just started", m);
            Assert.Equal(1, m.Count(x => x == "oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo"));
            Assert.Contains("Removing the pid file.", m);
            Assert.Equal("Redis is now ready to exit, bye bye...", m[^1]);
        }
        finally
        {
            if (daemonPid != 0 && Directory.Exists($"/proc/{daemonPid}")) ProcessRunner.Kill(daemonPid, 9);
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Daemonize_with_config_from_stdin_gives_the_child_that_config()
    {
        var dir = Directory.CreateTempSubdirectory("redisnet-daemon-").FullName;
        var pidFile = Path.Combine(dir, "r.pid");
        int port = ServerProcess.FreePort();
        int daemonPid = 0;
        try
        {
            using (var parent = ProcessRunner.RedisNet(new[] { "-" }))
            {
                parent.WriteStdinAndClose($"port {port}\ndaemonize yes\ndir {dir}\npidfile {pidFile}\nlogfile {Path.Combine(dir, "r.log")}\nmaxmemory-samples 7\n");
                Assert.Equal(0, parent.WaitExit());
            }
            using var c = new RespClient(port);
            Assert.Equal("*2\r\n$17\r\nmaxmemory-samples\r\n$1\r\n7\r\n", c.CallString("CONFIG", "GET", "maxmemory-samples"));
            daemonPid = int.Parse(File.ReadAllText(pidFile).Trim());
            ProcessRunner.Kill(daemonPid, 15);
            Assert.True(ProcessRunner.WaitUntil(() => !Directory.Exists($"/proc/{daemonPid}")));
        }
        finally
        {
            if (daemonPid != 0 && Directory.Exists($"/proc/{daemonPid}")) ProcessRunner.Kill(daemonPid, 9);
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Daemonize_parent_exits_1_when_the_child_fails()
    {
        using var blocker = ServerProcess.StartRedisNet();
        var dir = Directory.CreateTempSubdirectory("redisnet-daemon-").FullName;
        try
        {
            var log = Path.Combine(dir, "r.log");
            using var parent = ProcessRunner.RedisNet(new[] { "--port", blocker.Port.ToString(), "--daemonize", "yes", "--logfile", log, "--pidfile", Path.Combine(dir, "p") });
            Assert.Equal(1, parent.WaitExit());
            Assert.Contains($"Failed listening on port {blocker.Port} (TCP), aborting.", Messages(File.ReadAllText(log)));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Bind_failures_match_redis()
    {
        using var blocker = ServerProcess.StartRedisNet();
        foreach (var extra in new[] { new string[0], new[] { "--bind", "127.0.0.1", "192.0.2.1" }, new[] { "--bind", "no-such-host.invalid" } })
        {
            // Each server gets its own port (the blocker's when testing "in use"), then the messages
            // are compared with the port numbers normalised.
            string[] Args(int port) => new[] { "--port", port.ToString() }.Concat(extra).ToArray();
            int portOurs = extra.Length == 0 ? blocker.Port : ServerProcess.FreePort();
            using var ours = ProcessRunner.RedisNet(Args(portOurs));
            Assert.Equal(1, ours.WaitExit());
            int portReal = extra.Length == 0 ? blocker.Port : ServerProcess.FreePort();
            using var real = ProcessRunner.Exe("redis-server", Args(portReal).Append("--save").Append(""));
            Assert.Equal(1, real.WaitExit());
            List<string> Pick(string output, int port) =>
                Messages(output).Where(l => l.Contains("listening")).Select(l => l.Replace(port.ToString(), "PORT")).ToList();
            var expected = Pick(real.Stdout, portReal);
            Assert.Equal(2, expected.Count);
            Assert.Equal(expected, Pick(ours.Stdout, portOurs));
        }
    }

    [Fact]
    public void Optional_bind_address_is_skipped_like_redis()
    {
        int port = ServerProcess.FreePort();
        using var p = ProcessRunner.RedisNet(new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "-192.0.2.1" });
        p.WaitForOutput("Ready to accept connections");
        Assert.Contains($"Warning: Could not create server TCP listening socket 192.0.2.1:{port}: bind: Cannot assign requested address", Messages(p.Stdout));
        using var c = new RespClient(port);
        Assert.Equal("+PONG\r\n", c.CallString("PING"));
    }

    [Fact]
    public void Low_fd_limit_reduces_maxclients_like_redis()
    {
        string[] Args() => new[] { "--port", ServerProcess.FreePort().ToString(), "--maxclients", "1000" };
        using var ours = ProcessRunner.Shell("ulimit -n 256", "dotnet", new[] { ServerProcess.RedisNetDll }.Concat(Args()));
        using var real = ProcessRunner.Shell("ulimit -n 256", "redis-server", Args().Append("--save").Append(""));
        real.WaitForOutput("Server initialized");
        ours.WaitForOutput("Server initialized");
        var pick = (string o) => Messages(o).Where(l => l.Contains("maxclients") || l.Contains("open files")).ToList();
        var expected = pick(real.Stdout);
        real.Signal(15);
        ours.Signal(15);
        Assert.Equal(3, expected.Count);
        Assert.Equal("Current maximum open files is 256. maxclients has been reduced to 224 to compensate for low ulimit. If you need higher maxclients increase 'ulimit -n'.", expected[2]);
        Assert.Equal(expected, pick(ours.Stdout));
    }

    [Fact]
    public void Port_0_without_unixsocket_exits_like_redis()
    {
        using var ours = ProcessRunner.RedisNet(new[] { "--port", "0" });
        using var real = ProcessRunner.Exe("redis-server", new[] { "--port", "0", "--save", "" });
        Assert.Equal(1, real.WaitExit());
        Assert.Equal(1, ours.WaitExit());
        Assert.Equal("Configured to not listen anywhere, exiting.", Messages(real.Stdout)[^1]);
        Assert.Equal("Configured to not listen anywhere, exiting.", Messages(ours.Stdout)[^1]);
    }

    [Fact]
    public void Supervised_systemd_sends_the_same_notifications_as_redis()
    {
        List<string> Run(bool redis)
        {
            var path = Path.Combine(Path.GetTempPath(), $"rn-notify-{Guid.NewGuid():N}"[..24]);
            using var rx = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            rx.Bind(new UnixDomainSocketEndPoint(path));
            rx.ReceiveTimeout = 20_000;
            var got = new List<string>();
            try
            {
                int port = ServerProcess.FreePort();
                var args = new List<string> { "--port", port.ToString(), "--supervised", "systemd" };
                if (redis) args.AddRange(new[] { "--save", "" });
                var env = new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = path };
                using var p = redis ? ProcessRunner.Exe("redis-server", args, env) : ProcessRunner.RedisNet(args, env);
                var buf = new byte[512];
                while (!got.Contains("READY=1\n")) got.Add(Encoding.ASCII.GetString(buf, 0, rx.Receive(buf)));
                p.WaitForOutput(@"Supervised by systemd\. Please make sure you set appropriate values for TimeoutStartSec and TimeoutStopSec in your service unit\.$");
                p.Signal(15);
                got.Add(Encoding.ASCII.GetString(buf, 0, rx.Receive(buf)));
                Assert.Equal(0, p.WaitExit());
            }
            finally { File.Delete(path); }
            return got;
        }
        var expected = Run(redis: true);
        Assert.Equal(new[] { "STATUS=Redis is loading...\n", "STATUS=Ready to accept connections\n", "READY=1\n", "STOPPING=1\n" }, expected);
        Assert.Equal(expected, Run(redis: false));
    }

    [Fact]
    public void Supervised_systemd_without_notify_socket_logs_like_redis()
    {
        int port = ServerProcess.FreePort();
        using var p = ProcessRunner.RedisNet(new[] { "--port", port.ToString(), "--supervised", "systemd" }, new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = null });
        p.WaitForOutput("Ready to accept connections");
        p.Signal(15);
        Assert.Equal(0, p.WaitExit());
        var m = Messages(p.Stdout);
        Assert.Equal(4, m.Count(l => l == "systemd supervision error: NOTIFY_SOCKET not found!"));
        Assert.Equal("systemd supervision error: NOTIFY_SOCKET not found!", m[0]);
    }
}
