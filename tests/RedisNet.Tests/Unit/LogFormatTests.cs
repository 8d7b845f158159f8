using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using RedisNet.Hosting;
using RedisNet.Logging;
using Xunit;

namespace RedisNet.Tests.Unit;

public class LogFormatTests
{
    [Fact]
    public void Line_has_redis_prefix()
    {
        var line = RedisLoggerProvider.FormatLine(42, 'M', new DateTime(2026, 3, 7, 9, 5, 3, 12), '*', "Ready to accept connections");
        Assert.Equal("42:M 07 Mar 2026 09:05:03.012 * Ready to accept connections", line);
    }

    [Theory]
    [InlineData("debug", LogLevel.Trace, '.')]
    [InlineData("verbose", LogLevel.Debug, '-')]
    [InlineData("notice", LogLevel.Information, '*')]
    [InlineData("warning", LogLevel.Warning, '#')]
    public void Levels_map_to_redis_marks(string name, LogLevel level, char mark)
    {
        Assert.Equal(level, RedisLoggerProvider.ParseLevel(name));
        Assert.Equal(mark, RedisLoggerProvider.Mark(level));
    }

    [Fact]
    public void Level_filter_and_nothing()
    {
        var file = Path.GetTempFileName();
        try
        {
            using (var p = new RedisLoggerProvider(file, "warning"))
            {
                var log = p.CreateLogger("redis");
                log.LogInformation("notice line");
                log.LogWarning("warning line");
                p.WriteRaw("logo\n");
                p.WriteFromSignalHandler("Received SIGTERM scheduling shutdown...");
            }
            using (var p = new RedisLoggerProvider(file, "nothing"))
            {
                p.CreateLogger("redis").LogWarning("never");
                p.WriteFromSignalHandler("never either");
            }
            var lines = File.ReadAllLines(file);
            Assert.Equal(2, lines.Length);
            Assert.EndsWith(" # warning line", lines[0]);
            Assert.Matches(new Regex(@"^\d+:signal-handler \(\d+\) Received SIGTERM scheduling shutdown\.\.\.$"), lines[1]);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Logfile_is_appended()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "previous\n");
            using (var p = new RedisLoggerProvider(file, "notice")) p.CreateLogger("x").LogInformation("one");
            using (var p = new RedisLoggerProvider(file, "notice")) p.CreateLogger("x").LogInformation("two");
            var lines = File.ReadAllLines(file);
            Assert.Equal("previous", lines[0]);
            Assert.EndsWith("* one", lines[1]);
            Assert.EndsWith("* two", lines[2]);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Syslog_datagram_format()
    {
        var text = SyslogSink.Format(SyslogSink.FacilityCode("local0"), SyslogSink.Severity('#'), new DateTime(2026, 11, 2, 3, 4, 5), "redis", 77, "Server initialized");
        Assert.Equal("<132>Nov  2 03:04:05 redis[77]: Server initialized", text);
        Assert.Equal(8 + 7, SyslogSink.FacilityCode("user") * 8 + SyslogSink.Severity('.'));
        Assert.Equal(23 * 8 + 5, SyslogSink.FacilityCode("local7") * 8 + SyslogSink.Severity('*'));
    }

    [Fact]
    public void Syslog_sink_sends_to_the_socket()
    {
        var path = Path.Combine(Path.GetTempPath(), "redisnet-syslog-" + Guid.NewGuid().ToString("N")[..8]);
        using var rx = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Unspecified);
        rx.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        rx.ReceiveTimeout = 5000;
        try
        {
            using var sink = new SyslogSink("myredis", "local3", path);
            sink.Send('-', "hello");
            var buf = new byte[1024];
            int n = rx.Receive(buf);
            var msg = System.Text.Encoding.UTF8.GetString(buf, 0, n);
            Assert.Matches(new Regex($@"^<{19 * 8 + 6}>\w{{3}} [ \d]\d \d\d:\d\d:\d\d myredis\[{Environment.ProcessId}\]: hello$"), msg);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Logo_has_the_lines_tools_grep()
    {
        var logo = Logo.Render("standalone", 6380, 1234);
        Assert.Contains("Redis 7.0.15 (00000000/0) 64 bit", logo);
        Assert.Contains("     Running in standalone mode\n", logo);
        Assert.Contains("     Port: 6380\n", logo);
        Assert.Contains("     PID: 1234\n", logo);
        Assert.EndsWith("\n\n", logo);
        Assert.Equal("Running mode=standalone, port=6380.", Logo.OneLine("standalone", 6380));
        Assert.True(Logo.ShouldShow(alwaysShowLogo: true, syslogEnabled: true, logFile: "x", stdoutIsTty: false));
        Assert.True(Logo.ShouldShow(false, false, "", stdoutIsTty: true));
        Assert.False(Logo.ShouldShow(false, false, "/tmp/log", stdoutIsTty: true));
        Assert.False(Logo.ShouldShow(false, true, "", stdoutIsTty: true));
        Assert.False(Logo.ShouldShow(false, false, "", stdoutIsTty: false));
    }

    [Theory]
    [InlineData(new[] { "-v" }, null, StartAction.Version)]
    [InlineData(new[] { "--version" }, null, StartAction.Version)]
    [InlineData(new[] { "-h" }, null, StartAction.Help)]
    [InlineData(new[] { "--help" }, null, StartAction.Help)]
    [InlineData(new[] { "--test-memory", "10" }, null, StartAction.TestMemory)]
    [InlineData(new[] { "--check-system" }, null, StartAction.CheckSystem)]
    [InlineData(new[] { "/etc/sentinel.conf", "--sentinel" }, "/usr/bin/redis-server", StartAction.Sentinel)]
    [InlineData(new[] { "--port", "1" }, "/usr/local/bin/redis-sentinel", StartAction.Sentinel)]
    [InlineData(new[] { "--port", "1" }, "./redis-sentinel-7.0", StartAction.Sentinel)]
    [InlineData(new[] { "--port", "1", "-v" }, "/usr/bin/redis-server", StartAction.Run)]
    [InlineData(new string[0], "redis-server", StartAction.Run)]
    public void Classify_like_redis(string[] args, string? argv0, StartAction expected) =>
        Assert.Equal(expected, CommandLine.Classify(args, argv0));
}
