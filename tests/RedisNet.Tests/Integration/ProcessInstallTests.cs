using RedisNet.Hosting;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>scripts/install.sh: a published server as PREFIX/bin/redis-server and redis-sentinel.</summary>
public class ProcessInstallTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "scripts", "install.sh"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void Install_script_installs_server_and_sentinel_names()
    {
        var prefix = Directory.CreateTempSubdirectory("redisnet-prefix-").FullName;
        try
        {
            using (var install = ProcessRunner.Exe("bash", new[] { Path.Combine(RepoRoot(), "scripts", "install.sh"), prefix }))
                Assert.True(install.WaitExit(300_000) == 0, install.Stdout + install.Stderr);

            using (var v = ProcessRunner.Exe(Path.Combine(prefix, "bin", "redis-server"), new[] { "-v" }))
            {
                Assert.Equal(0, v.WaitExit());
                Assert.StartsWith("Redis server v=7.0.15 sha=00000000:0 malloc=libc bits=64 build=", v.Stdout);
            }
            using (var sentinel = ProcessRunner.Exe(Path.Combine(prefix, "bin", "redis-sentinel"), Array.Empty<string>()))
            {
                Assert.Equal(1, sentinel.WaitExit());
                Assert.Equal(CommandLine.SentinelNotImplemented + "\n", sentinel.Stderr);
            }
            int port = ServerProcess.FreePort();
            using var server = ProcessRunner.Exe(Path.Combine(prefix, "bin", "redis-server"), new[] { "--port", port.ToString() });
            server.WaitForOutput("Ready to accept connections");
            using (var c = new RespClient(port)) Assert.Equal("+PONG\r\n", c.CallString("PING"));
            server.Signal(15);
            Assert.Equal(0, server.WaitExit());
        }
        finally { Directory.Delete(prefix, true); }
    }
}
