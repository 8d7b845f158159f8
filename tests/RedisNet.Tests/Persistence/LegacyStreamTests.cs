using RedisNet.Persistence.Rdb;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// Redis 5/6 streams (RDB_TYPE_STREAM_LISTPACKS, type 15). The fixtures are streams Redis 7.0 built
/// and DUMPed (type 19), rewritten in the older layout (without first-id, max-deleted-id,
/// entries-added and the groups' entries-read); both servers then fill those in on load.
/// </summary>
public class LegacyStreamTests
{
    private static readonly string[] Scenario =
    [
        "XADD s 1-1 a 1",
        "XADD s 1-2 a 2 b 3",
        "XADD s 2-0 a 4",
        "XADD s 3-5 c 5",
        "XADD s 4-0 a 6",
        "XADD s 5-0 a 7",
        "XDEL s 1-1",
        "XDEL s 3-5",
        "XGROUP CREATE s g0 0",
        "XGROUP CREATE s gfirst 1-2",
        "XGROUP CREATE s gmid 2-0",
        "XGROUP CREATE s gdeleted 3-5",
        "XGROUP CREATE s glast $",
        "XREADGROUP GROUP g0 alice COUNT 2 STREAMS s >",
        "XREADGROUP GROUP g0 bob COUNT 1 STREAMS s >",
        "XGROUP CREATECONSUMER s glast carol",
        // Several nodes: 250 entries with the default stream-node-max-entries of 100.
        ..Enumerable.Range(1, 250).Select(i => $"XADD big {i}-0 f v{i} g {i}"),
        "XDEL big 1-0 2-0 150-0",
        "XGROUP CREATE big g 120-0",
        "XREADGROUP GROUP g c COUNT 3 STREAMS big >",
        // Entries all deleted: an empty stream that keeps its last ID and a group.
        "XADD gone 7-7 a 1",
        "XADD gone 8-0 a 2",
        "XGROUP CREATE gone g 7-7",
        "XDEL gone 7-7 8-0",
        // Nothing deleted: the only case where the read counters are exact.
        "XADD clean 1-0 a 1",
        "XADD clean 2-0 a 2",
        "XGROUP CREATE clean g 1-0",
    ];

    [Fact]
    public void StreamsFromRdb9GetThe70CountersAsRedisComputesThem()
    {
        string[] keys = ["s", "big", "gone", "clean"];
        var file = LegacyRdb.File(9, w =>
        {
            foreach (var (key, body) in DumpFromRedis(keys))
            {
                LegacyRdb.Key(w, RdbFormat.TypeStreamListpacks, key);
                w.WriteRaw(ToVersion1(body));
            }
        });
        var host = LegacyRdb.LoadBothAndCompare(file, keys);
        Assert.Contains("entries-added", host.Run("XINFO", "STREAM", "s"));
        using var redis = LegacyRdb.StartOracle(file, out string dir);
        try
        {
            using var c = redis.Client();
            foreach (var key in keys) Assert.Equal(c.CallString("XINFO", "GROUPS", key), host.Run("XINFO", "GROUPS", key));
            // After loading, new entries and reads continue the counters the same way.
            Assert.Equal(c.CallString("XADD", "s", "9-0", "z", "1"), host.Run("XADD", "s", "9-0", "z", "1"));
            Assert.Equal(c.CallString("XREADGROUP", "GROUP", "gmid", "dave", "STREAMS", "s", ">"), host.Run("XREADGROUP", "GROUP", "gmid", "dave", "STREAMS", "s", ">"));
            Assert.Equal(c.CallString("XINFO", "GROUPS", "s"), host.Run("XINFO", "GROUPS", "s"));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void ABadStreamListpackIsRefused()
    {
        var (key, body) = DumpFromRedis(["clean"]).Single();
        var v1 = ToVersion1(body);
        // The first node's listpack follows its 16-byte key (1 length byte + 16): damage its entry bytes.
        int lpLen = v1[18];
        for (int i = 19 + 7; i < 19 + lpLen - 1; i++) v1[i] = 0xC5;
        var file = LegacyRdb.File(9, w => { LegacyRdb.Key(w, RdbFormat.TypeStreamListpacks, key); w.WriteRaw(v1); });
        // Redis checks a stream listpack's entries only under sanitize-dump-payload yes (otherwise it
        // accepts the file and would fail later on use); RedisNet decodes nodes on load, so it always refuses.
        LegacyRdb.BothReject(file, "Stream listpack integrity check failed", "sanitize-dump-payload", "yes");
    }

    /// <summary>Runs the scenario on Redis 7.0 and returns each key's DUMP body (type byte, version and CRC removed).</summary>
    private static List<(string Key, byte[] Body)> DumpFromRedis(string[] keys)
    {
        using var redis = ServerProcess.StartRedis();
        using var c = redis.Client();
        foreach (var line in Scenario) c.Call(line.Split(' '));
        var result = new List<(string, byte[])>();
        foreach (var key in keys)
        {
            var reply = c.Call("DUMP", key);
            int header = Array.IndexOf(reply, (byte)'\n') + 1;
            var payload = reply.AsSpan(header, reply.Length - header - 2);
            Assert.Equal(RdbFormat.TypeStreamListpacks2, payload[0]);
            result.Add((key, payload[1..^10].ToArray()));
        }
        return result;
    }

    /// <summary>Rewrites a type-19 stream body in the type-15 layout: drops first-id, max-deleted-id, entries-added and each group's entries-read.</summary>
    private static byte[] ToVersion1(byte[] body)
    {
        var r = RdbReader.Over(body);
        var w = new RdbWriter(compress: false);
        long nodes = Copy(r, w);
        for (long i = 0; i < nodes; i++)
        {
            w.WriteString(r.ReadString());
            w.WriteString(r.ReadString());
        }
        for (int i = 0; i < 3; i++) Copy(r, w); // length, last-id
        for (int i = 0; i < 5; i++) r.ReadLength(out _); // first-id, max-deleted-id, entries-added
        long groups = Copy(r, w);
        for (long g = 0; g < groups; g++)
        {
            w.WriteString(r.ReadString());
            Copy(r, w);
            Copy(r, w);
            r.ReadLength(out _); // entries-read
            long pel = Copy(r, w);
            for (long p = 0; p < pel; p++)
            {
                w.WriteRaw(r.ReadSpan(16 + 8));
                Copy(r, w);
            }
            long consumers = Copy(r, w);
            for (long k = 0; k < consumers; k++)
            {
                w.WriteString(r.ReadString());
                w.WriteRaw(r.ReadSpan(8));
                long owned = Copy(r, w);
                for (long p = 0; p < owned; p++) w.WriteRaw(r.ReadSpan(16));
            }
        }
        Assert.True(r.AtEnd);
        return w.ToArray();
    }

    private static long Copy(RdbReader r, RdbWriter w)
    {
        ulong n = r.ReadLength(out _);
        w.WriteLength(n);
        return (long)n;
    }
}
