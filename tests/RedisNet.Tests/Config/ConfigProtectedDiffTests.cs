using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Config;

/// <summary>Both servers with enable-protected-configs yes, so dir and dbfilename can be set.</summary>
public sealed class ProtectedConfigServers : DiffServers
{
    public ProtectedConfigServers() : base(new[] { "--save", "", "--enable-protected-configs", "yes" }) { }
}

public class ConfigProtectedDiffTests(ProtectedConfigServers servers) : IClassFixture<ProtectedConfigServers>
{
    [Fact]
    public void ProtectedConfigsCanBeSetWhenEnabled()
    {
        using var s = servers.Session();
        s.Script("""
            CONFIG SET dbfilename /a/b.rdb
            CONFIG SET dbfilename other.rdb
            CONFIG GET dbfilename
            CONFIG SET dbfilename dump.rdb
            CONFIG SET dir /nonexistent-redisnet-dir
            CONFIG SET dir /tmp
            CONFIG GET dir
            CONFIG GET enable-protected-configs
            """);
    }
}
