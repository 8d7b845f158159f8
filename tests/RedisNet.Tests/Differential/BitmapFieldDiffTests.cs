using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>BITFIELD and BITFIELD_RO against redis-server 7.0: types, offsets, overflow modes, errors.</summary>
public class BitmapFieldDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void GetSetIncrBy()
    {
        using var s = servers.Session();
        s.Script("""
            BITFIELD bf:a SET i8 0 100 GET i8 0
            GET bf:a
            OBJECT ENCODING bf:a
            BITFIELD bf:a INCRBY i8 0 27 INCRBY i8 0 1 GET u8 0
            BITFIELD bf:a SET u4 #1 15 GET u4 #1 GET u4 4 GET i4 #1
            BITFIELD bf:a SET i5 3 -7 GET i5 3 GET u5 3
            BITFIELD bf:a GET u63 0 GET i64 0 GET i64 1 GET u63 5
            BITFIELD bf:a SET i64 0 -9223372036854775808 GET i64 0 GET u63 0
            BITFIELD bf:a SET i64 0 9223372036854775807 GET i64 0 GET u63 1
            BITFIELD bf:a SET u63 3 9223372036854775807 GET u63 3 GET i64 3
            BITFIELD bf:a INCRBY i64 0 1 INCRBY i64 0 -1
            BITFIELD bf:a SET u1 1000 1 GET u1 1000
            STRLEN bf:a
            BITFIELD bf:a GET u8 100000 GET i32 1001
            BITFIELD bf:a
            BITFIELD bf:missing
            BITFIELD bf:missing GET u8 0 GET i64 12345
            EXISTS bf:missing
            BITFIELD bf:b INCRBY u2 100 1 OVERFLOW SAT INCRBY u2 102 1
            GET bf:b
            BITFIELD bf:c SET i8 #0 1 SET i8 #1 2 SET i8 #2 3 GET i24 0 GET u16 #1
            GET bf:c
            SET bf:n 123
            BITFIELD bf:n GET u8 0 GET u8 8
            BITFIELD bf:n SET u8 0 65
            GET bf:n
            BITFIELD bf:a set i8 0 1 get i8 0 incrby i8 0 1 overflow sat
            BITFIELD bf:a SET i8 0 1 OVERFLOW WRAP
            BITFIELD bf:a GET i8 0 SET i8 0 1 GET i8 0
            """);
    }

    [Fact]
    public void OverflowModes()
    {
        using var s = servers.Session();
        s.Script("""
            BITFIELD ov:a SET u8 0 255 INCRBY u8 0 10
            BITFIELD ov:a OVERFLOW SAT INCRBY u8 0 10 INCRBY u8 0 -300
            BITFIELD ov:a OVERFLOW FAIL INCRBY u8 0 256 INCRBY u8 0 -1 INCRBY u8 0 255
            BITFIELD ov:a OVERFLOW WRAP INCRBY i8 0 200 INCRBY i8 0 -300
            BITFIELD ov:a OVERFLOW SAT INCRBY i8 0 200 INCRBY i8 0 -300
            BITFIELD ov:a OVERFLOW FAIL INCRBY i8 0 200 INCRBY i8 0 -300 INCRBY i8 0 1
            BITFIELD ov:a OVERFLOW SAT SET i8 0 200 SET i8 0 -200 SET u8 0 -1 SET u8 0 300
            BITFIELD ov:a OVERFLOW WRAP SET i8 0 200 SET i8 0 -200 SET u8 0 -1 SET u8 0 300
            BITFIELD ov:a OVERFLOW FAIL SET i8 0 200 SET i8 0 -200 SET u8 0 -1 SET u8 0 300 SET u8 0 7
            BITFIELD ov:b SET i64 0 9223372036854775807 INCRBY i64 0 1 OVERFLOW SAT INCRBY i64 0 1 INCRBY i64 0 -9223372036854775808
            BITFIELD ov:b OVERFLOW SAT SET i64 0 -9223372036854775808 INCRBY i64 0 -1 OVERFLOW FAIL INCRBY i64 0 -1 INCRBY i64 0 9223372036854775807
            BITFIELD ov:b OVERFLOW WRAP SET i64 0 -1 INCRBY i64 0 -9223372036854775808
            BITFIELD ov:c SET u63 0 9223372036854775807 INCRBY u63 0 1 OVERFLOW SAT INCRBY u63 0 -1 INCRBY u63 0 9223372036854775807 INCRBY u63 0 -9223372036854775808
            BITFIELD ov:c OVERFLOW FAIL SET u63 0 0 INCRBY u63 0 -1 INCRBY u63 0 9223372036854775807 INCRBY u63 0 1
            BITFIELD ov:d SET i1 0 1 SET i1 1 -1 GET i1 0 GET u2 0 INCRBY i1 2 1 OVERFLOW SAT INCRBY i1 3 5 INCRBY i1 3 -5
            BITFIELD ov:d SET u1 0 2 OVERFLOW SAT SET u1 0 2 INCRBY u1 0 -3
            """);
    }

    [Fact]
    public void Errors()
    {
        using var s = servers.Session();
        s.Script("""
            BITFIELD er:a GET u64 0
            BITFIELD er:a GET i65 0
            BITFIELD er:a GET i0 0
            BITFIELD er:a GET x8 0
            BITFIELD er:a GET I8 0
            BITFIELD er:a GET "" 0
            BITFIELD er:a GET i 0
            BITFIELD er:a GET i8 -1
            BITFIELD er:a GET i8 abc
            BITFIELD er:a GET i8 #-1
            BITFIELD er:a GET i8 #
            BITFIELD er:a GET i8 ##1
            BITFIELD er:a GET i8 4294967288
            BITFIELD er:a GET i8 4294967296
            BITFIELD er:a GET i8 #536870911
            BITFIELD er:a GET i8 #536870912
            BITFIELD er:a GET i64 #1152921504606846976
            BITFIELD er:a GET i64 #9223372036854775807
            BITFIELD er:a SET i8 0
            BITFIELD er:a SET i8 0 abc
            BITFIELD er:a INCRBY i8 0 1.5
            BITFIELD er:a GET i8
            BITFIELD er:a BOGUS
            BITFIELD er:a OVERFLOW
            BITFIELD er:a OVERFLOW BOGUS GET i8 0
            BITFIELD er:a GET i8 0 OVERFLOW BOGUS
            BITFIELD er:a GET i8 0 BOGUS
            BITFIELD er:a GET u64 0 GET i8 -1
            BITFIELD er:a SET i8 0 1 GET u64 0
            EXISTS er:a
            BITFIELD_RO er:a GET i8 0 GET u63 7
            BITFIELD_RO er:a SET i8 0 1
            BITFIELD_RO er:a INCRBY i8 0 1
            BITFIELD_RO er:a GET i8 0 OVERFLOW SAT
            BITFIELD_RO er:a SET i8 0 abc
            BITFIELD_RO er:a BOGUS
            BITFIELD_RO er:a
            EXISTS er:a
            BITFIELD
            BITFIELD_RO
            """);
    }

    [Fact]
    public void RandomOperationsAgree()
    {
        using var s = servers.Session();
        var rng = new Random(5);
        string[] modes = { "WRAP", "SAT", "FAIL" };
        for (int n = 0; n < 200; n++)
        {
            bool signed = rng.Next(2) == 0;
            int bits = rng.Next(1, signed ? 65 : 64);
            string type = (signed ? "i" : "u") + bits;
            string offset = rng.Next(4) == 0 ? "#" + rng.Next(0, 8) : rng.Next(0, 200).ToString();
            long value = rng.Next(3) switch
            {
                0 => rng.NextInt64(long.MinValue, long.MaxValue),
                1 => rng.Next(-300, 300),
                _ => (long)(1UL << rng.Next(0, 63)) * (rng.Next(2) == 0 ? 1 : -1),
            };
            string op = rng.Next(3) switch { 0 => "GET", 1 => "SET", _ => "INCRBY" };
            if (op == "GET") s.Same("BITFIELD", "bfr", "GET", type, offset);
            else s.Same("BITFIELD", "bfr", "OVERFLOW", modes[rng.Next(3)], op, type, offset, value.ToString());
        }
        s.Same("GET", "bfr");
    }
}
