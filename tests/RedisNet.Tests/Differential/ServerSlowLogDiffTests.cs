using System.Text;
using System.Text.RegularExpressions;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>Servers that log every command in the slow log.</summary>
public sealed class DiffServersSlowLogAll : DiffServers
{
    public DiffServersSlowLogAll() : base(new[] { "--slowlog-log-slower-than", "0", "--slowlog-max-len", "3" }) { }
}

/// <summary>SLOWLOG entries: which commands are logged, argument truncation and redaction, peer and name.</summary>
public class ServerSlowLogDiffTests(DiffServersSlowLogAll servers) : IClassFixture<DiffServersSlowLogAll>
{
    [Fact]
    public void EntriesMatchExceptTimesAndAddresses()
    {
        using var s = servers.Session();
        s.Same("SLOWLOG", "RESET");
        s.Same("CLIENT", "SETNAME", "slowpoke");
        var many = new[] { "ECHO" }.Concat(Enumerable.Range(0, 40).Select(i => "a" + i)).ToArray();
        s.Both(many);
        s.Same("ECHO", new string('x', 200));
        s.Both("AUTH", "secret");
        var (r, n) = s.Both("SLOWLOG", "GET");
        Assert.Equal(Normalize(r), Normalize(n));
        Assert.Contains("(redacted)", Encoding.ASCII.GetString(n));
        s.Same("SLOWLOG", "LEN");
        (r, n) = s.Both("SLOWLOG", "GET", "-1");
        Assert.Equal(Normalize(r), Normalize(n));
        (r, n) = s.Both("SLOWLOG", "GET", "1");
        Assert.Equal(Normalize(r), Normalize(n));
    }

    /// <summary>Ids, timestamps and durations vary; the client address differs by server.</summary>
    private static string Normalize(byte[] reply)
    {
        var t = Encoding.ASCII.GetString(reply);
        t = Regex.Replace(t, @"\*6\r\n:\d+\r\n:\d+\r\n:\d+\r\n", "*6\r\nENTRY\r\n");
        return Regex.Replace(t, @"\$\d+\r\n127\.0\.0\.1:\d+\r\n", "PEER\r\n");
    }
}
