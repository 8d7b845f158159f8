using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>How script errors and the commands scripts run are counted (INFO errorstats / commandstats), against redis-server 7.0.</summary>
public class ScriptingStatsDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void ErrorsAreCountedOnce()
    {
        using var s = servers.Session();
        s.Same("CONFIG", "RESETSTAT");
        s.Same("SET", "es:str", "foo");
        s.Same("EVAL", "return redis.call('incr','es:str')", "0");
        s.Same("EVAL", "return redis.pcall('incr','es:str')", "0");
        s.Same("EVAL", "local t = redis.pcall('incr','es:str') return 1", "0");
        s.Same("EVAL", "return redis.call('nosuch')", "0");
        s.Same("EVAL", "error('x')", "0");
        s.Same("EVAL", "return {err='MY x'}", "0");
        s.Same("INFO", "errorstats");
        var (redis, net) = s.Both("INFO", "commandstats");
        Assert.Equal(Calls(redis, "incr"), Calls(net, "incr"));
        Assert.Equal(Calls(redis, "eval"), Calls(net, "eval"));
    }

    /// <summary>"calls=N,...,failed_calls=M" of a command, without the timings.</summary>
    private static string Calls(byte[] info, string cmd)
    {
        var line = Encoding.ASCII.GetString(info).Split("\r\n").First(l => l.StartsWith($"cmdstat_{cmd}:", StringComparison.Ordinal));
        var parts = line.Split(',');
        return parts[0] + "," + string.Join(",", parts.Where(p => p.Contains("_calls")));
    }

    [Fact]
    public void SelectInsideAScriptStaysInTheScript()
    {
        using var s = servers.Session();
        s.Same("SELECT", "0");
        s.Same("EVAL", "redis.call('select', 1); redis.call('set', 'sel:k', 'in1'); return redis.call('get', 'sel:k')", "0");
        s.Same("GET", "sel:k");
        s.Same("SELECT", "1");
        s.Same("GET", "sel:k");
        s.Same("DEL", "sel:k");
        s.Same("SELECT", "0");
        s.Same("EVAL", "return redis.call('eval', 'return 1', 0)", "0");
    }

    [Fact]
    public void ScriptsInsideMultiExec()
    {
        using var s = servers.Session();
        s.Same("MULTI");
        s.Same("EVAL", "redis.call('set', 'mx:a', '1') return redis.call('incr', 'mx:a')", "0");
        s.Same("EVAL", "return redis.call('multi')", "0");
        s.Same("EXEC");
        s.Same("MULTI");
        s.Same("SCRIPT", "LOAD", "return 1");
        s.Same("FUNCTION", "STATS");
        s.Same("EXEC");
    }
}
