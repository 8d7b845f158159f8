using System.Text;
using RedisNet.Types.Stream;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>The stream data structure on its own: listpack bytes as Redis writes them, radix tree sizes, cursors.</summary>
public class StreamStructureTests
{
    private readonly struct Pairs(params string[] items) : IFieldSource
    {
        public int PairCount => items.Length / 2;
        public ReadOnlySpan<byte> Field(int i) => Encoding.ASCII.GetBytes(items[2 * i]);
        public ReadOnlySpan<byte> Value(int i) => Encoding.ASCII.GetBytes(items[2 * i + 1]);
    }

    [Fact]
    public void NodeListpackIsByteForByteRedis()
    {
        var s = new StreamValue();
        s.Append(new StreamId(1, 0), new Pairs("f", "v"), 4096, 100);
        s.Append(new StreamId(1, 1), new Pairs("f", "300"), 4096, 100);
        s.Append(new StreamId(5, 0), new Pairs("g", "-5", "h", "hello"), 4096, 100);
        Assert.True(s.Delete(new StreamId(1, 1)));
        // From redis-server 7.0.15's DUMP of the same stream (the node's listpack, stored raw).
        var expected = Convert.FromHexString(
            "420000001800020101010101816602000102010001000181760204010301000101" +
            "01c12c0204010001040100010201816702dffb028168028568656c6c6f060801ff");
        var image = ListpackImage.Of(s.Nodes[0]);
        Assert.Equal(expected, image);
        Assert.Equal(expected.Length, s.Nodes[0].ListpackBytes);
    }

    [Fact]
    public void RadixTreeNodeCounts()
    {
        Assert.Equal(1, StreamType.RaxNodes([]));
        Assert.Equal(2, StreamType.RaxNodes([new StreamId(1, 1)]));
        // Keys differing in the ms's last byte: root, the branch, and two chains of two nodes.
        Assert.Equal(6, StreamType.RaxNodes([new StreamId(1, 1), new StreamId(101, 1)]));
        // Three keys sharing a branch point: root, branch, three children each with its leaf.
        Assert.Equal(8, StreamType.RaxNodes([new StreamId(1, 0), new StreamId(2, 0), new StreamId(3, 0)]));
    }

    [Fact]
    public void CursorsSkipTombstonesAndHonourBounds()
    {
        var s = new StreamValue();
        for (ulong i = 1; i <= 12; i++) s.Append(new StreamId(i, 0), new Pairs("f", i.ToString()), 4096, 5);
        Assert.Equal(3, s.Nodes.Count);
        s.Delete(new StreamId(6, 0));
        s.Delete(new StreamId(7, 0));
        var seen = new List<ulong>();
        var c = new StreamCursor(s, new StreamId(5, 0), new StreamId(9, 0), reverse: true);
        while (c.Next(out var id, out _, out _)) seen.Add(id.Ms);
        Assert.Equal([9UL, 8, 5], seen);
        Assert.Equal(new StreamId(1, 0), s.EdgeId(first: true, skipTombstones: true));
        Assert.Equal(10, s.Trim(byMaxLen: true, maxLen: 0, default, approx: false, limit: 0));
        Assert.Equal(StreamId.Max, s.EdgeId(first: true, skipTombstones: true));
        Assert.Equal(StreamId.Zero, s.FirstId);
    }
}
