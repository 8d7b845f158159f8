using System.Text;
using RedisNet.Protocol;
using Xunit;

namespace RedisNet.Tests.Unit;

public class RespParserTests
{
    private static (ParseStatus Status, List<string[]> Commands, string? Error, int Pos, long Need) Parse(string input, long maxBulk = 512 * 1024 * 1024)
    {
        var buf = Encoding.Latin1.GetBytes(input);
        var batch = new CommandBatch { Buffer = buf };
        batch.Clear();
        int pos = 0;
        ParseStatus st;
        string? err;
        do st = RespParser.ParseCommand(buf, ref pos, batch, maxBulk, out err);
        while (st == ParseStatus.Complete && pos < buf.Length);
        var cmds = new List<string[]>();
        for (int c = 0; c < batch.Count; c++)
        {
            var args = new List<string>();
            for (int a = batch.CommandStarts[c]; a < batch.CommandStarts[c + 1]; a++)
                args.Add(Encoding.Latin1.GetString(buf, batch.Offsets[a], batch.Lengths[a]));
            cmds.Add(args.ToArray());
        }
        return (st, cmds, err, pos, batch.NeedBytes);
    }

    [Fact]
    public void ParsesAPipelineOfMultibulkCommands()
    {
        var r = Parse("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nv\r\nx!\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
        Assert.Equal(ParseStatus.Complete, r.Status);
        Assert.Equal(new[] { new[] { "SET", "k", "v\r\nx!" }, new[] { "GET", "k" } }, r.Commands);
    }

    [Fact]
    public void AnIncompleteCommandIsNotConsumedAndSaysWhatItNeeds()
    {
        var r = Parse("*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$10\r\nabc");
        Assert.Equal(ParseStatus.Incomplete, r.Status);
        Assert.Single(r.Commands);
        Assert.Equal(14, r.Pos);
        Assert.Equal("*2\r\n$3\r\nGET\r\n$10\r\n".Length + 12, r.Need);
    }

    [Fact]
    public void HugeDeclaredLengthsAllocateNothingAndAreRejectedAboveTheLimit()
    {
        Assert.Equal("Protocol error: invalid bulk length", Parse("*1\r\n$2147483647\r\n").Error);
        var r = Parse("*1\r\n$2147483647\r\n", maxBulk: long.MaxValue);
        Assert.Equal(ParseStatus.Incomplete, r.Status); // waits, buffer untouched
    }

    [Theory]
    [InlineData("*abc\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*2147483648\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*1\r\nfoo\r\n", "Protocol error: expected '$', got 'f'")]
    [InlineData("*1\r\n$-1\r\n", "Protocol error: invalid bulk length")]
    [InlineData("ECHO \"abc\r\n", "Protocol error: unbalanced quotes in request")]
    public void ProtocolErrorsUseRedisText(string input, string error)
    {
        var r = Parse(input);
        Assert.Equal(ParseStatus.Error, r.Status);
        Assert.Equal(error, r.Error);
    }

    [Fact]
    public void LongLinesWithoutNewlineAreRejected()
    {
        Assert.Equal("Protocol error: too big inline request", Parse(new string('a', 70 * 1024)).Error);
        Assert.Equal("Protocol error: too big mbulk count string", Parse("*" + new string('1', 70 * 1024)).Error);
    }

    [Fact]
    public void InlineCommandsSplitWithRedisQuoting()
    {
        var r = Parse("SET \"a b\" 'c\\'d' \"\\x41\\n\"\r\nPING\n\r\n");
        Assert.Equal(new[] { new[] { "SET", "a b", "c'd", "A\n" }, new[] { "PING" } }, r.Commands);
        Assert.Equal(ParseStatus.Complete, r.Status);
    }

    [Fact]
    public void EmptyMultibulkIsSkipped()
    {
        var r = Parse("*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n");
        Assert.Equal(new[] { new[] { "PING" } }, r.Commands);
    }

    [Theory]
    [InlineData("a \"b\"c", null)]        // closing quote must be followed by a space
    [InlineData("'unterminated", null)]
    [InlineData("a  b\t c", "a|b|c")]
    [InlineData("\"\"", "")]
    public void SplitterFollowsSdssplitargs(string line, string? expected)
    {
        var parts = InlineSplitter.Split(Encoding.ASCII.GetBytes(line));
        if (expected is null) Assert.Null(parts);
        else Assert.Equal(expected, string.Join("|", parts!.Select(p => Encoding.ASCII.GetString(p))));
    }
}
