using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// ZSCAN/HSCAN/SSCAN on hashtable encodings while members are added and removed between calls (the
/// table grows and shrinks): every member present for the whole scan must come back at least once.
/// Run on both servers, since the order differs but the guarantee is Redis's.
/// </summary>
public class CollectionScanChurnTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Theory]
    [InlineData("zscan")]
    [InlineData("hscan")]
    [InlineData("sscan")]
    public void MembersPresentThroughoutAreReturned(string scan)
    {
        using var s = servers.Session();
        foreach (var client in new[] { s.Redis, s.Net })
        {
            var key = "churn:" + scan;
            client.Call("DEL", key);
            const int stable = 700;
            var add = Adder(scan, key);
            client.Call(add(Enumerable.Range(0, stable).Select(i => "s" + i)));
            var rng = new Random(11);
            var churn = new List<string>();
            int next = 0;
            var seen = new HashSet<string>();
            string cursor = "0";
            int calls = 0;
            do
            {
                var (c, names) = ParseScan(client.Call(scan.ToUpperInvariant(), key, cursor, "COUNT", "7"), pairs: scan != "sscan");
                cursor = c;
                seen.UnionWith(names);
                if (rng.Next(3) == 0 || churn.Count == 0)
                {
                    var fresh = Enumerable.Range(0, rng.Next(1, 2000)).Select(_ => "c" + next++).ToList();
                    client.Call(add(fresh));
                    churn.AddRange(fresh);
                }
                else
                {
                    int n = rng.Next(1, churn.Count + 1);
                    var gone = churn.GetRange(churn.Count - n, n);
                    churn.RemoveRange(churn.Count - n, n);
                    client.Call(new[] { Remover(scan), key }.Concat(gone).Select(RespClient.Bytes).ToArray());
                }
                Assert.True(++calls < 100_000, "the scan must end");
            } while (cursor != "0");
            var missing = Enumerable.Range(0, stable).Select(i => "s" + i).Where(m => !seen.Contains(m)).ToList();
            Assert.True(missing.Count == 0, $"{scan} missed {string.Join(",", missing.Take(10))} after {calls} calls");
            client.Call("DEL", key);
        }
    }

    private static Func<IEnumerable<string>, byte[][]> Adder(string scan, string key) => names => scan switch
    {
        "zscan" => new[] { "ZADD", key }.Concat(names.SelectMany(n => new[] { "1", n })).Select(RespClient.Bytes).ToArray(),
        "hscan" => new[] { "HSET", key }.Concat(names.SelectMany(n => new[] { n, "v" })).Select(RespClient.Bytes).ToArray(),
        _ => new[] { "SADD", key }.Concat(names).Select(RespClient.Bytes).ToArray(),
    };

    private static string Remover(string scan) => scan switch { "zscan" => "ZREM", "hscan" => "HDEL", _ => "SREM" };

    /// <summary>Parses [cursor, [elements]]; with <paramref name="pairs"/> only every other element (the names).</summary>
    private static (string Cursor, List<string> Names) ParseScan(byte[] reply, bool pairs)
    {
        var lines = Encoding.Latin1.GetString(reply).Split("\r\n");
        Assert.Equal("*2", lines[0]);
        string cursor = lines[2];
        int n = int.Parse(lines[3][1..]);
        var names = new List<string>();
        for (int i = 0; i < n; i++)
            if (!pairs || i % 2 == 0) names.Add(lines[5 + 2 * i]);
        return (cursor, names);
    }
}
