using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>FUNCTION LOAD/LIST/DELETE/FLUSH/STATS/DUMP/RESTORE and FCALL against redis-server 7.0.</summary>
public class FunctionsDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    private const string Lib = "#!lua name=mylib\n"
        + "redis.register_function('f1', function(keys, args) return {keys[1], args[1]} end)\n"
        + "redis.register_function{function_name='f2', callback=function(k,a) local r = redis.call('set', k[1], a[1]) return r end, flags={'no-writes'}, description='desc'}\n"
        + "redis.register_function{function_name='f3', callback=function(k,a) return redis.call('set', k[1], a[1]) end}";

    [Fact]
    public void LoadCallListDelete()
    {
        using var s = servers.Session();
        s.Same("FUNCTION", "FLUSH");
        s.Same("FUNCTION", "LOAD", Lib);
        s.Same("FUNCTION", "LOAD", Lib);
        s.Same("FUNCTION", "LOAD", "REPLACE", Lib);
        s.Same("FCALL", "f1", "1", "a", "b");
        s.Same("FCALL", "f2", "1", "fn:x", "y");
        s.Same("FCALL", "f3", "1", "fn:x", "y");
        s.Same("FCALL_RO", "f1", "0");
        s.Same("FCALL_RO", "f3", "1", "fn:x", "y");
        s.Same("FCALL", "nosuch", "0");
        s.Same("FCALL", "f1", "5", "a");
        // Functions are listed in hash order (nondeterministic_output_order): compare one-function libraries.
        s.Same("FUNCTION", "LOAD", "#!lua name=one\nredis.register_function{function_name='solo', callback=function() return 1 end, flags={'no-writes', 'allow-oom'}, description='d'}");
        s.Same("FUNCTION", "LIST", "LIBRARYNAME", "one");
        s.Same("FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", "on*");
        s.Same("FUNCTION", "DELETE", "one");
        s.Same("FUNCTION", "LIST", "LIBRARYNAME", "zz*");
        s.Same("FUNCTION", "STATS");
        s.Same("FUNCTION", "KILL");
        s.Same("FUNCTION", "DELETE", "nolib");
        s.Same("FUNCTION", "DELETE", "mylib");
        s.Same("FCALL", "f1", "0");
        s.Same("FUNCTION", "HELP");
    }

    [Fact]
    public void LoadErrors()
    {
        using var s = servers.Session();
        s.Same("FUNCTION", "LOAD", "#!lua name=le1\nreturn 1");
        s.Same("FUNCTION", "LOAD", "#!lua name=le2\nredis.call('ping')");
        s.Same("FUNCTION", "LOAD", "#!lua name=le3\nx = 1");
        s.Same("FUNCTION", "LOAD", "#!lua name=le4\nlocal a = type");
        s.Same("FUNCTION", "LOAD", "#!lua\nreturn 1");
        s.Same("FUNCTION", "LOAD", "#!js name=x\nreturn 1");
        s.Same("FUNCTION", "LOAD", "return 1");
        s.Same("FUNCTION", "LOAD", "#!lua name=le5\nredis.register_function('bad name', function() end)");
        s.Same("FUNCTION", "LOAD", "#!lua name=le6\nredis.register_function{function_name='ok', callback=function() end, flags={'bogus'}}");
        s.Same("FUNCTION", "LOAD", "#!lua name=c1\nreturn +");
        s.Same("FUNCTION", "LOAD", "#!lua name=c1 foo=bar\nreturn 1");
        s.Same("FUNCTION", "LOAD", "REPLACE");
        s.Same("FUNCTION", "LOAD", "REPLACE", "x", "#!lua name=a");
        s.Same("FUNCTION", "LOAD", "#!lua name=bad-name\nreturn 1");
        s.Same("FUNCTION", "LIST", "WITHCODEX");
        s.Same("FUNCTION", "LIST", "LIBRARYNAME");
        s.Same("FUNCTION", "LIST", "LIBRARYNAME", "a", "LIBRARYNAME", "b");
        s.Same("FUNCTION", "FLUSH", "bad");
        s.Same("FUNCTION", "RESTORE", "x", "bad");
        s.Same("FUNCTION", "LOAD", "#!lua name=dup\nredis.register_function('p2', function() return 1 end)\nredis.register_function('p2', function() return 1 end)");
        s.Same("FUNCTION", "LOAD", "#!lua name=n1\nredis.register_function()");
        s.Same("FUNCTION", "LOAD", "#!lua name=n1\nredis.register_function{}");
        s.Same("FUNCTION", "LOAD", "#!lua name=n1\nredis.register_function{function_name='a'}");
        s.Same("FUNCTION", "LOAD", "#!lua name=n1\nredis.register_function{function_name='a', callback=1}");
        s.Same("FUNCTION", "LOAD", "#!lua name=n1\nredis.register_function{function_name='a', callback=function() end, foo=1}");
        s.Same("FUNCTION", "LOAD", "#!lua name=n1\nredis.register_function(1, 2)");
        s.Same("FUNCTION", "LOAD", "#!lua name=n1\nredis.register_function(1, function() end)");
    }

    [Fact]
    public void DumpAndRestore()
    {
        using var s = servers.Session();
        s.Same("FUNCTION", "FLUSH");
        s.Same("FUNCTION", "LOAD", Lib);
        var dump = s.Same("FUNCTION", "DUMP");
        var payload = dump.AsSpan(dump.AsSpan().IndexOf("\r\n"u8) + 2, dump.Length - dump.AsSpan().IndexOf("\r\n"u8) - 4).ToArray();
        s.Same([.. new[] { "FUNCTION", "RESTORE" }.Select(RespClient.Bytes), payload]);
        s.Same([.. new[] { "FUNCTION", "RESTORE" }.Select(RespClient.Bytes), payload, RespClient.Bytes("REPLACE")]);
        s.Same("FUNCTION", "FLUSH");
        s.Same([.. new[] { "FUNCTION", "RESTORE" }.Select(RespClient.Bytes), payload]);
        s.Same("FCALL", "f1", "1", "k", "v");
        s.Same("FUNCTION", "RESTORE", "garbage");
        // A zero CRC is not "no checksum" in a DUMP payload: both refuse it.
        var zeroCrc = payload.ToArray();
        zeroCrc.AsSpan(zeroCrc.Length - 8).Clear();
        s.Same([.. new[] { "FUNCTION", "RESTORE" }.Select(RespClient.Bytes), zeroCrc, RespClient.Bytes("REPLACE")]);
        var truncated = payload.AsSpan(0, payload.Length - 1).ToArray();
        s.Same([.. new[] { "FUNCTION", "RESTORE" }.Select(RespClient.Bytes), truncated, RespClient.Bytes("REPLACE")]);
    }
}
