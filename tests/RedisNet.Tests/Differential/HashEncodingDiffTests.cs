using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Differential.CollectionDiffHelpers;

namespace RedisNet.Tests.Differential;

/// <summary>Hash encodings (listpack to hashtable), DEBUG DIGEST and MEMORY USAGE against redis-server 7.0.</summary>
public class HashEncodingDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    [Fact]
    public void ListpackBecomesHashtable()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            CONFIG SET hash-max-listpack-entries 4
            CONFIG SET hash-max-listpack-value 8
            HSET h a 1 b 2 c 3 d 4
            OBJECT ENCODING h
            HSET h d 5
            OBJECT ENCODING h
            HSET h e 5
            OBJECT ENCODING h
            HDEL h a b c d
            OBJECT ENCODING h
            HSET long f 12345678
            OBJECT ENCODING long
            HSET long g 123456789
            OBJECT ENCODING long
            HSET longfield 123456789 x
            OBJECT ENCODING longfield
            HSETNX nx f 123456789
            OBJECT ENCODING nx
            HSET inc f 1
            HINCRBYFLOAT inc f 0.000001
            OBJECT ENCODING inc
            HINCRBY inc2 123456789 1
            OBJECT ENCODING inc2
            HMSET multi a 1 b 123456789 c 3
            OBJECT ENCODING multi
            CONFIG SET hash-max-listpack-entries 0
            HSET zero f v
            OBJECT ENCODING zero
            CONFIG SET hash-max-listpack-entries 512
            CONFIG SET hash-max-listpack-value 64
            HSET back a 1
            OBJECT ENCODING back
            OBJECT ENCODING h
            """);
        SamePairs(s, "HGETALL", "h");
    }

    [Fact]
    public void DigestsMatchRedis()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            HSET h a 1 b 2 "\x00bin" "\xff\x00"
            DEBUG DIGEST-VALUE h
            HSET e "" ""
            DEBUG DIGEST-VALUE e
            DEBUG DIGEST
            CONFIG SET hash-max-listpack-entries 2
            HSET big a 1 b 2 "\x00bin" "\xff\x00"
            DEBUG DIGEST-VALUE big h
            EXPIRE big 1000
            DEBUG DIGEST-VALUE big
            COPY h hcopy
            DEBUG DIGEST-VALUE hcopy
            COPY big bigcopy
            OBJECT ENCODING bigcopy
            DEBUG DIGEST-VALUE bigcopy
            DEBUG DIGEST
            TYPE h
            CONFIG SET hash-max-listpack-entries 512
            """);
    }

    [Fact]
    public void MemoryUsage()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            HSET h a 1
            MEMORY USAGE h
            HSET h b 200 c -5000 d 70000 e 10000000 f 3000000000 g hello h ""
            MEMORY USAGE h
            HSET h long 0123456789012345678901234567890123456789012345678901234567890123
            MEMORY USAGE h
            HDEL h a b c
            MEMORY USAGE h
            """);
        var args = new List<string> { "HSET", "big" };
        for (int i = 0; i < 1000; i++) { args.Add("field:" + (1000 + i)); args.Add("value:" + (1000 + i)); }
        s.Same(args.ToArray());
        s.Same("OBJECT", "ENCODING", "big");
        // Every field has the same size, so sampling order does not matter.
        s.Same("MEMORY", "USAGE", "big");
        s.Same("MEMORY", "USAGE", "big", "SAMPLES", "0");
        s.Same("HLEN", "big");
        SamePairs(s, "HGETALL", "big");
        SameUnordered(s, "HKEYS", "big");
        SameUnordered(s, "HRANDFIELD", "big", "5000");
        // Few of many: distinct fields, each with its own value.
        var (_, net) = BothItems(s, "HRANDFIELD", "big", "5", "WITHVALUES");
        Assert.Equal(5, net.Where((_, i) => i % 2 == 0).Distinct().Count());
        for (int i = 0; i < net.Count; i += 2) Assert.Equal(net[i].Replace("field", "value"), net[i + 1]);
    }
}
