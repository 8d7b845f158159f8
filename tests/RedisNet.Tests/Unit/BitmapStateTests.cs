using RedisNet.Config;
using RedisNet.Keyspace;
using RedisNet.Server;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>
/// Bitmap and HyperLogLog commands' effects not visible through replies yet: other value types,
/// keyspace events, what is propagated (Redis propagates only real changes).
/// </summary>
public class BitmapStateTests
{
    private const string WrongType = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    private sealed class Events : IEventPublisher
    {
        public readonly List<string> Messages = new();
        public void Publish(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> message) =>
            Messages.Add(System.Text.Encoding.Latin1.GetString(channel) + " " + System.Text.Encoding.Latin1.GetString(message));
    }

    private static (StringTestHost Host, Events Events) WithEvents()
    {
        var h = new StringTestHost();
        var ev = new Events();
        h.Server.Events.Publisher = ev;
        h.Server.Config.NotifyKeyspaceEvents = KeyspaceEventFlags.Parse("KEA");
        return (h, ev);
    }

    [Theory]
    [InlineData("SETBIT", "other", "0", "1")]
    [InlineData("GETBIT", "other", "0")]
    [InlineData("BITCOUNT", "other")]
    [InlineData("BITCOUNT", "other", "0")]
    [InlineData("BITPOS", "other", "1")]
    [InlineData("BITOP", "AND", "dest", "s", "other")]
    [InlineData("BITFIELD", "other", "GET", "u8", "0")]
    [InlineData("BITFIELD", "other", "SET", "u8", "0", "1")]
    [InlineData("BITFIELD_RO", "other", "GET", "u8", "0")]
    [InlineData("PFADD", "other", "a")]
    [InlineData("PFCOUNT", "other")]
    [InlineData("PFCOUNT", "s", "other")]
    [InlineData("PFMERGE", "dest", "other")]
    [InlineData("PFMERGE", "other", "s")]
    [InlineData("PFDEBUG", "ENCODING", "other")]
    public void OtherTypesAreWrongType(params string[] command)
    {
        var h = new StringTestHost();
        h.Db.Add("other"u8, new List<byte[]>()); // stands in for a list, hash... until those exist
        h.Call("PFADD", "s", "x");
        h.Propagated.Clear();
        Assert.Equal(WrongType, h.Call(command));
        Assert.IsType<List<byte[]>>(h.Entry("other")!.Value);
        Assert.Null(h.Entry("dest"));
        Assert.Empty(h.Propagated);
    }

    [Fact]
    public void BitWritesPropagateOnlyRealChanges()
    {
        var h = new StringTestHost();
        h.Call("SETBIT", "k", "3", "1");
        h.Call("SETBIT", "k", "3", "1");
        h.Call("SETBIT", "k", "3", "0");
        h.Call("BITFIELD", "k", "SET", "u8", "0", "0");
        h.Call("BITFIELD", "k", "SET", "u8", "0", "7", "GET", "u8", "0");
        h.Call("BITFIELD", "k", "GET", "u8", "0");
        h.Call("BITOP", "NOT", "gone", "missing");
        h.Call("BITOP", "NOT", "n", "k");
        Assert.Equal(new[] { "SETBIT k 3 1", "SETBIT k 3 0", "BITFIELD k SET u8 0 7 GET u8 0", "BITOP NOT n k" }, h.Propagated);
        Assert.Equal("raw", h.EncodingOf("k"));
        Assert.Equal("raw", h.EncodingOf("n"));
    }

    [Fact]
    public void HllWritesPropagateOnlyRealChanges()
    {
        var h = new StringTestHost();
        h.Call("PFADD", "h", "a");
        h.Call("PFADD", "h", "a");
        h.Call("PFCOUNT", "h");
        h.Call("PFCOUNT", "h");
        h.Call("PFCOUNT", "h", "missing");
        h.Call("PFDEBUG", "TODENSE", "h");
        h.Call("PFDEBUG", "TODENSE", "h");
        Assert.Equal(new[] { "PFADD h a", "PFCOUNT h", "PFDEBUG TODENSE h" }, h.Propagated);
    }

    [Fact]
    public void KeyspaceEventsMatchRedis()
    {
        var (h, ev) = WithEvents();
        h.Call("SETBIT", "b", "1", "1");
        h.Call("SETBIT", "b", "1", "1");
        h.Call("BITFIELD", "b", "INCRBY", "u4", "0", "1");
        h.Call("BITOP", "OR", "d", "b");
        h.Call("BITOP", "OR", "d", "missing");
        h.Call("PFADD", "h", "x");
        h.Call("PFADD", "h", "x");
        h.Call("PFMERGE", "h2", "h");
        h.Call("PFCOUNT", "h");
        Assert.Equal(new[]
        {
            "__keyspace@0__:b setbit", "__keyevent@0__:setbit b",
            "__keyspace@0__:b setbit", "__keyevent@0__:setbit b",
            "__keyspace@0__:d set", "__keyevent@0__:set d",
            "__keyspace@0__:d del", "__keyevent@0__:del d",
            "__keyspace@0__:h pfadd", "__keyevent@0__:pfadd h",
            "__keyspace@0__:h2 pfadd", "__keyevent@0__:pfadd h2",
        }, ev.Messages);
    }

    [Fact]
    public void SparseValuesAboveThirtyTwoPromoteToDense()
    {
        // No element can be found that sets a register above 32 in reasonable time, so the
        // sparse update is driven directly: such a value has no VAL opcode and forces dense.
        var m = new MutableString(RedisNet.Types.HyperLogLog.HllFormat.NewSparse(), 32);
        Assert.Equal(1, RedisNet.Types.HyperLogLog.HllSparse.Set(m, 100, 20, 3000));
        Assert.Equal(RedisNet.Types.HyperLogLog.HllFormat.Sparse, m.Span[4]);
        Assert.Equal(1, RedisNet.Types.HyperLogLog.HllSparse.Set(m, 5000, 40, 3000));
        Assert.Equal(RedisNet.Types.HyperLogLog.HllFormat.DenseSize, m.Length);
        var regs = m.Span[RedisNet.Types.HyperLogLog.HllFormat.HeaderSize..];
        Assert.Equal(20, RedisNet.Types.HyperLogLog.HllDense.Get(regs, 100));
        Assert.Equal(40, RedisNet.Types.HyperLogLog.HllDense.Get(regs, 5000));
        Assert.Equal(0, RedisNet.Types.HyperLogLog.HllDense.Get(regs, 16383));
    }

    [Fact]
    public void MurmurHashMatchesKnownRegisters()
    {
        // Redis 7.0: PFADD of "a", "b", "c" decodes as Z:8436 v:1,1 Z:4274 v:2,1 Z:3068 v:1,1 Z:603,
        // i.e. registers 8436 (1), 12711 (2) and 15780 (1).
        var seen = new SortedDictionary<int, int>();
        foreach (var e in new[] { "a"u8.ToArray(), "b"u8.ToArray(), "c"u8.ToArray() })
        {
            int count = RedisNet.Types.HyperLogLog.HllFormat.PatternLength(e, out int index);
            seen[index] = count;
        }
        Assert.Equal(new Dictionary<int, int> { [8436] = 1, [12711] = 2, [15780] = 1 }, seen);
    }
}
