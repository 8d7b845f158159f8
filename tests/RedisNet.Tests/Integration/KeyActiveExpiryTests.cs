using System.Diagnostics;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>The cron's active expire cycle reclaims keys nobody reads, and DEBUG SET-ACTIVE-EXPIRE 0 stops it.</summary>
public class KeyActiveExpiryTests : IDisposable
{
    private readonly ServerProcess _server = ServerProcess.StartRedisNet("--enable-debug-command", "yes");

    private static void PExpireAll(RespClient c, int count, string ms)
    {
        // Pipelined: all commands first, then all replies.
        var sb = new MemoryStream();
        for (int i = 0; i < count; i++) sb.Write(RespClient.Encode(new[] { "PEXPIRE", $"key:{i}", ms }.Select(RespClient.Bytes)));
        c.SendRaw(sb.ToArray());
        for (int i = 0; i < count; i++) Assert.Equal(":1\r\n", System.Text.Encoding.ASCII.GetString(c.ReadReply()));
    }

    private static bool WaitForDbSize(RespClient c, string expected, TimeSpan deadline)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < deadline)
        {
            if (c.CallString("DBSIZE") == expected) return true;
            Thread.Sleep(50);
        }
        return false;
    }

    [Fact]
    public void ExpiredKeysAreReclaimedWithoutAccess()
    {
        using var c = _server.Client();
        Assert.Equal("+OK\r\n", c.CallString("DEBUG", "POPULATE", "1000"));
        PExpireAll(c, 1000, "100");
        // Only DBSIZE is sent: it reports the table size and never triggers lazy expiry.
        Assert.True(WaitForDbSize(c, ":0\r\n", TimeSpan.FromSeconds(30)), "active expiry did not reclaim the keys");
    }

    [Fact]
    public void SetActiveExpireZeroStopsTheCycle()
    {
        using var c = _server.Client();
        Assert.Equal("+OK\r\n", c.CallString("DEBUG", "SET-ACTIVE-EXPIRE", "0"));
        Assert.Equal("+OK\r\n", c.CallString("DEBUG", "POPULATE", "200"));
        PExpireAll(c, 200, "1");
        // Several cron ticks (hz 10) pass; with the cycle off nothing may be reclaimed.
        Thread.Sleep(500);
        Assert.Equal(":200\r\n", c.CallString("DBSIZE"));
        Assert.Equal("+OK\r\n", c.CallString("DEBUG", "SET-ACTIVE-EXPIRE", "1"));
        Assert.True(WaitForDbSize(c, ":0\r\n", TimeSpan.FromSeconds(30)), "active expiry did not resume");
    }

    public void Dispose() => _server.Dispose();
}
