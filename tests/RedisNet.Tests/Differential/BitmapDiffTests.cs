using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>SETBIT, GETBIT, BITCOUNT, BITPOS and BITOP against redis-server 7.0.</summary>
public class BitmapDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void SetBitAndGetBit()
    {
        using var s = servers.Session();
        s.Script("""
            SETBIT sb:a 7 1
            GET sb:a
            SETBIT sb:a 7 1
            SETBIT sb:a 7 0
            GETBIT sb:a 7
            SETBIT sb:a 100 1
            GET sb:a
            STRLEN sb:a
            OBJECT ENCODING sb:a
            GETBIT sb:a 100
            GETBIT sb:a 99
            GETBIT sb:a 100000
            GETBIT sb:missing 0
            GETBIT sb:missing 4294967296
            SET sb:s foobar
            GETBIT sb:s 1
            SETBIT sb:s 1 0
            GET sb:s
            OBJECT ENCODING sb:s
            SET sb:n 12
            GETBIT sb:n 2
            GETBIT sb:n 15
            SETBIT sb:n 15 0
            GET sb:n
            OBJECT ENCODING sb:n
            SETBIT sb:a -1 1
            SETBIT sb:a abc 1
            SETBIT sb:a 1.5 1
            SETBIT sb:a 0 2
            SETBIT sb:a 0 -1
            SETBIT sb:a 0 abc
            SETBIT sb:a 4294967296 1
            SETBIT sb:a 9223372036854775807 1
            GETBIT sb:a -1
            GETBIT sb:a abc
            GETBIT sb:a 4294967296
            SETBIT sb:bin 0 1
            SETBIT sb:bin 15 1
            GET sb:bin
            SETBIT sb:a 1
            GETBIT sb:a
            """);
    }

    [Fact]
    public void SetBitAtTheOffsetLimitAndExpiry()
    {
        using var s = servers.Session();
        s.Script("""
            SETBIT sbl:big 67108863 1
            STRLEN sbl:big
            GETBIT sbl:big 67108863
            BITCOUNT sbl:big
            BITPOS sbl:big 1
            DEL sbl:big
            SET sbl:t abc EX 100
            SETBIT sbl:t 0 1
            TTL sbl:t
            CONFIG SET proto-max-bulk-len 1048576
            SETBIT sbl:c 8388608 1
            SETBIT sbl:c 8388607 1
            STRLEN sbl:c
            CONFIG SET proto-max-bulk-len 536870912
            """);
    }

    [Fact]
    public void BitCountRanges()
    {
        using var s = servers.Session();
        s.Script("""
            SET bc:a foobar
            BITCOUNT bc:a
            BITCOUNT bc:a 0 0
            BITCOUNT bc:a 1 1
            BITCOUNT bc:a 1 1 BYTE
            BITCOUNT bc:a 5 30 BIT
            BITCOUNT bc:a 0 -1 bit
            BITCOUNT bc:a -5 -1 BIT
            BITCOUNT bc:a -1 -5
            BITCOUNT bc:a -1 -5 BIT
            BITCOUNT bc:a 3 1
            BITCOUNT bc:a -100 100
            BITCOUNT bc:a 100 200
            BITCOUNT bc:a 7 7 BIT
            BITCOUNT bc:a 9 14 BIT
            BITCOUNT bc:a 47 47 BIT
            BITCOUNT bc:a -9223372036854775808 9223372036854775807
            BITCOUNT bc:a -9223372036854775808 9223372036854775807 BIT
            BITCOUNT bc:a 0
            BITCOUNT bc:a 0 1 BITS
            BITCOUNT bc:a 0 1 BIT extra
            BITCOUNT bc:a a 1
            BITCOUNT bc:a 0 b
            BITCOUNT bc:missing
            BITCOUNT bc:missing 0
            BITCOUNT bc:missing a b
            BITCOUNT bc:missing 0 1 BOGUS
            SET bc:e ""
            BITCOUNT bc:e
            BITCOUNT bc:e 0 -1
            BITCOUNT bc:e 0 -1 BIT
            SET bc:n 1234567890
            BITCOUNT bc:n
            BITCOUNT bc:n 2 4
            SET bc:bin "\xff\x00\xff\xf0\x0f\x01\x80\xaa\x55\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"
            BITCOUNT bc:bin
            BITCOUNT bc:bin 3 17
            BITCOUNT bc:bin 3 150 BIT
            BITCOUNT bc:bin 13 13 BIT
            BITCOUNT
            """);
    }

    [Fact]
    public void BitPosRanges()
    {
        using var s = servers.Session();
        s.Script("""
            SET bp:a "\xff\xf0\x00"
            BITPOS bp:a 0
            BITPOS bp:a 1
            BITPOS bp:a 1 2
            BITPOS bp:a 0 0 0
            BITPOS bp:a 0 0 -3
            BITPOS bp:a 1 2 -1
            BITPOS bp:a 0 7 15 BIT
            BITPOS bp:a 0 7 11 BIT
            BITPOS bp:a 1 7 15 bit
            BITPOS bp:a 1 12 BIT
            BITPOS bp:a 0 12 BIT
            BITPOS bp:a 1 -100 100
            BITPOS bp:a 0 3
            BITPOS bp:a 1 3
            BITPOS bp:a 0 2 1
            SET bp:ones "\xff\xff\xff"
            BITPOS bp:ones 0
            BITPOS bp:ones 0 1
            BITPOS bp:ones 0 0 -1
            BITPOS bp:ones 0 0 -1 BIT
            BITPOS bp:ones 0 3 BIT
            BITPOS bp:ones 0 3 20 BIT
            BITPOS bp:ones 0 3 -1 BIT
            BITPOS bp:ones 1 5 BIT
            SET bp:z "\x00\x00\x00"
            BITPOS bp:z 1
            BITPOS bp:z 0
            BITPOS bp:z 1 0 -1 BIT
            BITPOS bp:z 0 9 BIT
            SET bp:mid "\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80"
            BITPOS bp:mid 1
            BITPOS bp:mid 1 3
            BITPOS bp:mid 1 24 302 BIT
            BITPOS bp:mid 1 24 295 BIT
            BITPOS bp:mid 0 23 BIT
            SET bp:e ""
            BITPOS bp:e 0
            BITPOS bp:e 1
            BITPOS bp:e 0 0 -1
            BITPOS bp:missing 0
            BITPOS bp:missing 1
            BITPOS bp:missing 0 5 10 BIT
            BITPOS bp:missing 2
            BITPOS bp:a 2
            BITPOS bp:a -1
            BITPOS bp:a x
            BITPOS bp:a 1 x
            BITPOS bp:a 1 0 x
            BITPOS bp:a 1 0 x BOGUS
            BITPOS bp:a 1 0 1 BOGUS
            BITPOS bp:a 1 0 1 BIT extra
            SET bp:n 1
            BITPOS bp:n 1
            BITPOS bp:n 0
            BITPOS bp:a
            """);
    }

    [Fact]
    public void BitPosMatchesOnRandomStrings()
    {
        using var s = servers.Session();
        var rng = new Random(11);
        for (int n = 0; n < 30; n++)
        {
            var bytes = new byte[rng.Next(1, 20)];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(rng.Next(3) switch { 0 => 0, 1 => 0xFF, _ => rng.Next(256) });
            s.Same(new[] { "SET"u8.ToArray(), "bpr"u8.ToArray(), bytes });
            int len = bytes.Length * 8;
            for (int k = 0; k < 6; k++)
            {
                string a = rng.Next(-len - 3, len + 3).ToString(), b = rng.Next(-len - 3, len + 3).ToString();
                string bit = rng.Next(2).ToString();
                s.Same("BITPOS", "bpr", bit, a, b, "BIT");
                s.Same("BITPOS", "bpr", bit, a, b);
                s.Same("BITPOS", "bpr", bit, a);
                s.Same("BITCOUNT", "bpr", a, b, "BIT");
                s.Same("BITCOUNT", "bpr", a, b);
            }
        }
    }

    [Fact]
    public void BitOpAllOperations()
    {
        using var s = servers.Session();
        s.Script("""
            SET bo:a "\xff\x0f\xaa"
            SET bo:b "\xf0\xff"
            SET bo:c "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            BITOP AND bo:r bo:a bo:b
            GET bo:r
            OBJECT ENCODING bo:r
            BITOP OR bo:r bo:a bo:b
            GET bo:r
            BITOP XOR bo:r bo:a bo:b
            GET bo:r
            BITOP NOT bo:r bo:a
            GET bo:r
            BITOP and bo:r bo:a bo:missing
            GET bo:r
            BITOP or bo:r bo:missing bo:b
            GET bo:r
            BITOP AND bo:r bo:c bo:a bo:c
            GET bo:r
            BITOP XOR bo:r bo:c bo:a bo:c
            GET bo:r
            BITOP NOT bo:r bo:c
            GET bo:r
            BITOP OR bo:a bo:a bo:c
            GET bo:a
            SET bo:t x EX 100
            BITOP NOT bo:t bo:b
            TTL bo:t
            BITOP AND bo:r bo:missing bo:missing2
            EXISTS bo:r
            BITOP AND bo:r bo:missing
            SET bo:e ""
            BITOP OR bo:r bo:e bo:e
            EXISTS bo:r
            SET bo:n 42
            BITOP NOT bo:r bo:n
            GET bo:r
            BITOP NOT bo:r bo:a bo:b
            BITOP NOT bo:r
            BITOP NAND bo:r bo:a
            BITOP "" bo:r bo:a
            BITOP AND bo:r
            """);
    }

    [Fact]
    public void BitOpOnRandomStrings()
    {
        using var s = servers.Session();
        var rng = new Random(17);
        string[] ops = { "AND", "OR", "XOR", "NOT" };
        for (int n = 0; n < 40; n++)
        {
            for (int k = 0; k < 3; k++)
            {
                var bytes = new byte[rng.Next(0, 300)];
                rng.NextBytes(bytes);
                s.Same(new[] { "SET"u8.ToArray(), RespClient.Bytes("bor:" + k), bytes });
            }
            string op = ops[rng.Next(ops.Length)];
            if (op == "NOT") s.Same("BITOP", op, "bor:dest", "bor:" + rng.Next(3));
            else s.Same("BITOP", op, "bor:dest", "bor:0", "bor:1", "bor:2", "bor:missing");
            s.Same("GET", "bor:dest");
            s.Same("BITCOUNT", "bor:dest");
            s.Same("BITPOS", "bor:dest", rng.Next(2).ToString());
        }
    }

    [Fact]
    public void KeyspaceHitsAndMissesAsRedis()
    {
        using var s = servers.Session();
        s.Script("""
            CONFIG RESETSTAT
            SETBIT ks:a 1 1
            GETBIT ks:a 1
            GETBIT ks:nx 1
            BITCOUNT ks:a
            BITCOUNT ks:nx
            BITPOS ks:a 1
            BITPOS ks:nx 1
            BITOP AND ks:d ks:a ks:nx
            BITFIELD ks:a GET u8 0
            BITFIELD ks:nx GET u8 0
            BITFIELD ks:a SET u8 0 1
            BITFIELD_RO ks:a GET u8 0
            PFADD ks:h a
            PFCOUNT ks:h
            PFCOUNT ks:h ks:nx
            PFMERGE ks:h2 ks:h ks:nx
            PFDEBUG ENCODING ks:h
            """);
        var (redis, net) = s.Both("INFO", "stats");
        Assert.Equal("keyspace_hits:9,keyspace_misses:8", KeyspaceLines(redis));
        Assert.Equal(KeyspaceLines(redis), KeyspaceLines(net));
    }

    private static string KeyspaceLines(byte[] info) =>
        string.Join(",", System.Text.Encoding.Latin1.GetString(info).Split("\r\n").Where(l => l.StartsWith("keyspace_")));

    [Fact]
    public void BitCommandsUnderResp3()
    {
        using var s = servers.Session();
        s.Both("HELLO", "3");
        s.Script("""
            SETBIT r3:a 3 1
            GETBIT r3:a 3
            BITCOUNT r3:a
            BITPOS r3:a 1
            BITOP NOT r3:b r3:a
            BITFIELD r3:a GET u4 0 SET i8 8 -3 OVERFLOW FAIL INCRBY u2 0 100
            BITFIELD_RO r3:a GET i8 8
            """);
    }
}
