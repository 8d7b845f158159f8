using RedisNet.Scripting;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>Scripting pieces seen from inside: what scripts propagate, library loading, payload checksums.</summary>
public class ScriptingUnitTests
{
    [Fact]
    public void ScriptsPropagateTheirEffectsNotTheScript()
    {
        var host = new StringTestHost();
        Assert.Equal(":6\r\n", host.Call("EVAL", "redis.call('set', KEYS[1], ARGV[1]); redis.call('get', KEYS[1]); return redis.call('incrby', 'n', 6)", "1", "k", "v"));
        Assert.Equal(["MULTI", "set k v", "incrby n 6", "EXEC"], host.Propagated);
        host.Propagated.Clear();
        Assert.Equal("$1\r\nv\r\n", host.Call("EVAL", "return redis.call('get', 'k')", "0"));
        Assert.Empty(host.Propagated);
    }

    [Fact]
    public void FunctionsPropagateTheirEffects()
    {
        var host = new StringTestHost();
        Assert.Equal("$1\r\nl\r\n", host.Call("FUNCTION", "LOAD", "#!lua name=l\nredis.register_function('w', function(k, a) return redis.call('set', k[1], a[1]) end)"));
        host.Propagated.Clear();
        Assert.Equal("+OK\r\n", host.Call("FCALL", "w", "1", "fk", "fv"));
        Assert.Equal(["set fk fv"], host.Propagated);
    }

    [Fact]
    public void MissingLuaLibraryIsReportedNotThrown()
    {
        Assert.False(Lua.TryLoad("liblua-does-not-exist.so.0", out _));
        Assert.True(Lua.TryLoad("liblua5.1.so.0", out var error));
        Assert.NotEqual(IntPtr.Zero, error);
    }

    [Fact]
    public void CjsonNumbersUsePercent14g()
    {
        Assert.Equal("0.3", LuaCjson.G14(0.1 + 0.2));
        Assert.Equal("1e+20", LuaCjson.G14(1e20));
        Assert.Equal("1e-05", LuaCjson.G14(0.00001));
        Assert.Equal("123456789012", LuaCjson.G14(123456789012));
    }
}
