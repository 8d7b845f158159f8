using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>The bit, cjson, cmsgpack and struct libraries scripts get, against redis-server 7.0.</summary>
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

    [Fact]
    public void CmsgpackPack()
    {
        using var s = servers.Session();
        Eval(s, "return cmsgpack.pack(1, -1, 127, 128, 255, 256, 65535, 65536, 4294967296, -32, -33, -128, -129, -32768, -32769, -2147483649)");
        Eval(s, "return cmsgpack.pack(1.5, 0.1, 1e300, -0.25)");
        Eval(s, "return cmsgpack.pack('short', string.rep('x', 40), string.rep('y', 300), true, false)");
        Eval(s, "return cmsgpack.pack({1, 2, 3}, {}, {a=1}, {1, nil, 3}, {[2]=1})");
        Eval(s, "return cmsgpack.pack({{{{{{{{{{{{{{{{{{{1}}}}}}}}}}}}}}}}}}})");
        Eval(s, "local x = cmsgpack.pack() return x");
    }

    [Fact]
    public void CmsgpackUnpack()
    {
        using var s = servers.Session();
        Eval(s, "return {cmsgpack.unpack(cmsgpack.pack(1, 'two', -3, 2^40))}");
        Eval(s, "local t = cmsgpack.unpack(cmsgpack.pack({1, {2, 'x'}, 3})) return {t[1], t[2][2], t[3]}");
        Eval(s, "local t = cmsgpack.unpack(cmsgpack.pack({a = 5})) return t.a");
        Eval(s, "return tostring(cmsgpack.unpack(cmsgpack.pack(1.5)))");
        Eval(s, "return {cmsgpack.unpack_one(cmsgpack.pack(1, 2), 0)}");
        Eval(s, "return {cmsgpack.unpack_one(cmsgpack.pack(1, 2), 1)}");
        Eval(s, "return {cmsgpack.unpack_limit(cmsgpack.pack(1, 2, 3), 2, 0)}");
        Eval(s, "local x = cmsgpack.unpack(string.char(0xcd)) return x");
        Eval(s, "local x = cmsgpack.unpack(string.char(0xc1)) return x");
    }

    [Fact]
    public void Struct()
    {
        using var s = servers.Session();
        Eval(s, "return struct.pack('>i2<i2bBhHlLTi3I5', 1, 2, -3, 250, -300, 60000, -5, 5, 7, -100000, 1099511627775)");
        Eval(s, "return struct.pack('c5sxfd', 'hello', 'zero', 1.5, 0.1)");
        Eval(s, "return struct.pack('!4bi', 1, 2)");
        Eval(s, "return {struct.unpack('>i2', struct.pack('>i2', -2))}");
        Eval(s, "return {struct.unpack('<I4bB', struct.pack('<I4bB', 4000000000, -1, 255))}");
        Eval(s, "return {struct.unpack('sc3', struct.pack('sc3', 'ab', 'xyz'))}");
        Eval(s, "return {struct.unpack('bc0', struct.pack('b', 3) .. 'abcd')}");
        Eval(s, "return {struct.unpack('b', 'ab', 2)}");
        Eval(s, "return {struct.size('i3xd'), struct.size('!8bd'), struct.size('c10')}");
        Eval(s, "local x = struct.size('s') return x");
        Eval(s, "local x = struct.pack('z') return x");
        Eval(s, "local x = struct.pack('i', 'x') return x");
        Eval(s, "local x = struct.unpack('i', 'ab') return x");
        Eval(s, "local x = struct.pack('i40', 1) return x");
        Eval(s, "local x = struct.pack('!3i', 1) return x");
    }
}
