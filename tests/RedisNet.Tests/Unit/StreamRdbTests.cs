using RedisNet.Tests.Infrastructure;
using RedisNet.Types.Stream;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>
/// A stream's RDB form against redis-server 7.0's DUMP payload of the same stream (type byte,
/// then the object; DUMP adds the RDB version and a CRC). Groups without consumers keep it
/// free of clock readings, so the bytes must be equal.
/// </summary>
public class StreamRdbTests
{
    [Fact]
    public void DumpPayloadMatchesRedis()
    {
        var commands = new List<string[]>
        {
            new[] { "CONFIG", "SET", "stream-node-max-entries", "4" },
        };
        for (int i = 1; i <= 30; i++)
            commands.Add(i % 5 == 0
                ? ["XADD", "s", $"{i}-{i}", "other", new string('z', i * 3), "n", (i * 100000).ToString()]
                : ["XADD", "s", $"{i}-0", "f", $"value {i}", "count", i.ToString()]);
        commands.Add(["XDEL", "s", "2-0", "3-0", "4-0", "1-0", "17-0"]);
        commands.Add(["XTRIM", "s", "MINID", "8-0"]);
        commands.Add(["XGROUP", "CREATE", "s", "grp", "12-0", "ENTRIESREAD", "9"]);
        commands.Add(["XGROUP", "CREATE", "s", "7", "$"]);
        commands.Add(["XSETID", "s", "900-1", "ENTRIESADDED", "70000", "MAXDELETEDID", "17-0"]);

        using var redis = ServerProcess.StartRedis();
        using var client = redis.Client();
        var host = new StringTestHost(propagate: false);
        foreach (var c in commands)
        {
            client.Call(c);
            host.Call(c);
        }
        var dump = client.Call("DUMP", "s");
        int header = Array.IndexOf(dump, (byte)'\n') + 1;
        var payload = dump.AsSpan(header, dump.Length - header - 2).ToArray();
        Assert.Equal(StreamRdb.TypeCode, payload[0]);

        var mine = StreamRdb.Write((StreamValue)host.Entry("s")!.Value);
        Assert.Equal(Convert.ToHexString(payload.AsSpan(1, payload.Length - 11)), Convert.ToHexString(mine));
    }

    [Fact]
    public void RedisDumpPayloadsLoadAndWriteBackUnchanged()
    {
        using var redis = ServerProcess.StartRedis();
        using var client = redis.Client();
        client.Call("CONFIG", "SET", "stream-node-max-entries", "3");
        for (int i = 1; i <= 20; i++)
            client.Call("XADD", "s", $"{i}-0", "f", i % 4 == 0 ? new string('q', 200) : $"v{i}", "n", (i * -77777).ToString());
        client.Call("XDEL", "s", "5-0", "6-0");
        client.Call("XGROUP", "CREATE", "s", "g1", "0");
        client.Call("XGROUP", "CREATE", "s", "g2", "0", "ENTRIESREAD", "-1");
        client.Call("XREADGROUP", "GROUP", "g1", "alice", "COUNT", "4", "STREAMS", "s", ">");
        client.Call("XREADGROUP", "GROUP", "g1", "12", "COUNT", "3", "STREAMS", "s", ">");
        client.Call("XGROUP", "CREATECONSUMER", "s", "g2", "idle");
        client.Call("XCLAIM", "s", "g1", "bob", "0", "2-0", "RETRYCOUNT", "9");

        var dump = client.Call("DUMP", "s");
        int header = Array.IndexOf(dump, (byte)'\n') + 1;
        var obj = dump.AsSpan(header + 1, dump.Length - header - 2 - 11).ToArray();

        var loaded = StreamRdbReader.Read(obj, out int consumed);
        Assert.Equal(obj.Length, consumed);
        Assert.Equal(Convert.ToHexString(obj), Convert.ToHexString(StreamRdb.Write(loaded)));
        Assert.Equal(18, loaded.Length);
        var g1 = loaded.FindGroup("g1"u8)!;
        Assert.Equal(7, g1.Pel.Count);
        Assert.Equal(9, g1.Pel.Find(new StreamId(2, 0))!.DeliveryCount);
        Assert.Equal("bob"u8.ToArray(), g1.Pel.Find(new StreamId(2, 0))!.Consumer.Name);
        Assert.Equal(-1, loaded.FindGroup("g2"u8)!.EntriesRead);

        Assert.Throws<RedisNet.Persistence.Rdb.RdbFormatException>(() => StreamRdbReader.Read(obj.AsSpan(0, obj.Length - 3), out _));
    }

    [Theory]
    [InlineData(25, 25)]
    [InlineData(5000, 7)]
    [InlineData(70000, 300)]
    public void LzfRoundTrip(int length, int period)
    {
        var data = new byte[length];
        var rng = new Random(length);
        for (int i = 0; i < length; i++) data[i] = i % period == 0 ? (byte)rng.Next(256) : data[Math.Max(0, i - period)];
        var compressed = new byte[length];
        int n = RedisNet.Keyspace.Lzf.Compress(data, compressed.AsSpan(0, length - 4));
        Assert.True(n > 0);
        var back = new byte[length];
        Assert.Equal(length, RedisNet.Keyspace.Lzf.Decompress(compressed.AsSpan(0, n), back));
        Assert.Equal(data, back);
        Assert.Equal(-1, RedisNet.Keyspace.Lzf.Decompress(compressed.AsSpan(0, n), back.AsSpan(0, length - 1)));
    }
}
