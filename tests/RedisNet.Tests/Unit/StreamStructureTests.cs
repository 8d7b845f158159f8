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

    [Fact]
    public void ListpacksReadBackIntoTheSameNodes()
    {
        var s = new StreamValue();
        var values = new[] { "v", "0", "127", "128", "-1", "-4096", "4095", "-4097", "32767", "-32769", "8388607", "-8388609",
            "2147483647", "-2147483649", "9223372036854775807", "-9223372036854775808", "007", "+5", "1.5",
            new string('a', 63), new string('b', 64), new string('c', 4095), new string('d', 4096), new string('e', 20000) };
        for (int i = 0; i < values.Length; i++)
        {
            var pairs = i % 3 == 0 ? new Pairs("f", values[i]) : new Pairs("f", values[i], "g" + i, values[^(i + 1)]);
            s.Append(new StreamId((ulong)(i * 1000 + 1), (ulong)(i % 4)), pairs, 4096, 5);
        }
        s.Delete(new StreamId(1001, 1));
        s.Delete(new StreamId(7001, 3));
        Assert.True(s.Nodes.Count > 3);
        foreach (var node in s.Nodes)
        {
            var image = ListpackImage.Of(node);
            var back = ListpackReader.ReadNode(node.Master, image, node.Prealloc);
            Assert.Equal(image, ListpackImage.Of(back));
            Assert.Equal(node.Live, back.Live);
            Assert.Equal(node.ListpackBytes, back.ListpackBytes);
            for (int i = 0; i < node.Count; i++)
            {
                Assert.Equal(node.IdAt(i), back.IdAt(i));
                Assert.Equal(node.FlagsAt(i), back.FlagsAt(i));
                var (a, b) = (node.Fields(i), back.Fields(i));
                while (a.Next())
                {
                    Assert.True(b.Next());
                    Assert.Equal(a.Field.ToArray(), b.Field.ToArray());
                    Assert.Equal(a.Value.ToArray(), b.Value.ToArray());
                }
                Assert.False(b.Next());
            }
        }
        var redis = Convert.FromHexString(
            "420000001800020101010101816602000102010001000181760204010301000101" +
            "01c12c0204010001040100010201816702dffb028168028568656c6c6f060801ff");
        var loaded = ListpackReader.ReadNode(new StreamId(1, 0), redis, 4096);
        Assert.Equal(redis, ListpackImage.Of(loaded));
        Assert.Equal((2, 1), (loaded.Live, loaded.Deleted));
        Assert.Throws<InvalidDataException>(() => ListpackReader.ReadNode(new StreamId(1, 0), redis.AsSpan(0, 20), 4096));
    }
}
