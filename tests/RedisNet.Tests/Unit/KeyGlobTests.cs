using System.Text;
using RedisNet.Commands.Keys;
using RedisNet.Keyspace;
using RedisNet.Protocol;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>Glob (stringmatchlen), SCAN cursor parsing and digest primitives.</summary>
public class KeyGlobTests
{
    [Theory]
    [InlineData("*", "", false)] // stringmatchlen never matches an empty string (KEYS * special-cases "*")
    [InlineData("**", "", false)]
    [InlineData("*", "anything", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("h[ae]llo", "hello", true)]
    [InlineData("h[^e]llo", "hello", false)]
    [InlineData("h[^e]llo", "hallo", true)]
    [InlineData("h[a-b]llo", "hbllo", true)]
    [InlineData("h[b-a]llo", "hbllo", true)]
    [InlineData("h[a-b]llo", "hcllo", false)]
    [InlineData("h\\*llo", "h*llo", true)]
    [InlineData("h\\*llo", "hello", false)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("a\\", "a\\", true)]
    [InlineData("[abc", "a", true)]
    [InlineData("[abc", "ab", false)]
    [InlineData("x[\\]]y", "x]y", true)]
    [InlineData("abc**", "abc", true)]
    [InlineData("*a", "ba", true)]
    public void MatchesLikeRedis(string pattern, string text, bool expected) =>
        Assert.Equal(expected, Glob.Match(Encoding.Latin1.GetBytes(pattern), Encoding.Latin1.GetBytes(text), nocase: false));

    [Fact]
    public void NoCaseAndHighBytes()
    {
        Assert.True(Glob.Match("HeLLo*"u8, "hello world"u8, nocase: true));
        Assert.False(Glob.Match("HeLLo*"u8, "hello world"u8, nocase: false));
        Assert.True(Glob.Match("[A-C]x"u8, "bx"u8, nocase: true));
        // Bytes compare as signed chars: 0xff sorts below 'a'.
        Assert.True(Glob.Match([(byte)'[', 0xff, (byte)'-', (byte)'a', (byte)']'], [0x00], nocase: false));
        Assert.False(Glob.Match([(byte)'[', 0xff, (byte)'-', (byte)'a', (byte)']'], [0x80], nocase: false));
    }

    [Fact]
    public void DeepStarNestingIsRefusedAsRedisDoes()
    {
        // 1001 stars still match; 1002 exceed Redis's nesting limit of 1000 and fail.
        var ok = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("a*", 1001)));
        var tooDeep = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("a*", 1002)));
        Assert.True(Glob.Match(ok, Encoding.ASCII.GetBytes(new string('a', 1001)), false));
        Assert.False(Glob.Match(tooDeep, Encoding.ASCII.GetBytes(new string('a', 1002)), false));
    }

    [Fact]
    public void PathologicalPatternFinishes()
    {
        var pattern = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("a*", 30)) + "b");
        Assert.False(Glob.Match(pattern, Encoding.ASCII.GetBytes(new string('a', 60)), false));
    }

    [Theory]
    [InlineData("0", true, 0UL)]
    [InlineData("", true, 0UL)]
    [InlineData("+7", true, 7UL)]
    [InlineData("-1", true, ulong.MaxValue)]
    [InlineData("18446744073709551615", true, ulong.MaxValue)]
    [InlineData("18446744073709551616", false, 0UL)]
    [InlineData(" 1", false, 0UL)]
    [InlineData("1 ", false, 0UL)]
    [InlineData("-", false, 0UL)]
    [InlineData("0x1", false, 0UL)]
    public void ScanCursorParsesLikeStrtoul(string text, bool ok, ulong value)
    {
        Assert.Equal(ok, Scan.TryParseCursor(Encoding.ASCII.GetBytes(text), out ulong cursor));
        if (ok) Assert.Equal(value, cursor);
    }

    [Fact]
    public void DigestMixIsOrderDependentAndXorIsNot()
    {
        var a = new Digest(); a.Mix("x"u8); a.Mix("y"u8);
        var b = new Digest(); b.Mix("y"u8); b.Mix("x"u8);
        Assert.NotEqual(a.Hex(), b.Hex());
        var c = new Digest(); c.Xor("x"u8); c.Xor("y"u8);
        var d = new Digest(); d.Xor("y"u8); d.Xor("x"u8);
        Assert.Equal(c.Hex(), d.Hex());
        Assert.Equal(40, c.Hex().Length);
    }

    [Fact]
    public void StringMatchFuzzRuns()
    {
        var h = new KeyTestHost();
        Assert.Equal("+Apparently Redis did not crash: test passed\r\n", h.Run("DEBUG", "STRINGMATCH-TEST"));
    }
}
