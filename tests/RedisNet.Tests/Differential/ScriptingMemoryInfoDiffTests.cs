using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// INFO memory's scripting fields: the same names in the same order as redis-server 7.0.15, exact
/// counts of cached scripts, functions and libraries, and sizes close to Redis's for the same scripts.
/// </summary>
public class ScriptingMemoryInfoDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    private static readonly string[] ScriptingFields =
    [
        "used_memory_lua", "used_memory_vm_eval", "used_memory_lua_human", "used_memory_scripts_eval",
        "number_of_cached_scripts", "number_of_functions", "number_of_libraries", "used_memory_vm_functions",
        "used_memory_vm_total", "used_memory_vm_total_human", "used_memory_functions", "used_memory_scripts",
        "used_memory_scripts_human",
    ];

    private static List<(string Name, string Value)> Fields(RespClient c)
    {
        var text = Encoding.ASCII.GetString(c.Call("INFO", "memory"));
        return text.Split("\r\n").Where(l => l.Contains(':')).Select(l => (l[..l.IndexOf(':')], l[(l.IndexOf(':') + 1)..])).ToList();
    }

    private static Dictionary<string, string> Scripting(RespClient c) =>
        Fields(c).Where(f => ScriptingFields.Contains(f.Name)).ToDictionary(f => f.Name, f => f.Value);

    [Fact]
    public void ScriptingFieldsCountAndSizeLikeRedis()
    {
        using var s = servers.Session();
        s.Same("SCRIPT", "FLUSH");
        s.Same("FUNCTION", "FLUSH");
        // Names and order of the whole section match (the scripting fields sit between total_system_memory and maxmemory).
        Assert.Equal(Fields(s.Redis).Select(f => f.Name), Fields(s.Net).Select(f => f.Name));
        var fresh = (Redis: Scripting(s.Redis), Net: Scripting(s.Net));
        Assert.Equal(fresh.Redis, fresh.Net); // nothing loaded yet: Redis's startup values

        s.Same("EVAL", "return 1", "0");
        s.Same("EVAL", "return 2", "0");
        s.Same("SCRIPT", "LOAD", "return 'abc'");
        s.Same("EVAL", "return 'abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz'", "0");
        s.Same("EVAL", "return 1", "0"); // cached already
        s.Same("FUNCTION", "LOAD", """
            #!lua name=lib1
            redis.register_function('f1', function() return 1 end)
            redis.register_function{function_name='f2', callback=function() return 2 end, description='the second'}
            """);
        s.Same("FUNCTION", "LOAD", "#!lua name=lib2\nredis.register_function('g', function() return 1 end)");
        var (r, n) = (Scripting(s.Redis), Scripting(s.Net));
        Assert.Equal("4", n["number_of_cached_scripts"]);
        Assert.Equal("3", n["number_of_functions"]);
        Assert.Equal("2", n["number_of_libraries"]);
        foreach (var f in new[] { "number_of_cached_scripts", "number_of_functions", "number_of_libraries" }) Assert.Equal(r[f], n[f]);
        // Allocation-counted sizes follow Redis's formula (dict rehash states aside); VM sizes grow from Redis's fresh ones.
        foreach (var f in new[] { "used_memory_scripts_eval", "used_memory_functions", "used_memory_scripts" })
            Assert.InRange(long.Parse(n[f]), long.Parse(r[f]) * 8 / 10, long.Parse(r[f]) * 12 / 10);
        foreach (var f in new[] { "used_memory_lua", "used_memory_vm_functions" })
        {
            Assert.True(long.Parse(n[f]) > long.Parse(fresh.Net[f]), f + " grows with scripts");
            Assert.Equal(0, long.Parse(n[f]) % 1024); // whole KB, as lua_gc(LUA_GCCOUNT) * 1024
        }
        Assert.Equal(long.Parse(n["used_memory_lua"]), long.Parse(n["used_memory_vm_eval"]));
        Assert.Equal(long.Parse(n["used_memory_lua"]) + long.Parse(n["used_memory_vm_functions"]), long.Parse(n["used_memory_vm_total"]));
        Assert.Equal(long.Parse(n["used_memory_scripts_eval"]) + long.Parse(n["used_memory_functions"]), long.Parse(n["used_memory_scripts"]));

        s.Same("SCRIPT", "FLUSH");
        s.Same("FUNCTION", "FLUSH");
        (r, n) = (Scripting(s.Redis), Scripting(s.Net));
        foreach (var f in new[] { "number_of_cached_scripts", "number_of_functions", "number_of_libraries", "used_memory_scripts_eval", "used_memory_functions", "used_memory_scripts" })
            Assert.Equal(r[f], n[f]);
    }
}
