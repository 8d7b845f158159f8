using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using RedisNet.Networking;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>bind addresses, IPv6, protected mode, maxclients, idle timeout, TCP keepalive.</summary>
public class NetworkEdgeTests
{
    /// <summary>Connects from a chosen local address and returns everything the server sends until it closes.</summary>
    private static string ConnectFrom(string source, string target, int port, string? send = null, int maxWaitMs = 10_000)
    {
        var family = IPAddress.Parse(target).AddressFamily;
        using var s = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
        s.Connect(IPAddress.Parse(target), port);
        if (send != null) s.Send(Encoding.ASCII.GetBytes(send));
        s.ReceiveTimeout = maxWaitMs;
        var all = new MemoryStream();
        var buf = new byte[4096];
        try
        {
            int n;
            while ((n = s.Receive(buf)) > 0)
            {
                all.Write(buf, 0, n);
                if (send != null && all.Length > 0 && buf[n - 1] == '\n' && !all.ToArray().AsSpan().StartsWith("-DENIED"u8) && !all.ToArray().AsSpan().StartsWith("-ERR max"u8)) break;
            }
        }
        catch (SocketException) { }
        return Encoding.ASCII.GetString(all.ToArray());
    }

    [Fact]
    public void Protected_mode_denies_non_loopback_peers_with_redis_text()
    {
        // 127.0.0.2 is loopback to the kernel, but not "127.0.0.1" or "::1": Redis refuses it.
        string[] args = { "--bind", "127.0.0.1", "127.0.0.2" };
        using var ours = ServerProcess.StartRedisNet(args);
        using var real = ServerProcess.StartRedis(args);
        var expected = ConnectFrom("127.0.0.2", "127.0.0.2", real.Port);
        Assert.StartsWith("-DENIED Redis is running in protected mode", expected);
        Assert.Equal(expected, ConnectFrom("127.0.0.2", "127.0.0.2", ours.Port));
        Assert.Equal(Listener.ProtectedModeError, expected);
        Assert.Equal("+PONG\r\n", ConnectFrom("127.0.0.1", "127.0.0.2", ours.Port, "PING\r\n"));
    }

