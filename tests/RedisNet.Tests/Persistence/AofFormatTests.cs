using System.Text;
using RedisNet.Persistence.Aof;
using Xunit;

namespace RedisNet.Tests.Persistence;

/// <summary>The manifest text and the command reader, on their own.</summary>
public class AofFormatTests
{
    [Fact]
    public void ManifestRoundTripsInRedissOrder()
    {
        var m = new AofManifest();
        m.NewBase("appendonly.aof", rdb: true);
        m.NewIncr("appendonly.aof");
        m.NewIncr("appendonly.aof");
        m.NewIncr("appendonly.aof");
        m.NewBase("appendonly.aof", rdb: false);
        m.MarkRewrittenIncrAsHistory(keepLast: true);
        var text = m.ToString();
        Assert.Equal("""
            file appendonly.aof.2.base.aof seq 2 type b
            file appendonly.aof.1.incr.aof seq 1 type h
            file appendonly.aof.2.incr.aof seq 2 type h
            file appendonly.aof.1.base.rdb seq 1 type h
            file appendonly.aof.3.incr.aof seq 3 type i

            """.Replace("\r\n", "\n"), text);
        var back = AofManifest.Parse(text);
        Assert.Equal(text, back.ToString());
        Assert.Equal(2, back.BaseSeq);
        Assert.Equal(3, back.IncrSeq);
        Assert.Equal("appendonly.aof.4.incr.aof", back.NewIncr("appendonly.aof"));
    }

    [Fact]
    public void AllIncrFilesBecomeHistoryWhenNoneIsBeingWritten()
    {
        var m = AofManifest.Parse("file a.1.base.rdb seq 1 type b\nfile a.1.incr.aof seq 1 type i\nfile a.2.incr.aof seq 2 type i\n");
        m.MarkRewrittenIncrAsHistory(keepLast: false);
        Assert.Empty(m.Incr);
        Assert.Equal(["a.1.incr.aof", "a.2.incr.aof"], m.History.Select(h => h.FileName));
    }

    [Fact]
    public void NamesWithSpacesAreQuotedAndParsedBack()
    {
        var m = new AofManifest();
        m.NewIncr("my file.aof");
        Assert.Equal("file \"my file.aof.1.incr.aof\" seq 1 type i\n", m.ToString());
        Assert.Equal("my file.aof.1.incr.aof", AofManifest.Parse(m.ToString()).Incr[0].FileName);
    }

    [Theory]
    [InlineData("file a seq 1\n", 1, "Invalid AOF manifest file format")]
    [InlineData("# comment\nfile a seq 1 type b\nfile b seq 2 type b\n", 3, "Found duplicate base file information")]
    [InlineData("file a seq 2 type i\nfile b seq 1 type i\n", 2, "Found a non-monotonic sequence number")]
    [InlineData("file a seq 1 type x\n", 1, "Unknown AOF file type")]
    public void BadManifestsAreRefusedWithTheLine(string text, int line, string error)
    {
        var ex = Assert.Throws<AofManifestException>(() => AofManifest.Parse(text));
        Assert.Equal(error, ex.Message);
        Assert.Equal(line, ex.LineNumber);
    }

    private static AofCommandReader Reader(string text) => new(new MemoryStream(Encoding.Latin1.GetBytes(text)), 0);

    [Fact]
    public void ReaderSkipsAnnotationsAndTracksOffsets()
    {
        var r = Reader("#TS:1700000000\r\n*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n*1\r\n$4\r\nPING\r\n");
        Assert.Equal(AofReadStatus.Command, r.Next());
        Assert.Equal(["DEL", "k"], r.Argv.Select(a => Encoding.Latin1.GetString(a)));
        Assert.Equal(36, r.Position);
        Assert.Equal(AofReadStatus.Command, r.Next());
        Assert.Equal(AofReadStatus.End, r.Next());
    }

    [Theory]
    [InlineData("*2\r\n$3\r\nDEL\r\n$1\r\nk", AofReadStatus.Truncated)]
    [InlineData("*2\r\n$3\r\nDEL\r\n", AofReadStatus.Truncated)]
    [InlineData("*2", AofReadStatus.Truncated)]
    [InlineData("+OK\r\n", AofReadStatus.BadFormat)]
    [InlineData("*0\r\n", AofReadStatus.BadFormat)]
    [InlineData("*1\r\n:3\r\n", AofReadStatus.BadFormat)]
    public void DamagedCommandsAreTruncatedOrBadFormat(string text, AofReadStatus expected) => Assert.Equal(expected, Reader(text).Next());
}
