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
}
