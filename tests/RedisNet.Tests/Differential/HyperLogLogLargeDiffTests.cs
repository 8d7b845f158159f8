using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// HLLs at scale against redis-server 7.0: 100k pipelined elements, random add/merge sequences, and
/// values copied from Redis with GET and stored with SET, which RedisNet must read the same way.
/// </summary>
public class HyperLogLogLargeDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    /// <summary>Sends the commands to both servers in one pipeline each and compares every reply.</summary>
    private static void Pipeline(DiffSession s, List<string[]> commands)
    {
        var payload = commands.SelectMany(c => RespClient.Encode(c.Select(RespClient.Bytes))).ToArray();
        s.Redis.SendRaw(payload);
        s.Net.SendRaw(payload);
        foreach (var c in commands)
        {
            var expected = s.Redis.ReadReply();
            var actual = s.Net.ReadReply();
            Assert.True(expected.AsSpan().SequenceEqual(actual),
                $"reply differs for {string.Join(' ', c)}: {DiffSession.Escape(expected)} vs {DiffSession.Escape(actual)}");
        }
    }

    [Fact]
    public void HundredThousandElementsPipelined()
    {
        using var s = servers.Session();
        var commands = new List<string[]>();
        for (int i = 0; i < 100_000; i += 10)
        {
            var cmd = new string[12];
            cmd[0] = "PFADD";
            cmd[1] = "hb:big";
            for (int k = 0; k < 10; k++) cmd[2 + k] = "member:" + (i + k);
            commands.Add(cmd);
            if (i % 5000 == 0) commands.Add(new[] { "PFCOUNT", "hb:big" });
        }
        Pipeline(s, commands);
        s.Script("""
            PFDEBUG ENCODING hb:big
            GET hb:big
            PFCOUNT hb:big
            GET hb:big
            PFADD hb:other x y z
            PFCOUNT hb:big hb:other
            PFMERGE hb:m hb:other hb:big
            GET hb:m
            PFCOUNT hb:m
            """);
    }

    [Fact]
    public void RandomAddAndMergeSequences()
    {
        using var s = servers.Session();
        var rng = new Random(3);
        string[] keys = { "hr:a", "hr:b", "hr:c" };
        for (int step = 0; step < 300; step++)
        {
            string key = keys[rng.Next(keys.Length)];
            switch (rng.Next(10))
            {
                case 0:
                    s.Same("PFMERGE", key, keys[rng.Next(keys.Length)], keys[rng.Next(keys.Length)]);
                    break;
                case 1:
                    s.Same("PFCOUNT", key);
                    break;
                case 2:
                    s.Same("PFCOUNT", keys[0], keys[1], keys[2]);
                    break;
                default:
                    var args = new List<string> { "PFADD", key };
                    int n = rng.Next(1, 30);
                    for (int i = 0; i < n; i++) args.Add(rng.Next(0, 5000).ToString());
                    s.Same(args.ToArray());
                    break;
            }
            s.Same("GET", key);
        }
    }

    [Fact]
    public void ValuesCopiedFromRedisCountTheSame()
    {
        using var s = servers.Session();
        var rng = new Random(9);
        foreach (int size in new[] { 0, 1, 5, 50, 300, 2000, 20000 })
        {
            var key = "hc:" + size;
            var commands = new List<string[]>();
            for (int i = 0; i < size; i++) commands.Add(new[] { "PFADD", key, "v" + rng.Next() });
            if (size == 0) commands.Add(new[] { "PFADD", key });
            Pipeline(s, commands);
            // Copy Redis's bytes into RedisNet as a plain string, stale cache and all.
            var bulk = s.Redis.Call("GET", key);
            var value = BulkBody(bulk);
            s.Net.Call(new[] { "SET"u8.ToArray(), RespClient.Bytes(key + ":copy"), value });
            s.Redis.Call(new[] { "SET"u8.ToArray(), RespClient.Bytes(key + ":copy"), value });
            s.Same("PFCOUNT", key + ":copy");
            s.Same("GET", key + ":copy");
            s.Same("PFDEBUG", "ENCODING", key + ":copy");
            s.Same("PFADD", key + ":copy", "one-more");
            s.Same("GET", key + ":copy");
            s.Same("PFCOUNT", key, key + ":copy");
        }
    }

    private static byte[] BulkBody(byte[] reply)
    {
        int crlf = Array.IndexOf(reply, (byte)'\n');
        return reply[(crlf + 1)..^2];
    }
}
