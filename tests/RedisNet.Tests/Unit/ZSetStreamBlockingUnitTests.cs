using System.Text;
using RedisNet.Commands;
using RedisNet.Commands.Strings;
using RedisNet.Protocol;
using RedisNet.Server;
using Xunit;
using static RedisNet.Tests.Unit.InProcessClients;

namespace RedisNet.Tests.Unit;

/// <summary>
/// What BZPOPMIN/BZPOPMAX/BZMPOP and blocked XREADGROUP send to AOF/replicas, in-process, and the
/// long double arithmetic behind blocking timeouts in seconds.
/// </summary>
public class ZSetStreamBlockingUnitTests
{

    private static string[] Propagated(KeyTestHost h) => h.Propagated.Select(p => string.Join(' ', p.Argv)).ToArray();

    [Fact]
    public void ImmediatePopsPropagateAsZpop()
    {
        var h = new KeyTestHost();
        h.Run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
        h.Propagated.Clear();
        Assert.Equal("*3\r\n$1\r\nz\r\n$1\r\na\r\n$1\r\n1\r\n", h.Run("BZPOPMIN", "none", "z", "0"));
        h.Run("BZPOPMAX", "z", "1.5");
        h.Run("BZMPOP", "0", "2", "none", "z", "MAX", "COUNT", "5");
        Assert.Equal("*-1\r\n", h.Run("BZPOPMIN", "z", "0")); // emptied: a fake client gets the timeout reply
        Assert.Equal(new[] { "ZPOPMIN z", "ZPOPMAX z", "ZPOPMAX z 2" }, Propagated(h));
        Assert.Equal(0, h.Server.Blocking.BlockedOnKeys);
    }

    [Fact]
    public void ServedClientsPropagateAfterTheZadd()
    {
        var h = new KeyTestHost();
        var w1 = h.Server.CreateClient(new NullTransport());
        var w2 = h.Server.CreateClient(new NullTransport());
        Assert.Equal("", Run(h.Server, w1, "BZPOPMAX", "z", "0"));
        Assert.Equal("", Run(h.Server, w2, "BZMPOP", "0", "1", "z", "MIN"));
        h.Run("ZADD", "z", "1", "a", "2", "b");
        Assert.Equal("*3\r\n$1\r\nz\r\n$1\r\nb\r\n$1\r\n2\r\n", Encoding.Latin1.GetString(w1.Output.WrittenSpan));
        Assert.Equal("*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n", Encoding.Latin1.GetString(w2.Output.WrittenSpan));
        Assert.Equal(new[] { "ZADD z 1 a 2 b", "ZPOPMAX z", "ZPOPMIN z 1" }, Propagated(h));
    }

    [Fact]
    public void ServedXreadgroupPropagatesClaimsAndXreadNothing()
    {
        var h = new KeyTestHost();
        h.Run("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        var reader = h.Server.CreateClient(new NullTransport());
        var member = h.Server.CreateClient(new NullTransport());
        Assert.Equal("", Run(h.Server, reader, "XREAD", "BLOCK", "0", "STREAMS", "s", "$"));
        Assert.Equal("", Run(h.Server, member, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"));
        h.Propagated.Clear();
        h.Run("XADD", "s", "1-1", "f", "v");
        Assert.False(reader.BlockState!.IsBlocked);
        Assert.False(member.BlockState!.IsBlocked);
        var claim = Assert.Single(Propagated(h), p => p.StartsWith("XCLAIM", StringComparison.Ordinal));
        Assert.StartsWith("XCLAIM s g c 0 1-1 TIME ", claim);
        Assert.EndsWith(" RETRYCOUNT 1 FORCE JUSTID LASTID 1-1", claim);
        Assert.Equal("XADD s 1-1 f v", Propagated(h)[0]);
        Assert.Equal(2, h.Propagated.Count);
    }

    [Fact]
    public void BlockedXreadKeepsTheIdResolvedForDollar()
    {
        var h = new KeyTestHost();
        h.Run("XADD", "s", "5-1", "a", "b");
        var reader = h.Server.CreateClient(new NullTransport());
        Assert.Equal("", Run(h.Server, reader, "XREAD", "BLOCK", "0", "STREAMS", "s", "$"));
        h.Run("XADD", "s", "6-1", "c", "d");
        Assert.Equal("*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n6-1\r\n*2\r\n$1\r\nc\r\n$1\r\nd\r\n",
            Encoding.Latin1.GetString(reader.Output.WrittenSpan));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("0.0015", 2L)]
    [InlineData("1", 1000L)]
    [InlineData("0.3", 300L)]
    [InlineData("1.0000001", 1001L)]
    [InlineData("123.4567", 123457L)]
    [InlineData("2.5e-4", 1L)]
    [InlineData("0x10", 16000L)]
    [InlineData("0x1p-3", 125L)]
    [InlineData("1e-400", 1L)]
    [InlineData("-0", 0L)]
    [InlineData("-0.001", 0L)]   // 0.001 is slightly below a thousandth in long double: ceill gives -0
    [InlineData("-0.002", -1L)]   // (as gcc on x86-64 computes it)
    [InlineData("-0.003", -3L)]
    [InlineData("9.2e15", 9_200_000_000_000_000_000L)]
    [InlineData("1e16", long.MinValue)]
    [InlineData("inf", long.MinValue)]
    [InlineData("1e400", long.MinValue)]
    public void TimeoutSecondsBecomeMillisecondsAsLongDoubles(string text, long ms)
    {
        Assert.True(LongDouble.TryParse(Encoding.ASCII.GetBytes(text), out var v));
        Assert.Equal(ms, v.MulCeilToInt64(1000));
    }
}
