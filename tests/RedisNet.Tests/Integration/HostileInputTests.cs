using System.Net;
using System.Net.Sockets;
using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>
/// Malicious or broken clients: absurd lengths, endless inline lines, connection floods. The server
/// must answer as Redis does, close the offender, not allocate what the client claims, and stay up.
/// </summary>
public class HostileInputTests
{
    private static long RssKb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:")) return long.Parse(line[6..].Trim().Split(' ')[0]);
        throw new InvalidOperationException("no VmRSS");
    }

    /// <summary>Sends raw bytes and reads until the server closes (or resets) the connection.</summary>
    private static (string Reply, bool Closed) SendAndDrain(int port, byte[] data, int waitMs = 15_000)
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Connect(IPAddress.Loopback, port);
        s.ReceiveTimeout = waitMs;
        var got = new MemoryStream();
        bool closed = false;
        try
        {
            s.Send(data);
            var buf = new byte[65536];
            int n;
            while ((n = s.Receive(buf)) > 0) got.Write(buf, 0, n);
            closed = true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown)
        {
            closed = true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut) { }
        return (Encoding.ASCII.GetString(got.ToArray()), closed);
    }

    private static void AssertAlive(ServerProcess s)
    {
        using var c = s.Client();
        Assert.Equal("+PONG\r\n", c.CallString("PING"));
    }

    [Theory]
    [InlineData("*1\r\n$2147483647\r\n")]
    [InlineData("*1\r\n$536870913\r\n")]
    [InlineData("*2147483648\r\n")]
    [InlineData("*1\r\n$-5\r\n")]
    [InlineData("*1\r\nfoo\r\n")]
    public void Invalid_lengths_get_redis_error_and_close(string input)
    {
        using var ours = ServerProcess.StartRedisNet();
        using var real = ServerProcess.StartRedis();
        long before = RssKb(ours.Pid);
        var expected = SendAndDrain(real.Port, Encoding.ASCII.GetBytes(input));
        var actual = SendAndDrain(ours.Port, Encoding.ASCII.GetBytes(input));
        Assert.True(expected.Closed);
        Assert.StartsWith("-ERR Protocol error: ", expected.Reply);
        Assert.Equal(expected, actual);
        Assert.True(RssKb(ours.Pid) < before + 50 * 1024, "no allocation of the claimed length");
        AssertAlive(ours);
    }

    [Fact]
    public void Huge_multibulk_count_allocates_nothing()
    {
        using var s = ServerProcess.StartRedisNet();
        long before = RssKb(s.Pid);
        using var c = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        c.Connect(IPAddress.Loopback, s.Port);
        // A valid count (Redis waits for the arguments), then a few of them.
        c.Send(Encoding.ASCII.GetBytes("*2147483647\r\n$3\r\nfoo\r\n$3\r\nbar\r\n"));
        AssertAlive(s);
        Thread.Sleep(200);
        Assert.True(RssKb(s.Pid) < before + 50 * 1024, $"RSS grew from {before} to {RssKb(s.Pid)} KB");
    }

    [Fact]
    public void Big_inline_request_is_rejected_like_redis()
    {
        using var ours = ServerProcess.StartRedisNet();
        using var real = ServerProcess.StartRedis();
        var line = Encoding.ASCII.GetBytes(new string('x', 64 * 1024 + 10));
        var expected = SendAndDrain(real.Port, line);
        Assert.Equal(("-ERR Protocol error: too big inline request\r\n", true), expected);
        Assert.Equal(expected, SendAndDrain(ours.Port, line));
        // A whole megabyte without a newline: refused and closed (the reply may be lost to a reset).
        var mb = SendAndDrain(ours.Port, Encoding.ASCII.GetBytes(new string('y', 1024 * 1024)));
        Assert.True(mb.Closed);
        Assert.True(mb.Reply is "" or "-ERR Protocol error: too big inline request\r\n", mb.Reply);
        AssertAlive(ours);
    }

    [Fact]
    public void Query_buffer_limit_closes_the_client_like_redis()
    {
        using var ours = ServerProcess.StartRedisNet("--client-query-buffer-limit", "1mb");
        using var real = ServerProcess.StartRedis("--client-query-buffer-limit", "1mb");
        // One unfinished 3 MB argument: more than the limit is buffered without a complete command.
        var data = Encoding.ASCII.GetBytes("*2\r\n$3\r\nSET\r\n$3000000\r\n" + new string('z', 1536 * 1024));
        var expected = SendAndDrain(real.Port, data);
        Assert.True(expected.Closed);
        var actual = SendAndDrain(ours.Port, data);
        Assert.Equal(expected, actual);
        Assert.True(ProcessRunner.WaitUntil(() => ours.Output.Contains("Closing client that reached max query buffer length")), ours.Output);
        AssertAlive(ours);
    }

    [Fact]
    public void Ten_thousand_connections_leave_the_server_up_and_small()
    {
        using var s = ServerProcess.StartRedisNet();
        AssertAlive(s);
        long start = RssKb(s.Pid);
        const int batch = 500;
        for (int round = 0; round < 10_000 / batch; round++)
        {
            var socks = new List<Socket>(batch);
            for (int i = 0; i < batch; i++)
            {
                var c = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                c.Connect(IPAddress.Loopback, s.Port);
                // Half send a partial command before vanishing.
                if (i % 2 == 0) c.Send("*3\r\n$3\r\nSET\r\n$1\r\n"u8.ToArray());
                socks.Add(c);
            }
            foreach (var c in socks) c.Dispose();
        }
        AssertAlive(s);
        // Connections are torn down asynchronously and the GC returns memory lazily: poll for the bound.
        long bound = start * 2 + 50 * 1024;
        Assert.True(ProcessRunner.WaitUntil(() => RssKb(s.Pid) < bound, 30_000),
            $"RSS {start} KB at start, {RssKb(s.Pid)} KB after 10,000 connections");
        Assert.False(s.HasExited);
    }
}
