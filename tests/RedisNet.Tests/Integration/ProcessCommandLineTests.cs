using System.Text.RegularExpressions;
using RedisNet.Hosting;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>redis-server's early command line: -v, -h, --test-memory, sentinel selection.</summary>
public class ProcessCommandLineTests
{
    private static (int Code, string Out, string Err) Run(ProcessRunner p)
    {
        using (p)
        {
            int code = p.WaitExit();
            return (code, p.Stdout, p.Stderr);
        }
    }

    [Fact]
    public void Version_prints_redis_format_and_exits_0()
    {
        foreach (var flag in new[] { "-v", "--version" })
        {
            var (code, stdout, stderr) = Run(ProcessRunner.RedisNet(new[] { flag }));
            Assert.Equal(0, code);
            Assert.Matches(new Regex(@"^Redis server v=7\.0\.15 sha=00000000:0 malloc=libc bits=64 build=[0-9a-f]{1,16}\n$"), stdout);
            Assert.Equal("", stderr);
        }
        // The same fields, in the same order, as the real server prints.
        var (_, real, _) = Run(ProcessRunner.Exe("redis-server", new[] { "-v" }));
        var fields = (string s) => Regex.Matches(s, @"(\w+)=").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(fields(real), fields(ServerVersion.VersionLine));
    }

    [Fact]
    public void Version_is_stable_across_runs()
    {
        var (_, a, _) = Run(ProcessRunner.RedisNet(new[] { "-v" }));
        var (_, b, _) = Run(ProcessRunner.RedisNet(new[] { "-v" }));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Help_matches_real_server()
    {
        var (code, stdout, stderr) = Run(ProcessRunner.RedisNet(new[] { "--help" }));
        var (realCode, realOut, realErr) = Run(ProcessRunner.Exe("redis-server", new[] { "--help" }));
        Assert.Equal(realCode, code);
        Assert.Equal(realOut, stdout);
        Assert.Equal(realErr, stderr);
        var (code2, _, stderr2) = Run(ProcessRunner.RedisNet(new[] { "-h" }));
        Assert.Equal(realCode, code2);
        Assert.Equal(realErr, stderr2);
    }

    [Fact]
    public void Test_memory_without_size_matches_real_server()
    {
        var (code, _, stderr) = Run(ProcessRunner.RedisNet(new[] { "--test-memory" }));
        var (realCode, _, realErr) = Run(ProcessRunner.Exe("redis-server", new[] { "--test-memory" }));
        Assert.Equal(realCode, code);
        Assert.Equal(realErr, stderr);
    }

    [Fact]
    public void Test_memory_with_size_is_not_supported()
    {
        var (code, stdout, stderr) = Run(ProcessRunner.RedisNet(new[] { "--test-memory", "16" }));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("--test-memory is not supported", stderr);
    }

    [Fact]
    public void Sentinel_flag_anywhere_selects_sentinel_mode()
    {
        var (code, stdout, stderr) = Run(ProcessRunner.RedisNet(new[] { "--port", "0", "--sentinel" }));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal(CommandLine.SentinelNotImplemented + "\n", stderr);
    }

    [Fact]
    public void Started_as_redis_sentinel_symlink_selects_sentinel_mode()
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "redis-server");
        Assert.True(File.Exists(apphost), "the apphost is copied next to the tests");
        var dir = Directory.CreateTempSubdirectory("redisnet-sentinel-").FullName;
        try
        {
            var link = Path.Combine(dir, "redis-sentinel");
            File.CreateSymbolicLink(link, apphost);
            var (code, _, stderr) = Run(ProcessRunner.Exe(link, new[] { "--port", "0" }));
            Assert.Equal(1, code);
            Assert.Equal(CommandLine.SentinelNotImplemented + "\n", stderr);
            // The apphost under its own name still runs as a server (-v proves it got past the check).
            var (vcode, vout, _) = Run(ProcessRunner.Exe(apphost, new[] { "-v" }));
            Assert.Equal(0, vcode);
            Assert.StartsWith("Redis server v=7.0.15", vout);
        }
        finally { Directory.Delete(dir, true); }
    }
}
