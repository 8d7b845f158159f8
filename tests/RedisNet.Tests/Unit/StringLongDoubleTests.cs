using System.Text;
using RedisNet.Commands.Strings;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>The long double emulation behind INCRBYFLOAT; expected strings were produced by redis-server 7.0.15 on x86-64.</summary>
public class StringLongDoubleTests
{
    private static string Sum(string a, string b)
    {
        Assert.True(LongDouble.TryParse(Encoding.ASCII.GetBytes(a), out var x), a);
        Assert.True(LongDouble.TryParse(Encoding.ASCII.GetBytes(b), out var y), b);
        var s = LongDouble.Add(x, y);
        Assert.True(s.IsFinite);
        return Encoding.ASCII.GetString(s.FormatHuman());
    }

    [Theory]
    [InlineData("10.5", "0.1", "10.6")]
    [InlineData("3.0e3", "5.0e3", "8000")]
    [InlineData("10.5", "0.5", "11")]
    [InlineData("0", "0.000003814697265625", "0.00000381469726562")]   // tie at 17 decimals: to even
    [InlineData("0", "0.000011444091796875", "0.00001144409179688")]   // tie at 17 decimals: to even (up)
    [InlineData("11", "0.000003814697265625", "11.00000381469726562")]
    [InlineData("9223372036854775807", "1", "9223372036854775808")]
    [InlineData("-0.0", "0", "0")]
    [InlineData("0", "-0.000000000000000001", "0")]
    [InlineData("0", "0x10", "16")]
    [InlineData("0", "0x1.8p1", "3")]
    [InlineData("0", "1e-4940", "0")]
    [InlineData("1.1", "-1.1", "0")]
    [InlineData("0", "-1.5", "-1.5")]
    public void SumsFormatLikeRedis(string a, string b, string expected) => Assert.Equal(expected, Sum(a, b));

    [Fact]
    public void ValuesBeyondDoubleRangeAreExact()
    {
        Assert.Equal("10000000000000000000281880683947586514586453433629052038625910693539685534008629862039363994848324160522094053927317616200295822777259255734023828976593340661017797447434546173917862448116674971723778943824391593338047470675026246684401359237513603830343735485505244955964979021825038280091068414947402456898653040951017512658092615827588920183472511643316591362664138176309734806343732497430221946880",
            Sum("0", "1e400"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("abc")]
    [InlineData("nan")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("0x")]
    [InlineData("0x1p")]
    [InlineData("1e-5000")]   // underflows to zero
    [InlineData("1e5000")]    // overflows
    [InlineData("1\u00002")]
    public void RejectsWhatStrtoldWouldNot(string s) => Assert.False(LongDouble.TryParse(Encoding.Latin1.GetBytes(s), out _));

    [Theory]
    [InlineData("inf")]
    [InlineData("-Infinity")]
    [InlineData("+INF")]
    public void InfinityParsesButIsNotFinite(string s)
    {
        Assert.True(LongDouble.TryParse(Encoding.ASCII.GetBytes(s), out var v));
        Assert.False(LongDouble.Add(v, LongDouble.Zero).IsFinite);
    }

    [Fact]
    public void OverflowingSumIsNotFinite()
    {
        Assert.True(LongDouble.TryParse("1e4932"u8, out var big));
        Assert.False(LongDouble.Add(big, big).IsFinite);
    }
}
