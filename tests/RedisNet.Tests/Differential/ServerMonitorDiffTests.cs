using System.Text;
using System.Text.RegularExpressions;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>MONITOR output: which commands are shown, quoting, db numbers and password redaction.</summary>
public class ServerMonitorDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void MonitorLinesMatchAfterTimestampAndAddress()
    {
        using var monitors = servers.Session();
        monitors.Same("MONITOR");
        using var s = servers.Session();
        var commands = new[]
        {
            new[] { "PING" }, new[] { "ECHO", "a\x01\"\\b\n" }, new[] { "AUTH", "x" }, new[] { "AUTH", "a", "b" },
            new[] { "HELLO", "2", "AUTH", "default", "pw" }, new[] { "CLIENT", "SETNAME", "n" }, new[] { "CLIENT", "LIST" },
            new[] { "INFO", "server" }, new[] { "NOSUCH" }, new[] { "ECHO" }, new[] { "SLOWLOG", "LEN" }, new[] { "MEMORY", "USAGE", "x" },
            new[] { "COMMAND", "COUNT" }, new[] { "TIME" }, new[] { "ROLE" }, new[] { "CLIENT", "KILL", "1.2.3.4:1" },
            new[] { "LATENCY", "LATEST" }, new[] { "RESET" }, new[] { "SHUTDOWN", "ABORT" }, new[] { "ECHO", "last" },
        };
        foreach (var c in commands) s.Both(c);
        var expected = ReadUntilLast(monitors.Redis);
        var actual = ReadUntilLast(monitors.Net);
        Assert.Equal(expected, actual);
        Assert.Contains("\"AUTH\" \"(redacted)\" \"(redacted)\"", string.Join("\n", actual));
    }

    /// <summary>MONITOR lines up to the one with "last", with timestamp and address masked.</summary>
    internal static List<string> ReadUntilLast(RespClient c)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = Encoding.Latin1.GetString(c.ReadReply());
            // "+<sec>.<usec> [db ip:port] args": keep db and args.
            line = Regex.Replace(line, @"^\+\d+\.\d{6} \[(\d+) [^\]]+\]", "+T [$1 ADDR]");
            lines.Add(line);
            if (line.Contains("\"last\"")) return lines;
        }
    }
}

/// <summary>What a client in MONITOR mode may still do, and RESET leaving monitor mode.</summary>
public class ServerMonitorModeDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void MonitorClientCommandsAndReset()
    {
        using var m = servers.Session();
        m.Same("MONITOR");
        // A second MONITOR gets no reply: the PING after it answers first, then its own feed line.
        m.Redis.SendRaw(RespClient.Encode(new[] { "MONITOR"u8.ToArray() }));
        m.Net.SendRaw(RespClient.Encode(new[] { "MONITOR"u8.ToArray() }));
        m.Same("PING");
        Assert.Equal(Feed(m.Redis.ReadReply()), Feed(m.Net.ReadReply()));
        m.Same("GET", "k");
        m.Same("ECHO", "x");
        Assert.Equal(Feed(m.Redis.ReadReply()), Feed(m.Net.ReadReply()));
        m.Same("RESET");
        using var other = servers.Session();
        other.Same("ECHO", "after-reset");
        m.Same("ECHO", "not monitoring");
    }

    private static string Feed(byte[] line) =>
        System.Text.RegularExpressions.Regex.Replace(Encoding.ASCII.GetString(line), @"^\+\d+\.\d{6} \[(\d+) [^\]]+\]", "+T [$1 ADDR]");
}
