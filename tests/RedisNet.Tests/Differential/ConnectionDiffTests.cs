using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

public class ConnectionDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void PingEchoAndUnknownCommands()
    {
        using var s = servers.Session();
        s.Script("""
            PING
            PING hello
            PING a b
            ECHO "with space"
            ECHO
            ECHO "\x00\xff"
            NOSUCHCOMMAND a b
            nosuchcommand
            """);
    }

    [Fact]
    public void InlineCommandsAndPipelines()
    {
        using var s = servers.Session();
        s.SameRaw("PING\r\n");
        s.SameRaw("ECHO \"a b\"\r\n");
        s.SameRaw("*1\r\n$4\r\nPING\r\n");
    }

    [Fact]
    public void ProtocolErrorsCloseTheConnection()
    {
        foreach (var bad in new[] { "*1\r\n$2147483647\r\n", "*abc\r\n", "*1\r\nfoo\r\n", "*3000000000\r\n", "ECHO \"unbalanced\r\n" })
        {
            using var s = servers.Session();
            s.SameRaw(bad);
            Assert.True(s.Net.IsClosedByServer());
        }
    }
}

public class UnauthenticatedLimitsDiffTests : IClassFixture<UnauthenticatedLimitsDiffTests.WithPassword>
{
    public sealed class WithPassword() : DiffServers(new[] { "--requirepass", "secret" });

    private readonly WithPassword _servers;
    public UnauthenticatedLimitsDiffTests(WithPassword servers) => _servers = servers;

    [Fact]
    public void BigRequestsBeforeAuthAreProtocolErrors()
    {
        using (var s = _servers.Session()) { s.SameRaw("*11\r\n"); Assert.True(s.Net.IsClosedByServer()); }
        using (var s = _servers.Session()) { s.SameRaw("*1\r\n$16385\r\n"); Assert.True(s.Net.IsClosedByServer()); }
        using (var s = _servers.Session()) s.Script("GET k");
    }
}
