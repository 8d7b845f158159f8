using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>GET/SET and friends against redis-server 7.0: replies, errors and option parsing byte for byte.</summary>
public class StringDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void GetAndSetBasics()
    {
        using var s = servers.Session();
        s.Script("""
            GET gs:missing
            SET gs:a hello
            GET gs:a
            SET gs:a ""
            GET gs:a
            SET gs:bin "\x00\x01\xff\r\n"
            GET gs:bin
            SET gs:a
            GET
            GET gs:a extra
            set gs:a MixedCase
            GET gs:a
            """);
    }

    [Fact]
    public void SetOptionsAndTheirConflicts()
    {
        using var s = servers.Session();
        s.Script("""
            SET so:a v NX
            SET so:a v2 NX
            GET so:a
            SET so:a v3 XX
            GET so:a
            SET so:b v XX
            GET so:b
            SET so:a v NX XX
            SET so:a v XX NX
            SET so:a v NX NX
            SET so:a v xx xx
            SET so:a v EX 100
            SET so:a v PX 100000
            SET so:a v EXAT 99999999999
            SET so:a v PXAT 99999999999999
            SET so:a v KEEPTTL
            SET so:a v EX 10 PX 10
            SET so:a v EX 10 EXAT 10
            SET so:a v PX 10 PXAT 10
            SET so:a v EX 10 EX 20
            SET so:a v EX 10 KEEPTTL
            SET so:a v KEEPTTL EX 10
            SET so:a v KEEPTTL KEEPTTL
            SET so:a v EX
            SET so:a v PX
            SET so:a v EXAT
            SET so:a v PXAT
            SET so:a v PERSIST
            SET so:a v BOGUS
            SET so:a v EX 10 BOGUS
            SET so:a v ex 100 nx
            SET so:a v Ex 100 Xx
            """);
    }

    [Fact]
    public void SetExpireValues()
    {
        using var s = servers.Session();
        s.Script("""
            SET se:a v EX 0
            SET se:a v EX -1
            SET se:a v PX 0
            SET se:a v PX -5
            SET se:a v EXAT 0
            SET se:a v PXAT -1
            SET se:a v EX abc
            SET se:a v EX 1.5
            SET se:a v EX " 1"
            SET se:a v PX 9223372036854775807
            SET se:a v EX 9223372036854775
            SET se:a v EX 9223372036854776
            SET se:a v EX 9223372036854
            SET se:a v PXAT 9223372036854775807
            SET se:a v EX 99999999999999999999
            SET se:past v PXAT 1
            GET se:past
            SET se:past2 v EXAT 1 GET
            GET se:past2
            """);
    }

    [Fact]
    public void SetWithGet()
    {
        using var s = servers.Session();
        s.Script("""
            SET sg:a v1 GET
            SET sg:a v2 GET
            SET sg:a v3 GET GET
            GET sg:a
            SET sg:a v4 NX GET
            GET sg:a
            SET sg:b v NX GET
            GET sg:b
            SET sg:c v XX GET
            GET sg:c
            SET sg:a v5 XX GET
            SET sg:a v6 GET EX 100
            SET sg:a v7 GET KEEPTTL
            GET sg:a
            SET sg:a v8 EX 0 GET
            GET sg:a
            """);
    }

    [Fact]
    public void SetNxSetExPSetEx()
    {
        using var s = servers.Session();
        s.Script("""
            SETNX sx:a 1
            SETNX sx:a 2
            GET sx:a
            SETNX sx:a
            SETEX sx:b 100 v
            GET sx:b
            SETEX sx:b 0 v
            SETEX sx:b -1 v
            SETEX sx:b abc v
            SETEX sx:b 9223372036854775 v
            SETEX sx:b 100
            PSETEX sx:c 100000 v
            GET sx:c
            PSETEX sx:c 0 v
            PSETEX sx:c -100 v
            PSETEX sx:c 1.5 v
            PSETEX sx:c 9223372036854775807 v
            PSETEX sx:c 100 v extra
            """);
    }

    [Fact]
    public void GetSetGetDelGetEx()
    {
        using var s = servers.Session();
        s.Script("""
            GETSET gx:a 1
            GETSET gx:a 2
            GET gx:a
            GETSET gx:a
            GETDEL gx:a
            GETDEL gx:a
            GET gx:a
            GETDEL gx:a b
            GETEX gx:missing
            GETEX gx:missing EX 10
            GETEX gx:missing BOGUS
            SET gx:b v
            GETEX gx:b
            GETEX gx:b EX 100
            GETEX gx:b PX 100000
            GETEX gx:b EXAT 99999999999
            GETEX gx:b PXAT 99999999999999
            GETEX gx:b PERSIST
            GETEX gx:b persist persist
            GETEX gx:b PERSIST EX 10
            GETEX gx:b EX 10 PERSIST
            GETEX gx:b EX 10 PX 10
            GETEX gx:b EX 10 EX 20
            GETEX gx:b KEEPTTL
            GETEX gx:b NX
            GETEX gx:b GET
            GETEX gx:b EX
            GETEX gx:b EX 0
            GETEX gx:b EX -1
            GETEX gx:b PX abc
            GETEX gx:b EXAT 0
            GETEX gx:b PX 9223372036854775807
            GETEX gx:b EX 9223372036854775
            GET gx:b
            GETEX gx:b EXAT 1
            GET gx:b
            SET gx:c v
            GETEX gx:c PXAT 1
            GETEX gx:c
            """);
    }

    [Fact]
    public void MultiKeyCommands()
    {
        using var s = servers.Session();
        s.Script("""
            MSET mk:a 1 mk:b 2 mk:c ""
            MGET mk:a mk:b mk:c mk:missing
            MGET mk:missing
            MGET
            MSET mk:a
            MSET mk:a 1 mk:b
            MSET mk:a 1 mk:a 2
            GET mk:a
            MSETNX mk:a 1 mk:new 1
            GET mk:new
            MSETNX mk:x 1 mk:y 2
            MGET mk:x mk:y
            MSETNX mk:z 1 mk:z 2
            GET mk:z
            MSETNX mk:z
            MSETNX mk:q 1 mk:r
            """);
    }

    [Fact]
    public void LargeAndBinaryValues()
    {
        using var s = servers.Session();
        var big = new byte[1024 * 1024];
        for (int i = 0; i < big.Length; i++) big[i] = (byte)(i * 31 + (i >> 8));
        s.Same(RespClient.Bytes("SET"), RespClient.Bytes("lv:big"), big);
        s.Same("GET", "lv:big");
        s.Same("STRLEN", "lv:big");
        s.Same("GETRANGE", "lv:big", "1000", "1100");
        s.Same("GETRANGE", "lv:big", "-10", "-1");
        s.Same(RespClient.Bytes("APPEND"), RespClient.Bytes("lv:big"), big);
        s.Same("STRLEN", "lv:big");
        s.Same("GETRANGE", "lv:big", "1048570", "1048580");
        s.Same(RespClient.Bytes("SETRANGE"), RespClient.Bytes("lv:big"), RespClient.Bytes("2097150"), big.AsSpan(0, 4096).ToArray());
        s.Same("STRLEN", "lv:big");
        s.Same("GET", "lv:big");
        s.Same(RespClient.Bytes("MSET"), RespClient.Bytes("lv:m1"), big, RespClient.Bytes("lv:m2"), RespClient.Bytes("\0\0"));
        s.Same("MGET", "lv:m1", "lv:m2");
    }
}
