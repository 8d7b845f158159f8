using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// Where node boundaries show: XINFO radix-tree-keys/nodes, approximate trimming, MEMORY USAGE,
/// with the default and changed stream-node-max-* settings; and DEBUG DIGEST of streams.
/// </summary>
public class StreamNodeDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    private static void Fill(DiffSession s, string key, int from, int to, Func<int, string[]> fields)
    {
        for (int i = from; i <= to; i++) s.Same(["XADD", key, $"{i}-{i % 3}", .. fields(i)]);
    }

    private static void Info(DiffSession s, string key)
    {
        s.Same("XINFO", "STREAM", key);
        s.Same("MEMORY", "USAGE", key);
        s.Same("MEMORY", "USAGE", key, "SAMPLES", "0");
        s.Same("MEMORY", "USAGE", key, "SAMPLES", "1");
        s.Same("DEBUG", "DIGEST-VALUE", key);
        StreamDiffHelpers.SameSerializedLength(s, key);
    }

    [Fact]
    public void DefaultNodes()
    {
        using var s = servers.Session();
        Fill(s, "n1", 1, 450, i => ["f", i.ToString()]);
        Info(s, "n1");
        // Different fields than the master entry, integers and long strings change node sizes.
        Fill(s, "n2", 1, 120, i => i % 4 == 0 ? ["f", "v", "g", new string('x', i)] : ["other", (i * 1000003L).ToString(), "h", "-" + i]);
        Info(s, "n2");
        Fill(s, "n3", 1, 40, i => ["big", new string('y', 300 + i)]);
        Info(s, "n3");
        s.Script("""
            XTRIM n1 MAXLEN ~ 120
            XINFO STREAM n1
            XTRIM n1 MINID ~ 400
            XINFO STREAM n1
            XDEL n1 401-2 402-0 403-1 450-0
            XINFO STREAM n1
            XTRIM n3 MAXLEN ~ 5
            XLEN n3
            XINFO STREAM n3
            MEMORY USAGE n3
            XADD n1 MAXLEN ~ 10 1000-0 f v
            XLEN n1
            """);
        for (int i = 1; i <= 99; i++) s.Same("XDEL", "n2", $"{i}-{i % 3}");
        Info(s, "n2");
        s.Same("DEBUG", "DIGEST");
    }

    [Fact]
    public void ConfiguredNodes()
    {
        using var s = servers.Session();
        s.Script("""
            CONFIG SET stream-node-max-entries 7
            CONFIG SET stream-node-max-bytes 0
            """);
        Fill(s, "c1", 1, 50, i => ["f", i.ToString()]);
        Info(s, "c1");
        s.Script("""
            XTRIM c1 MAXLEN ~ 20
            XADD c1 MAXLEN ~ 15 100-0 f v
            XLEN c1
            CONFIG SET stream-node-max-entries 0
            CONFIG SET stream-node-max-bytes 200
            """);
        Fill(s, "c2", 1, 60, i => ["field", new string('v', i % 7)]);
        Info(s, "c2");
        s.Script("""
            XTRIM c2 MINID ~ 30
            XINFO STREAM c2
            CONFIG SET stream-node-max-entries 2
            CONFIG SET stream-node-max-bytes 3
            """);
        Fill(s, "c3", 1, 9, i => ["f", "v"]);
        Info(s, "c3");
        s.Script("""
            XTRIM c3 MAXLEN ~ 4
            XTRIM c3 MAXLEN ~ 3 LIMIT 1
            XLEN c3
            CONFIG SET stream-node-max-entries 100
            CONFIG SET stream-node-max-bytes 4096
            """);
    }

    [Fact]
    public void GroupsInMemoryUsageAndDigest()
    {
        using var s = servers.Session();
        Fill(s, "m1", 1, 300, i => ["f", "v"]);
        s.Script("""
            XGROUP CREATE m1 g1 0
            XGROUP CREATE m1 g2 0
            XGROUP CREATECONSUMER m1 g2 lonely
            XREADGROUP GROUP g1 alice COUNT 150 STREAMS m1 >
            XREADGROUP GROUP g1 bob COUNT 7 STREAMS m1 >
            XREADGROUP GROUP g2 carol NOACK COUNT 3 STREAMS m1 >
            MEMORY USAGE m1
            MEMORY USAGE m1 SAMPLES 0
            DEBUG DIGEST-VALUE m1
            XGROUP CREATE empty g $ MKSTREAM
            MEMORY USAGE empty
            DEBUG DIGEST-VALUE empty
            XACK m1 g1 1-1 5-2 100-1
            MEMORY USAGE m1
            COPY m1 m2
            DEBUG DIGEST-VALUE m2
            XINFO GROUPS m2
            XRANGE m2 - + COUNT 3
            RENAME m2 m3
            XLEN m3
            DEBUG DIGEST
            """);
        StreamDiffHelpers.SameMasked(s, "XPENDING", "m3", "g1", "-", "+", "3", "bob");
        StreamDiffHelpers.SameSerializedLength(s, "m3");
        StreamDiffHelpers.SameSerializedLength(s, "empty");
    }
}
