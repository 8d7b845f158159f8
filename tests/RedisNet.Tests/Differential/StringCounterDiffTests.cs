using System.Globalization;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>INCR/DECR families and INCRBYFLOAT's long double results against redis-server 7.0.</summary>
public class StringCounterDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void IntegerCounters()
    {
        using var s = servers.Session();
        s.Script("""
            INCR ic:a
            INCR ic:a
            DECR ic:a
            DECR ic:b
            INCRBY ic:a 100
            INCRBY ic:a -300
            DECRBY ic:a 5
            DECRBY ic:a -5
            INCRBY ic:a abc
            INCRBY ic:a 1.5
            INCRBY ic:a ""
            INCRBY ic:a 99999999999999999999
            DECRBY ic:a -9223372036854775808
            DECRBY ic:a 9223372036854775807
            SET ic:max 9223372036854775807
            INCR ic:max
            INCRBY ic:max 0
            DECR ic:max
            SET ic:min -9223372036854775808
            DECR ic:min
            INCRBY ic:min -1
            INCR ic:min
            SET ic:s abc
            INCR ic:s
            SET ic:s " 1"
            INCR ic:s
            SET ic:s "1 "
            INCR ic:s
            SET ic:s 01
            INCR ic:s
            SET ic:s -0
            INCR ic:s
            SET ic:s +1
            INCR ic:s
            SET ic:s 1.0
            INCR ic:s
            SET ic:s ""
            INCR ic:s
            SET ic:s 10
            APPEND ic:s 0
            INCR ic:s
            GET ic:s
            INCR
            INCR ic:a ic:b
            INCRBY ic:a
            """);
    }

    [Fact]
    public void IncrByFloatScripted()
    {
        using var s = servers.Session();
        s.Script("""
            INCRBYFLOAT fl:a 10.5
            INCRBYFLOAT fl:a 0.1
            SET fl:b 10.5
            INCRBYFLOAT fl:b 0.1
            INCRBYFLOAT fl:c 3.0e3
            INCRBYFLOAT fl:c 5.0e3
            INCRBYFLOAT fl:c -8000
            INCRBYFLOAT fl:d 5.0e3
            INCRBYFLOAT fl:d 2.0e-3
            INCRBYFLOAT fl:e 1e400
            INCRBYFLOAT fl:e -1e400
            INCRBYFLOAT fl:f 1.7976931348623157e308
            INCRBYFLOAT fl:f 1.7976931348623157e308
            INCRBYFLOAT fl:g inf
            INCRBYFLOAT fl:g -inf
            INCRBYFLOAT fl:g +inf
            INCRBYFLOAT fl:g infinity
            INCRBYFLOAT fl:g nan
            INCRBYFLOAT fl:g NaN
            INCRBYFLOAT fl:g abc
            INCRBYFLOAT fl:g ""
            INCRBYFLOAT fl:g " 1"
            INCRBYFLOAT fl:g "1 "
            INCRBYFLOAT fl:g 1e
            INCRBYFLOAT fl:g 1e+
            INCRBYFLOAT fl:g .
            INCRBYFLOAT fl:g .5
            INCRBYFLOAT fl:g 5.
            INCRBYFLOAT fl:g -.5
            INCRBYFLOAT fl:g 0x10
            INCRBYFLOAT fl:g 0x1.8p1
            INCRBYFLOAT fl:g 0x
            INCRBYFLOAT fl:g 1e-5000
            INCRBYFLOAT fl:g 1e5000
            INCRBYFLOAT fl:h 1e-4940
            INCRBYFLOAT fl:h 0e-5000
            INCRBYFLOAT fl:i -0.0
            INCRBYFLOAT fl:i -0.000000000000000001
            INCRBYFLOAT fl:j 0.000003814697265625
            INCRBYFLOAT fl:k 0.000011444091796875
            INCRBYFLOAT fl:l 9223372036854775807
            INCRBYFLOAT fl:l 1
            SET fl:m abc
            INCRBYFLOAT fl:m 1
            SET fl:m "1\x002"
            INCRBYFLOAT fl:m 1
            SET fl:n 1.5
            INCRBYFLOAT fl:n abc
            INCRBYFLOAT fl:o 1.1
            INCRBYFLOAT fl:o -1.1
            INCRBYFLOAT fl:o 0.30000000000000004
            INCRBYFLOAT fl:p 123456789012345678901234567890
            INCRBYFLOAT fl:p 0.5
            INCRBYFLOAT
            INCRBYFLOAT fl:q
            INCR fl:a
            SET fl:r 5
            INCRBYFLOAT fl:r 5
            INCR fl:r
            """);
    }

    [Fact]
    public void IncrByFloatManyValues()
    {
        using var s = servers.Session();
        // A spread of magnitudes, signs and digit counts, each added twice to a fresh key.
        var rng = new Random(12345);
        var inputs = new List<string> { "0.1", "0.2", "0.3", "1.1", "2.675", "1e-10", "123.456", "-99.99", "1e20", "1.5e-7", "3.14159265358979323846" };
        for (int i = 0; i < 120; i++)
        {
            double mant = rng.NextDouble() * 2 - 1;
            int exp = rng.Next(-12, 25);
            inputs.Add((mant * Math.Pow(10, exp)).ToString("R", CultureInfo.InvariantCulture));
            inputs.Add(rng.Next(-100000, 100000).ToString(CultureInfo.InvariantCulture) + "." + rng.Next(0, 1000).ToString("D3", CultureInfo.InvariantCulture));
            // Long mantissas and wide exponents exercise the 64-bit mantissa rounding itself.
            var digits = string.Concat(Enumerable.Range(0, 25).Select(_ => (char)('0' + rng.Next(10))));
            inputs.Add((rng.Next(2) == 0 ? "-" : "") + "0." + digits + "e" + rng.Next(-30, 40).ToString(CultureInfo.InvariantCulture));
        }
        int n = 0;
        foreach (var a in inputs)
        {
            var key = "flm:" + n++;
            s.Same("INCRBYFLOAT", key, a);
            s.Same("INCRBYFLOAT", key, inputs[(n * 7) % inputs.Count]);
            s.Same("INCRBYFLOAT", key, a);
        }
    }
}
