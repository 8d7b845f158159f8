using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>EVAL family against redis-server 7.0: conversions both ways, errors, sandbox, SCRIPT commands.</summary>
public class ScriptingDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    private static void Eval(DiffSession s, string script, params string[] rest) => s.Same(["EVAL", script, .. rest]);

    [Fact]
    public void LuaToRespConversions()
    {
        using var s = servers.Session();
        Eval(s, "return 3.99", "0");
        Eval(s, "return -2.5", "0");
        Eval(s, "return 'str'", "0");
        Eval(s, "return {1,2,3,'ciao',{1,2},nil,4}", "0");
        Eval(s, "return {true,false,3.99}", "0");
        Eval(s, "return true", "0");
        Eval(s, "return false", "0");
        Eval(s, "return nil", "0");
        Eval(s, "return {}", "0");
        Eval(s, "return {ok='fine'}", "0");
        Eval(s, "return {err='boom'}", "0");
        Eval(s, "return {err='MYCODE custom'}", "0");
        Eval(s, "return redis.error_reply('My err')", "0");
        Eval(s, "return redis.error_reply('oops')", "0");
        Eval(s, "return redis.error_reply(1)", "0");
        Eval(s, "return redis.status_reply('FINE')", "0");
        Eval(s, "return redis.status_reply()", "0");
        Eval(s, "return {KEYS[1], ARGV[1], #KEYS, #ARGV}", "2", "a", "b", "c");
        Eval(s, "return {double=1.5}", "0");
        Eval(s, "return math.huge", "0");
        Eval(s, "return -math.huge", "0");
        Eval(s, "return 0/0", "0");
        Eval(s, "return 2^63", "0");
        Eval(s, "return {'a', nil, 'b'}", "0");
        Eval(s, "return {err=1}", "0");
        Eval(s, "return redis.status_reply('a\r\nb')", "0");
        Eval(s, "return {err='a\r\nb'}", "0");
        Eval(s, "return unpack({1,2,3})", "0");
    }

    [Fact]
    public void RespToLuaConversions()
    {
        using var s = servers.Session();
        s.Same("DEL", "conv:list", "conv:str");
        Eval(s, "redis.call('set', 'conv:str', 'v'); return redis.call('get', 'conv:str')", "0");
        Eval(s, "return redis.call('get', 'conv:missing') == false and 1 or 0", "0");
        Eval(s, "local r = redis.call('set', 'conv:str', 'x'); return r.ok", "0");
        Eval(s, "return redis.call('incrby', 'conv:n', 5)", "0");
        Eval(s, "redis.call('mset', 'conv:a', 'a', 'conv:b', 'b'); return redis.call('mget', 'conv:a', 'conv:b', 'conv:missing')", "0");
        Eval(s, "local t = redis.pcall('incr', 'conv:str'); local o = {} for k,v in pairs(t) do o[#o+1]=k..'='..tostring(v) end table.sort(o) return o", "0");
        Eval(s, "return redis.call('set', 'conv:num', 3.5)", "0");
        Eval(s, "return redis.call('get', 'conv:num')", "0");
    }

    [Fact]
    public void Resp3Conversions()
    {
        using var s = servers.Session();
        s.Both("HELLO", "3");
        Eval(s, "return {double=1.5}", "0");
        Eval(s, "return {map={a=1}}", "0");
        Eval(s, "return {set={a=true}}", "0");
        Eval(s, "return nil", "0");
        Eval(s, "return false", "0");
        Eval(s, "redis.setresp(3); return false", "0");
        Eval(s, "redis.setresp(3); return true", "0");
        Eval(s, "redis.setresp(3); local r = redis.call('hello'); return type(r.map)", "0");
        Eval(s, "redis.setresp(3); return redis.call('get', 'r3:missing') == nil and 1 or 0", "0");
        s.Both("HELLO", "2");
        Eval(s, "redis.setresp(3); return true", "0");
        Eval(s, "redis.setresp(3); return false", "0");
    }

    [Fact]
    public void ErrorsAndTheirFormats()
    {
        using var s = servers.Session();
        s.Same("SET", "err:str", "foo");
        Eval(s, "local x = redis.call('nosuch') return x", "0");
        Eval(s, "return redis.call('nosuch')", "0");
        Eval(s, "return redis.call('incr', 'err:str')", "0");
        Eval(s, "local ok, e = pcall(redis.call, 'nosuch'); return {tostring(ok), type(e), tostring(e)}", "0");
        Eval(s, "local ok, e = pcall(function() return redis.call('incr', 'err:str') end); return {tostring(ok), e}", "0");
        Eval(s, "local ok, e = pcall(redis.setresp, 9); return {tostring(ok), e}", "0");
        Eval(s, "local ok, e = pcall(function() local x = redis.call('nosuch') end); return {tostring(ok), e}", "0");
        Eval(s, "return {pcall(function(a, b) return a + b, 'x' end, 1, 2)}", "0");
        Eval(s, "local ok, e = pcall(error, 'x'); return {tostring(ok), e}", "0");
        Eval(s, "local ok, e = pcall(function() return bit.band() end); redis.call('set', 'err:after', '1'); return {tostring(ok), e}", "0");
        Eval(s, "local ok, e = xpcall(function() return redis.call('nosuch') end, function(e) return e.err .. '!' end); return {tostring(ok), e}", "0");
        Eval(s, "local co = coroutine.create(function() return redis.call('nosuch') end); local ok, e = coroutine.resume(co); return {tostring(ok), e.err}", "0");
        Eval(s, "redis.pcall('nosuch'); return redis.call('ping')", "0");
        Eval(s, "return redis.setresp(5)", "0");
        Eval(s, "return\n  redis.call('nosuch')", "0");
        Eval(s, "return redis.pcall('nosuch')", "0");
        Eval(s, "local x = redis.call('incr','k','x') return x", "0");
        Eval(s, "local x = redis.call() return x", "0");
        Eval(s, "local x = redis.call({}) return x", "0");
        Eval(s, "local x = redis.call('incr', 'err:str') return x", "0");
        Eval(s, "return redis.pcall('incr', 'err:str')", "0");
        Eval(s, "error('boom')", "0");
        Eval(s, "error({err='boom'})", "0");
        Eval(s, "syntax error here", "0");
        Eval(s, "local x = redis.setresp(5) return x", "0");
        Eval(s, "local x = redis.log(99, 'x') return x", "0");
        Eval(s, "local x = redis.sha1hex() return x", "0");
        Eval(s, "return nil + 1", "0");
        s.Same("EVAL", "return 1");
        s.Same("EVAL", "return 1", "x");
        s.Same("EVAL", "return 1", "-1");
        s.Same("EVAL", "return 1", "2", "a");
        s.Same("EVALSHA", "0000000000000000000000000000000000000000", "0");
    }

    [Fact]
    public void Sandbox()
    {
        using var s = servers.Session();
        Eval(s, "return x", "0");
        Eval(s, "x = 1", "0");
        Eval(s, "string.foo = 1", "0");
        Eval(s, "rawset(_G, 'x', 1) return 1", "0");
        Eval(s, "setmetatable(_G, {})", "0");
        Eval(s, "return os", "0");
        Eval(s, "return loadfile", "0");
        Eval(s, "return print", "0");
        Eval(s, "return _VERSION", "0");
        Eval(s, "local t = {} for k,v in pairs(_G) do t[#t+1]=k end table.sort(t) return t", "0");
        Eval(s, "local t = {} for k,v in pairs(redis) do t[#t+1]=k end table.sort(t) return t", "0");
        Eval(s, "return {redis.REDIS_VERSION, redis.REDIS_VERSION_NUM, redis.LOG_WARNING, redis.REPL_ALL}", "0");
        Eval(s, "return redis.sha1hex('')", "0");
        Eval(s, "return {redis.replicate_commands(), redis.set_repl(redis.REPL_ALL)}", "0");
        Eval(s, "return tostring(1e20) .. ' ' .. tostring(0.1) .. ' ' .. tostring(1/3)", "0");
        Eval(s, "return loadstring('return 7')()", "0");
        Eval(s, "local t = {} t.x = 1 return t.x", "0");
        Eval(s, "return getmetatable('').__index == string", "0");
        Eval(s, "return ('abc'):upper() .. string.format('%d %5.2f', 3, 1.5)", "0");
        Eval(s, "return coroutine.wrap(function() return 5 end)()", "0");
        Eval(s, "return tonumber('0x10')", "0");
    }

    [Fact]
    public void ScriptFlagsAndReadOnly()
    {
        using var s = servers.Session();
        Eval(s, "#!lua flags=no-writes\nlocal x = redis.call('set','fl:a','b') return x", "0");
        Eval(s, "#!lua flags=no-writes\nreturn redis.call('get','fl:a')", "0");
        Eval(s, "#!lua name=x\nreturn 1", "0");
        Eval(s, "#!lua flags=bad\nreturn 1", "0");
        Eval(s, "#!lua\nreturn 1", "0");
        Eval(s, "#!js\nreturn 1", "0");
        Eval(s, "#!\nreturn 1", "0");
        Eval(s, "#!lua  flags=no-writes,allow-oom \nreturn 1", "0");
        s.Same("EVAL_RO", "local x = redis.call('set','fl:a','b') return x", "0");
        s.Same("EVAL_RO", "return redis.call('get','fl:a')", "0");
        s.Same("EVAL_RO", "#!lua\nreturn 1", "0");
        s.Same("EVAL_RO", "#!lua flags=no-writes\nreturn 1", "0");
    }

    [Fact]
    public void ScriptCommands()
    {
        using var s = servers.Session();
        s.Script("""
            SCRIPT FLUSH
            SCRIPT LOAD "return 'loaded'"
            SCRIPT EXISTS 5a2bca5c9e7ed9ba8b7bd6fbeb7e6a8f4d6ad55f a9b4f6b1f2d0e2f2d8c9f8f5e8d1c3b3a3f1e0d9
            EVALSHA 5a2bca5c9e7ed9ba8b7bd6fbeb7e6a8f4d6ad55f 0
            SCRIPT LOAD "return +"
            SCRIPT FLUSH ASYNC
            SCRIPT FLUSH SYNC
            SCRIPT FLUSH BAD
            SCRIPT KILL
            SCRIPT DEBUG NO
            SCRIPT DEBUG BAD
            SCRIPT HELP
            """);
        var sha = System.Text.Encoding.ASCII.GetString(s.Same("SCRIPT", "LOAD", "return ARGV[1]")).Split("\r\n")[1];
        s.Same("EVALSHA", sha, "0", "hi");
        s.Same("EVALSHA", sha.ToUpperInvariant(), "0", "hi");
        s.Same("EVALSHA_RO", sha, "0", "ro");
        s.Same("SCRIPT", "EXISTS", sha, sha.ToUpperInvariant());
    }
}
