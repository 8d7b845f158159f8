using RedisNet.Commands.Keys;
using RedisNet.Keyspace;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>
/// LZF sizes and DEBUG OBJECT serializedlength against values recorded from redis-server 7.0.15
/// (SET k value; DEBUG OBJECT k) for generated strings: repeated, small-alphabet random, text,
/// long-period and incompressible random bytes.
/// </summary>
public class KeyLzfTests
{
    private static byte[] Generate(int kind, int n, long seed)
    {
        var o = new byte[n];
        long x = seed;
        for (int i = 0; i < n; i++)
        {
            switch (kind)
            {
                case 0: o[i] = (byte)"abc"[i % 3]; break;
                case 1: x = (x * 1103515245 + 12345) & 0x7fffffff; o[i] = (byte)('a' + (x >> 16) % 4); break;
                case 2: o[i] = (byte)"the quick brown fox jumps over the lazy dog "[i % 44]; break;
                case 3: o[i] = (byte)((i * 7 + i / 300) % 251); break;
                default: x = (x * 1103515245 + 12345) & 0x7fffffff; o[i] = (byte)((x >> 16) & 0xff); break;
            }
        }
        return o;
    }

    [Theory]
    [InlineData(0, 21, 651, 14)]
    [InlineData(0, 24, 744, 13)]
    [InlineData(0, 25, 775, 14)]
    [InlineData(0, 30, 930, 14)]
    [InlineData(0, 45, 1395, 14)]
    [InlineData(0, 64, 1984, 15)]
    [InlineData(0, 100, 3100, 15)]
    [InlineData(0, 300, 9300, 18)]
    [InlineData(0, 1000, 31000, 24)]
    [InlineData(0, 9000, 279000, 117)]
    [InlineData(0, 70000, 2170000, 814)]
    [InlineData(1, 21, 652, 22)]
    [InlineData(1, 24, 745, 25)]
    [InlineData(1, 25, 776, 26)]
    [InlineData(1, 30, 931, 31)]
    [InlineData(1, 45, 1396, 46)]
    [InlineData(1, 64, 1985, 58)]
    [InlineData(1, 100, 3101, 86)]
    [InlineData(1, 300, 9301, 214)]
    [InlineData(1, 1000, 31001, 623)]
    [InlineData(1, 9000, 279001, 5392)]
    [InlineData(1, 70000, 2170001, 41934)]
    [InlineData(2, 21, 653, 22)]
    [InlineData(2, 24, 746, 25)]
    [InlineData(2, 25, 777, 26)]
    [InlineData(2, 30, 932, 31)]
    [InlineData(2, 45, 1397, 46)]
    [InlineData(2, 64, 1986, 56)]
    [InlineData(2, 100, 3102, 56)]
    [InlineData(2, 300, 9302, 56)]
    [InlineData(2, 1000, 31002, 65)]
    [InlineData(2, 9000, 279002, 156)]
    [InlineData(2, 70000, 2170002, 852)]
    [InlineData(3, 21, 654, 22)]
    [InlineData(3, 24, 747, 25)]
    [InlineData(3, 25, 778, 26)]
    [InlineData(3, 30, 933, 31)]
    [InlineData(3, 45, 1398, 46)]
    [InlineData(3, 64, 1987, 66)]
    [InlineData(3, 100, 3103, 102)]
    [InlineData(3, 300, 9303, 271)]
    [InlineData(3, 1000, 31003, 289)]
    [InlineData(3, 9000, 279003, 557)]
    [InlineData(3, 70000, 2170003, 2981)]
    [InlineData(4, 21, 655, 22)]
    [InlineData(4, 24, 748, 25)]
    [InlineData(4, 25, 779, 26)]
    [InlineData(4, 30, 934, 31)]
    [InlineData(4, 45, 1399, 46)]
    [InlineData(4, 64, 1988, 66)]
    [InlineData(4, 100, 3104, 102)]
    [InlineData(4, 300, 9304, 302)]
    [InlineData(4, 1000, 31004, 1002)]
    [InlineData(4, 9000, 279004, 9002)]
    [InlineData(4, 70000, 2170004, 70005)]
    public void SerializedLengthMatchesRedis(int kind, int n, long seed, long expected) =>
        Assert.Equal(expected, Debug.SerializedLength(Generate(kind, n, seed)));

    [Theory]
    [InlineData("1", 2)]
    [InlineData("-128", 2)]
    [InlineData("128", 3)]
    [InlineData("-32769", 5)]
    [InlineData("2147483648", 11)]
    [InlineData("007", 4)]
    [InlineData("hello", 6)]
    public void SmallValues(string value, long expected) =>
        Assert.Equal(expected, Debug.SerializedLength(System.Text.Encoding.ASCII.GetBytes(value)));

    [Fact]
    public void OutputThatDoesNotFitIsRefused()
    {
        var data = Generate(4, 100, 1);
        Assert.Equal(0, Lzf.Compress(data, new byte[96]));
        Assert.Equal(0, Lzf.Compress(ReadOnlySpan<byte>.Empty, new byte[10]));
        Assert.True(Lzf.Compress(Generate(0, 300, 0), new byte[296]) is > 0 and < 30);
    }
}