    [Fact]
    public void Protected_mode_off_or_password_admits_other_peers()
    {
        using (var s = ServerProcess.StartRedisNet("--bind", "127.0.0.1", "127.0.0.2", "--protected-mode", "no"))
            Assert.Equal("+PONG\r\n", ConnectFrom("127.0.0.2", "127.0.0.2", s.Port, "PING\r\n"));
        int port = ServerProcess.FreePort();
        using var p = ProcessRunner.RedisNet(new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "127.0.0.2", "--requirepass", "secret" });
        p.WaitForOutput("Ready to accept connections");
        Assert.Equal("-NOAUTH Authentication required.\r\n", ConnectFrom("127.0.0.2", "127.0.0.2", port, "PING\r\n"));
    }

    [Fact]
    public void Maxclients_refuses_with_redis_error_and_closes()
    {
        using var ours = ServerProcess.StartRedisNet("--maxclients", "1");
        using var real = ServerProcess.StartRedis("--maxclients", "1");
        foreach (var s in new[] { real, ours })
        {
            // The readiness probe's connection may not be released yet: retry until the slot is ours.
            RespClient? first = null;
            Assert.True(ProcessRunner.WaitUntil(() =>
            {
                first?.Dispose();
                first = s.Client();
                try { return first.CallString("PING") == "+PONG\r\n"; }
                catch (IOException) { return false; }
                catch (SocketException) { return false; }
            }));
            using var _ = first;
            Assert.Equal("-ERR max number of clients reached\r\n", ConnectFrom("127.0.0.1", "127.0.0.1", s.Port));
            Assert.Equal("+PONG\r\n", first!.CallString("PING"));
        }
    }

    [Fact]
    public void Several_bind_addresses_and_ipv6()
    {
        using var s = ServerProcess.StartRedisNet("--bind", "127.0.0.1", "::1");
        Assert.Equal("+PONG\r\n", ConnectFrom("::1", "::1", s.Port, "PING\r\n"));
        Assert.Equal("+PONG\r\n", ConnectFrom("127.0.0.1", "127.0.0.1", s.Port, "PING\r\n"));
        // Not bound to 127.0.0.2.
        Assert.Throws<SocketException>(() => ConnectFrom("127.0.0.1", "127.0.0.2", s.Port, "PING\r\n"));
    }

    [Fact]
    public void Default_bind_listens_on_ipv4_and_ipv6()
    {
        using var s = ServerProcess.StartRedisNet();
        Assert.Equal("+PONG\r\n", ConnectFrom("::1", "::1", s.Port, "PING\r\n"));
        Assert.Equal("+PONG\r\n", ConnectFrom("127.0.0.1", "127.0.0.1", s.Port, "PING\r\n"));
    }

    [Fact]
    public void Idle_clients_are_closed_after_timeout()
    {
        using var s = ServerProcess.StartRedisNet("--timeout", "1");
        using var c = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        c.Connect(IPAddress.Loopback, s.Port);
        c.ReceiveTimeout = 30_000;
        var buf = new byte[16];
        int n;
        try { n = c.Receive(buf); } catch (SocketException) { n = -1; }
        Assert.Equal(0, n); // orderly close by the server, nothing sent
        using var fresh = s.Client();
        Assert.Equal("+PONG\r\n", fresh.CallString("PING"));
    }

    private static string KeepaliveTimers(int port)
    {
        var psi = new ProcessStartInfo("ss", $"-tnoH state established ( sport = :{port} )") { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text;
    }

    [Fact]
    public void Tcp_keepalive_is_set_on_accepted_sockets()
    {
        using (var s = ServerProcess.StartRedisNet("--tcp-keepalive", "30"))
        using (var c = s.Client())
        {
            Assert.Equal("+PONG\r\n", c.CallString("PING"));
            Assert.Matches(new Regex(@"timer:\(keepalive,(2\d|30)sec,0\)"), KeepaliveTimers(s.Port));
        }
        using (var s = ServerProcess.StartRedisNet("--tcp-keepalive", "0"))
        using (var c = s.Client())
        {
            Assert.Equal("+PONG\r\n", c.CallString("PING"));
            var timers = KeepaliveTimers(s.Port);
            Assert.Contains($":{s.Port}", timers);
            Assert.DoesNotContain("keepalive", timers);
        }
    }

    [Fact]
    public void Config_set_port_moves_the_listener()
    {
        using var s = ServerProcess.StartRedisNet();
        int next = ServerProcess.FreePort();
        using (var c = s.Client())
        {
            Assert.Equal("+OK\r\n", c.CallString("CONFIG", "SET", "port", next.ToString()));
            // The connection that asked keeps working; new ones go to the new port only.
            Assert.Equal("+PONG\r\n", c.CallString("PING"));
        }
        using (var moved = new RespClient(next)) Assert.Equal("+PONG\r\n", moved.CallString("PING"));
        Assert.Throws<SocketException>(() => new RespClient(s.Port).Dispose());
    }

    [Fact]
    public void Config_set_port_in_use_fails_like_redis_and_keeps_listening()
    {
        using var blocker = ServerProcess.StartRedis();
        using var ours = ServerProcess.StartRedisNet();
        using var real = ServerProcess.StartRedis();
        foreach (var s in new[] { real, ours })
        {
            using var c = s.Client();
            Assert.Equal("-ERR CONFIG SET failed (possibly related to argument 'port') - Unable to listen on this port. Check server logs.\r\n",
                c.CallString("CONFIG", "SET", "port", blocker.Port.ToString()));
            using var again = s.Client();
            Assert.Equal("+PONG\r\n", again.CallString("PING"));
        }
    }
}
