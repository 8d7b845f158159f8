using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// List layout against redis-server 7.0 under list-max-listpack-size: OBJECT ENCODING, MEMORY USAGE
/// (which depends on where quicklist splits nodes), DEBUG DIGEST-VALUE and COPY.
/// </summary>
public class ListEncodingDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    private static string Push(string key, int n, string prefix) =>
        "RPUSH " + key + " " + string.Join(" ", Enumerable.Range(0, n).Select(i => prefix + i));

    [Fact]
    public void CountLimitedNodes()
    {
        using var s = servers.Session();
        s.Script($"""
            CONFIG SET list-max-listpack-size 4
            {Push("enc:c", 10, "v")}
            OBJECT ENCODING enc:c
            MEMORY USAGE enc:c
            MEMORY USAGE enc:c SAMPLES 0
            MEMORY USAGE enc:c SAMPLES 1
            LPUSH enc:c a b c
            MEMORY USAGE enc:c SAMPLES 0
            LINSERT enc:c BEFORE v5 x
            LINSERT enc:c AFTER v2 y
            MEMORY USAGE enc:c SAMPLES 0
            LRANGE enc:c 0 -1
            CONFIG SET list-max-listpack-size 0
            {Push("enc:z", 5, "1")}
            MEMORY USAGE enc:z SAMPLES 0
            CONFIG SET list-max-listpack-size 100
            {Push("enc:big", 30, new string('x', 1000))}
            MEMORY USAGE enc:big SAMPLES 0
            CONFIG SET list-max-listpack-size -2
            """);
    }

    [Fact]
    public void SizeLimitedNodes()
    {
        using var s = servers.Session();
        foreach (var fill in new[] { "-1", "-3", "-5", "-6" })
        {
            var key = "enc:s" + fill;
            s.Script($"""
                CONFIG SET list-max-listpack-size {fill}
                {Push(key, 2000, "member-with-some-length-")}
                MEMORY USAGE {key} SAMPLES 0
                MEMORY USAGE {key}
                LINSERT {key} BEFORE member-with-some-length-900 inserted-in-the-middle
                MEMORY USAGE {key} SAMPLES 0
                LTRIM {key} 10 -10
                MEMORY USAGE {key} SAMPLES 0
                OBJECT ENCODING {key}
                """);
        }
        s.Same("CONFIG", "SET", "list-max-listpack-size", "-2");
    }

    [Fact]
    public void FillIsTakenWhenTheListIsCreated()
    {
        using var s = servers.Session();
        s.Script($"""
            CONFIG SET list-max-listpack-size 2
            RPUSH enc:f a b c
            CONFIG SET list-max-listpack-size -2
            {Push("enc:f", 20, "")}
            MEMORY USAGE enc:f SAMPLES 0
            """);
    }

    [Fact]
    public void DebugObjectQuicklistFields()
    {
        using var s = servers.Session();
        s.Script($"""
            CONFIG SET list-compress-depth 2
            CONFIG SET list-max-listpack-size 5
            {Push("enc:d", 23, "")}
            CONFIG SET list-compress-depth 0
            CONFIG SET list-max-listpack-size -2
            {Push("enc:d2", 700, "element-")}
            RPUSH enc:d3 0 1 127 128 -1 4095 -4096 4096 32767 -32768 32768 8388607 8388608 2147483647 2147483648 -9223372036854775808 9223372036854775807 01 -0 "" "\x00\xff"
            """);
        var big = new List<string> { "RPUSH", "enc:d4" };
        for (int i = 0; i < 60; i++) big.Add(new string((char)('a' + i % 26), i * 97));
        s.Same(big.ToArray());
        s.Same("RPUSH", "enc:d5", new string('x', 20000), "y");
        foreach (var key in new[] { "enc:d", "enc:d2", "enc:d3", "enc:d4", "enc:d5" })
        {
            var (redis, net) = s.Both("DEBUG", "OBJECT", key);
            // Addresses and LRU clocks differ; serializedlength (the RDB size) and the quicklist fields must not.
            static string Fields(byte[] reply)
            {
                var text = System.Text.Encoding.ASCII.GetString(reply);
                int at = text.IndexOf(" serializedlength:", StringComparison.Ordinal);
                return text[at..text.IndexOf(" lru:", at, StringComparison.Ordinal)] + text[text.IndexOf(" ql_nodes:", StringComparison.Ordinal)..];
            }
            Assert.Equal(Fields(redis), Fields(net));
        }
    }

    [Fact]
    public void IntegersAndBinaryValuesInDigestAndMemory()
    {
        using var s = servers.Session();
        s.Script("""
            RPUSH enc:i 0 1 127 128 -1 4095 -4096 4096 32767 -32768 32768 8388607 8388608 2147483647 2147483648 -9223372036854775808 9223372036854775807 01 -0 +1 "" "\x00\xff"
            MEMORY USAGE enc:i
            DEBUG DIGEST-VALUE enc:i
            LRANGE enc:i 0 -1
            COPY enc:i enc:i2
            DEBUG DIGEST-VALUE enc:i2
            LPUSH enc:i2 new
            DEBUG DIGEST-VALUE enc:i enc:i2
            RPUSH enc:long
            TYPE enc:i
            OBJECT ENCODING enc:i2
            """);
        var big = new List<string> { "RPUSH", "enc:l" };
        for (int i = 0; i < 100; i++) big.Add(new string((char)('a' + i % 26), i * 50));
        s.Same(big.ToArray());
        s.Script("""
            MEMORY USAGE enc:l SAMPLES 0
            DEBUG DIGEST-VALUE enc:l
            LPOP enc:l 10
            MEMORY USAGE enc:l SAMPLES 0
            """);
    }
}
