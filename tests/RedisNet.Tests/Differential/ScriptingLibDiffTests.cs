using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>The bit and cjson libraries scripts get, against redis-server 7.0.</summary>
public class ScriptingLibDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    private static void Eval(DiffSession s, string script) => s.Same("EVAL", script, "0");

    [Fact]
    public void Bit()
    {
        using var s = servers.Session();
        Eval(s, "return {bit.band(7,3), bit.bor(1,2,4), bit.bxor(5,1), bit.bnot(0), bit.tobit(2^32+5)}");
        Eval(s, "return {bit.lshift(1,31), bit.rshift(-1,28), bit.arshift(-256,4), bit.rol(0x12345678,8), bit.ror(0x12345678,8)}");
        Eval(s, "return {bit.tohex(255), bit.tohex(-1), bit.tohex(255, 2), bit.tohex(255, -4), bit.bswap(0x12345678)}");
        Eval(s, "return bit.band('7', 3)");
        Eval(s, "local x = bit.band() return x");
        Eval(s, "return bit.band()");
        Eval(s, "local x = bit.bor(1, {}) return x");
    }

    [Fact]
    public void CjsonEncode()
    {
        using var s = servers.Session();
        Eval(s, "return cjson.encode({1,2,3.5,'a',{x=1}})");
        Eval(s, "return cjson.encode({[1]=1,[3]=3})");
        Eval(s, "return cjson.encode({})");
        Eval(s, "return cjson.encode('a/b\"c\\\\d\\n\\1')");
        Eval(s, "return cjson.encode({a=true, b=false, c=cjson.null})");
        Eval(s, "return cjson.encode(0.1+0.2)");
        Eval(s, "return cjson.encode(1e20)");
        Eval(s, "local x = cjson.encode({[1]=1,[20]=2}) return x");
        Eval(s, "local x = cjson.encode(function() end) return x");
        Eval(s, "return cjson.encode({foo='bar', baz={1,2}, n=12})");
    }

    [Fact]
    public void CjsonDecode()
    {
        using var s = servers.Session();
        Eval(s, "local t = cjson.decode('[1,2,\"x\",{\"a\":5}]') return {t[1], t[2], t[3], t[4].a}");
        Eval(s, "local t = cjson.decode('{\"a\":null}') return tostring(t.a == cjson.null)");
        Eval(s, "return cjson.decode('\"\\\\u00e9\\\\n\"')");
        Eval(s, "return cjson.decode('3.5') * 2");
        Eval(s, "local x = cjson.decode('x') return x");
        Eval(s, "return cjson.decode('x')");
        Eval(s, "local x = cjson.decode('[1,') return x");
        Eval(s, "local x = cjson.decode('{1:2}') return x");
        Eval(s, "local x = cjson.decode('[1] x') return x");
        Eval(s, "return cjson.encode(cjson.decode('{\"k\":[true,false,{}]}'))");
    }
}
