using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>Servers with requirepass.</summary>
public sealed class DiffServersWithPassword : DiffServers
{
    public DiffServersWithPassword() : base(new[] { "--requirepass", "s3cret" }) { }
}

public class ConnectionAuthDiffTests(DiffServersWithPassword servers) : IClassFixture<DiffServersWithPassword>
{
    [Fact]
    public void AuthHelloAndReset()
    {
        using var s = servers.Session();
        s.Script("""
            ECHO x
            HELLO 3
            AUTH wrong
            AUTH default wrong
            AUTH nosuch s3cret
            AUTH s3cret
            ECHO authed
            RESET
            ECHO x
            HELLO 2 AUTH default wrong
            AUTH default s3cret
            ECHO again
            """);
    }
}
