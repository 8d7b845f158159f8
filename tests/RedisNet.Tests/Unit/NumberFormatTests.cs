using System.Text;
using RedisNet.Protocol;
using Xunit;

namespace RedisNet.Tests.Unit;

public class NumberFormatTests
{
    // Expected strings are C's printf("%.17g"), as Redis 7.0 formats double replies.
    [Theory]
    [InlineData(1.1, "1.1000000000000001")]
    [InlineData(0.1, "0.10000000000000001")]
    [InlineData(1e17, "1e+17")]
    [InlineData(1e16, "10000000000000000")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(1e-5, "1.0000000000000001e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1.5e-7, "1.4999999999999999e-07")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(3.0, "3")]
    [InlineData(1e300, "1.0000000000000001e+300")]
    [InlineData(4.94065645841247E-324, "4.9406564584124654e-324")]
    [InlineData(10.6, "10.6")]
    [InlineData(1.0 / 3, "0.33333333333333331")]
    [InlineData(100.0, "100")]
    [InlineData(1e21, "1e+21")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(0.0, "0")]
    public void FormatsDoublesAsPercent17g(double d, string expected)
    {
        Span<byte> buf = stackalloc byte[64];
        int n = NumberFormat.FormatDouble(d, buf);
        Assert.Equal(expected, Encoding.ASCII.GetString(buf[..n]));
    }

    [Theory]
    [InlineData("0", true, 0L)]
    [InlineData("-1", true, -1L)]
    [InlineData("9223372036854775807", true, long.MaxValue)]
    [InlineData("-9223372036854775808", true, long.MinValue)]
    [InlineData("9223372036854775808", false, 0L)]
    [InlineData("01", false, 0L)]
    [InlineData("+1", false, 0L)]
    [InlineData(" 1", false, 0L)]
    [InlineData("1 ", false, 0L)]
    [InlineData("-", false, 0L)]
    [InlineData("-0", false, 0L)]
    [InlineData("", false, 0L)]
    [InlineData("1a", false, 0L)]
    public void ParsesIntegersAsString2ll(string s, bool ok, long value)
    {
        Assert.Equal(ok, NumberFormat.TryParseInt64(Encoding.ASCII.GetBytes(s), out long v));
        if (ok) Assert.Equal(value, v);
    }

    [Theory]
    [InlineData("1.5", true)]
    [InlineData("-inf", true)]
    [InlineData("+inf", true)]
    [InlineData("1e10", true)]
    [InlineData("nan", false)]
    [InlineData(" 1", false)]
    [InlineData("1 ", false)]
    [InlineData("abc", false)]
    [InlineData("", false)]
    public void ParsesDoublesAsRedisDoes(string s, bool ok)
    {
        Assert.Equal(ok, NumberFormat.TryParseDouble(Encoding.ASCII.GetBytes(s), out _));
    }
}
