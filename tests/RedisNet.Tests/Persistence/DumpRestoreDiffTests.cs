using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// DUMP/RESTORE against redis-server 7.0: the same commands build the same value on both servers;
/// payloads of deterministic encodings (strings, listpacks, intsets, quicklists, skiplists, streams)
/// must be byte-identical, and every payload must restore on the other server to the same value
/// (DEBUG DIGEST-VALUE) and encoding.
/// </summary>
public class DumpRestoreDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    /// <summary>The payload of a bulk reply.</summary>
    internal static byte[] Bulk(byte[] reply)
    {
        Assert.Equal((byte)'$', reply[0]);
        int nl = Array.IndexOf(reply, (byte)'\n');
        int len = int.Parse(Encoding.ASCII.GetString(reply, 1, nl - 2));
        return reply.AsSpan(nl + 1, len).ToArray();
    }

    private static byte[] B(string s) => Encoding.Latin1.GetBytes(s);

    /// <summary>
    /// Checks one key built identically on both servers: identical payloads when
    /// <paramref name="identical"/>, and each side's payload restored on the other gives the same
    /// digest and encoding as the original.
    /// </summary>
    private static void Check(DiffSession s, string key, bool identical)
    {
        s.Same("OBJECT", "ENCODING", key);
        var redisPayload = Bulk(s.Redis.Call("DUMP", key));
        var netPayload = Bulk(s.Net.Call("DUMP", key));
        if (identical)
            Assert.True(redisPayload.AsSpan().SequenceEqual(netPayload),
                $"DUMP {key} differs\n  redis:    {Convert.ToHexString(redisPayload)}\n  redisnet: {Convert.ToHexString(netPayload)}");
        var digest = s.Same("DEBUG", "DIGEST-VALUE", key);
        var encoding = s.Same("OBJECT", "ENCODING", key);
        // Redis's payload into RedisNet, RedisNet's into Redis, each under a new name.
        var copy = B(key + ":copy");
        s.Same(B("DEL"), copy);
        Assert.Equal("+OK\r\n", Encoding.ASCII.GetString(s.Net.Call(B("RESTORE"), copy, B("0"), redisPayload)));
        Assert.Equal("+OK\r\n", Encoding.ASCII.GetString(s.Redis.Call(B("RESTORE"), copy, B("0"), netPayload)));
        Assert.Equal(digest, s.Same("DEBUG", "DIGEST-VALUE", key + ":copy"));
        Assert.Equal(encoding, s.Same("OBJECT", "ENCODING", key + ":copy"));
    }

    [Fact]
    public void CommandInfoAndDocsMatch()
    {
        using var s = servers.Session();
        s.Same("COMMAND", "INFO", "dump", "restore", "restore-asking");
        s.Same("COMMAND", "DOCS", "dump", "restore", "restore-asking");
        s.Same("COMMAND", "GETKEYS", "RESTORE", "k", "0", "payload", "REPLACE");
    }

    [Fact]
    public void StringsAreByteIdentical()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        string[] values = ["hello", "", "0", "12", "-129", "127", "128", "-32768", "32768", "70000", "2147483647", "2147483648",
            "-2147483649", "9223372036854775807", "12345678901", "012", "1.5", new string('a', 21), new string('x', 10000),
            string.Concat(Enumerable.Range(0, 300).Select(i => (char)(i * 7 % 256)))];
        for (int i = 0; i < values.Length; i++)
        {
            s.Same(B("SET"), B("s" + i), B(values[i]));
            Check(s, "s" + i, identical: true);
        }
        s.Same("DEBUG", "DIGEST");
    }

    [Fact]
    public void ListsAreByteIdentical()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        s.Script("""
            RPUSH small a b "" 0 1 -1 127 128 -4096 4095 -4097 4096 32767 32768 -32769 8388607 8388608 -8388609 2147483647 2147483648 9223372036854775807 -9223372036854775808 012 "\x00\xff\r\n"
            LPUSH small head
            """);
        Check(s, "small", identical: true);
        for (int i = 0; i < 2000; i++) s.Same("RPUSH", "big", "element-" + i);
        s.Same("LINSERT", "big", "BEFORE", "element-700", "inserted");
        Check(s, "big", identical: true);
        s.Same("RPUSH", "huge", new string('z', 70000), "small", new string('q', 5000));
        Check(s, "huge", identical: true);
        s.Same("CONFIG", "SET", "list-max-listpack-size", "5");
        for (int i = 0; i < 23; i++) s.Same("RPUSH", "counted", i.ToString());
        Check(s, "counted", identical: true);
        s.Same("CONFIG", "SET", "list-max-listpack-size", "-2");
        // Interior nodes of a compressed list are stored LZF-compressed by Redis; the bytes agree.
        s.Same("CONFIG", "SET", "list-compress-depth", "1");
        for (int i = 0; i < 3000; i++) s.Same("RPUSH", "compressed", "value-" + (i % 50));
        Check(s, "compressed", identical: true);
        s.Same("CONFIG", "SET", "list-compress-depth", "0");
        // A plain node (Redis stores an element over the packed threshold alone in one) loads here too.
        Assert.Equal("+OK\r\n", s.Redis.CallString("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "100"));
        s.Redis.Call("RPUSH", "plain", "a", new string('p', 200), "b");
        Assert.Equal("+OK\r\n", s.Redis.CallString("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "1073741824"));
        var plain = Bulk(s.Redis.Call("DUMP", "plain"));
        Assert.Equal(1, plain[14]); // second node's container: plain
        Assert.Equal("+OK\r\n", s.Net.CallString("RESTORE", "plain", "0", Encoding.Latin1.GetString(plain)));
        s.Same("LRANGE", "plain", "0", "-1");
        s.Same("DEBUG", "DIGEST-VALUE", "plain");
        s.Same("DEBUG", "DIGEST");
    }

    [Fact]
    public void SetsKeepTheirEncodings()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        s.Script("""
            SADD i16 3 1 2 -5 32767
            SADD i32 1 70000 -70000
            SADD i64 1 5000000000 -9223372036854775808 9223372036854775807
            SADD shrunk 1 5000000000 7
            SREM shrunk 5000000000
            SADD words a b c 1 2
            """);
        foreach (var k in new[] { "i16", "i32", "i64", "shrunk" }) Check(s, k, identical: true);
        Check(s, "words", identical: false);
        for (int i = 0; i < 600; i++) s.Same("SADD", "bigints", (i * 3).ToString());
        Check(s, "bigints", identical: false);
        s.Same("DEBUG", "DIGEST");
    }

    [Fact]
    public void HashesKeepTheirEncodings()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        s.Script("""
            HSET small f v n 1 neg -300 big 9223372036854775807 "" empty "\x00bin" "\xff\xfe"
            HSET small f v2
            HDEL small n
            """);
        Check(s, "small", identical: true);
        s.Same("HSET", "longvalue", "f", new string('v', 65));
        Check(s, "longvalue", identical: false);
        for (int i = 0; i < 600; i++) s.Same("HSET", "many", "field" + i, i.ToString());
        Check(s, "many", identical: false);
        s.Same("DEBUG", "DIGEST");
    }

    [Fact]
    public void SortedSetsAreByteIdentical()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        s.Script("""
            ZADD small 1 a 2.5 b -3 c 1e300 d inf e -inf f 0 g 0.1 h 4503599627370496 i -4503599627370495 j 3.0000000000000004 k
            ZINCRBY small 2 a
            ZADD long 1 a 2 bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
            """);
        Check(s, "small", identical: true);
        // The skiplist is written greatest first, so it is deterministic too.
        Check(s, "long", identical: true);
        for (int i = 0; i < 300; i++) s.Same("ZADD", "many", (i * 1.25 - 100).ToString(System.Globalization.CultureInfo.InvariantCulture), "m" + i);
        Check(s, "many", identical: true);
        s.Same("DEBUG", "DIGEST");
    }

    [Fact]
    public void StreamsAreByteIdentical()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        s.Script("""
            XADD st 1-1 a 1 b 2
            XADD st 1-2 a 3 b 4
            XADD st 2-0 other field
            XADD st 3-0 a 5 b 6
            XDEL st 1-2
            XGROUP CREATE st g1 0
            XGROUP CREATE st g2 $
            XREADGROUP GROUP g1 alice COUNT 2 STREAMS st >
            XGROUP CREATECONSUMER st g1 bob
            """);
        // Delivery and seen times differ by a millisecond or so between the servers: compare the
        // bytes of the same stream restored on both from Redis's payload instead.
        Check(s, "st", identical: false);
        s.Same([B("RESTORE"), B("fixed"), B("0"), Bulk(s.Redis.Call("DUMP", "st"))]);
        Check(s, "fixed", identical: true);
        for (int i = 0; i < 300; i++) s.Same("XADD", "long", $"{i + 1}-0", "field", "value" + i);
        Check(s, "long", identical: true);
        s.Same("XADD", "emptied", "5-0", "f", "v");
        s.Same("XDEL", "emptied", "5-0");
        Check(s, "emptied", identical: true);
        s.Same("DEBUG", "DIGEST");
    }

    [Fact]
    public void LoadingFollowsTheLocalLimits()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        for (int i = 0; i < 10; i++) s.Same("HSET", "h", "f" + i, "value" + i);
        for (int i = 0; i < 10; i++) s.Same("ZADD", "z", i.ToString(), "member" + i);
        for (int i = 0; i < 10; i++) s.Same("SADD", "si", i.ToString());
        for (int i = 0; i < 200; i++) s.Same("ZADD", "bigz", i.ToString(), "m" + i);
        s.Same("ZADD", "bigz", "-0", "negzero"); // a skiplist keeps -0; made a listpack on load it reads "0"
        for (int i = 0; i < 600; i++) s.Same("SADD", "bigset", i.ToString());
        for (int i = 0; i < 600; i++) s.Same("HSET", "bigh", "f" + i, "v");
        var payloads = new[] { "h", "z", "si", "bigz", "bigset", "bigh" }.ToDictionary(k => k, k => Bulk(s.Redis.Call("DUMP", k)));
        try
        {
            s.Script("""
                CONFIG SET hash-max-listpack-entries 4
                CONFIG SET zset-max-listpack-entries 4
                CONFIG SET set-max-intset-entries 4
                """);
            foreach (var k in new[] { "h", "z", "si" }) Restored(s, k, payloads[k]);
            s.Script("""
                CONFIG SET hash-max-listpack-entries 1000
                CONFIG SET hash-max-listpack-value 2
                CONFIG SET zset-max-listpack-entries 1000
                CONFIG SET set-max-intset-entries 1000
                """);
            foreach (var k in new[] { "h", "bigz", "bigset", "bigh" }) Restored(s, k, payloads[k]);
        }
        finally
        {
            s.Script("""
                CONFIG SET hash-max-listpack-entries 512
                CONFIG SET hash-max-listpack-value 64
                CONFIG SET zset-max-listpack-entries 128
                CONFIG SET set-max-intset-entries 512
                """);
        }
    }

    /// <summary>Restores Redis's payload on both servers under a fresh name and compares the result.</summary>
    private static void Restored(DiffSession s, string key, byte[] payload)
    {
        var name = B(key + ":r");
        s.Same(B("DEL"), name);
        s.Same(B("RESTORE"), name, B("0"), payload);
        s.Same(B("OBJECT"), B("ENCODING"), name);
        s.Same(B("DEBUG"), B("DIGEST-VALUE"), name);
        if (key == "bigz") s.Same(B("ZSCORE"), name, B("negzero"));
        Check(s, key + ":r", identical: false);
    }
}
