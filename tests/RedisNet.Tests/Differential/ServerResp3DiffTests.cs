using System.Text;
using System.Text.RegularExpressions;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>The same commands after HELLO 3: maps, sets, doubles and verbatim strings.</summary>
public class ServerResp3DiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void DeterministicRepliesInResp3()
    {
        using var s = servers.Session();
        s.Both("HELLO", "3");
        s.Script("""
            CLIENT TRACKINGINFO
            CLIENT GETNAME
            CLIENT GETREDIR
            CLIENT HELP
            COMMAND INFO client|list memory|usage nosuch
            COMMAND DOCS time client|id
            SLOWLOG GET 0
            LATENCY LATEST
            LATENCY HISTOGRAM nosuch
            MEMORY USAGE nosuch
            MEMORY DOCTOR
            MEMORY MALLOC-STATS x
            ROLE
            HELLO 4
            INFO nosuch
            """);
    }

    [Fact]
    public void VerbatimAndDoubleShapes()
    {
        using var s = servers.Session();
        s.Both("HELLO", "3");
        var (r, n) = s.Both("CLIENT", "INFO");
        static string Verbatim(byte[] b) => Regex.Replace(Encoding.ASCII.GetString(b), @"^=\d+\r\ntxt:id=\d+ .*\n\r\n$", "verbatim", RegexOptions.Singleline);
        Assert.Equal("verbatim", Verbatim(r));
        Assert.Equal("verbatim", Verbatim(n));
        (r, n) = s.Both("MEMORY", "STATS");
        static string Shape(byte[] b) => Regex.Replace(Encoding.ASCII.GetString(b), @"(?<=\r\n)[:,][^\r]*", m => m.Value[..1]);
        Assert.Equal(Shape(r), Shape(n));
    }
}
