using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Differential.CollectionDiffHelpers;

namespace RedisNet.Tests.Differential;

/// <summary>Set encodings (intset to hashtable), DEBUG DIGEST and MEMORY USAGE against redis-server 7.0.</summary>
public class SetEncodingDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    [Fact]
    public void IntsetBecomesHashtable()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            CONFIG SET set-max-intset-entries 3
            SADD s 1 2 3
            OBJECT ENCODING s
            SADD s 4
            OBJECT ENCODING s
            SREM s 1 2 3
            OBJECT ENCODING s
            SADD t a
            OBJECT ENCODING t
            SADD u 1 a
            OBJECT ENCODING u
            SADD a 1 2 3
            SADD b 3 4 5
            SUNIONSTORE d a b
            OBJECT ENCODING d
            SINTERSTORE d a b
            OBJECT ENCODING d
            SMEMBERS d
            SADD c 1 2 3 4 5
            SDIFFSTORE d c a
            OBJECT ENCODING d
            SMEMBERS d
            SDIFFSTORE d c b
            OBJECT ENCODING d
            CONFIG SET set-max-intset-entries 0
            SADD z 1
            OBJECT ENCODING z
            CONFIG SET set-max-intset-entries 512
            SADD m 1 2 3
            SMOVE m n 1
            OBJECT ENCODING n
            SPOP m 10
            """);
        SameUnordered(s, "SMEMBERS", "s");
        SameUnordered(s, "SMEMBERS", "c");
    }

    [Fact]
    public void DigestsAndMemoryUsage()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            SADD i 1 2 3
            DEBUG DIGEST-VALUE i
            MEMORY USAGE i
            SADD i 100000
            MEMORY USAGE i
            SADD i 10000000000
            MEMORY USAGE i
            SREM i 10000000000
            MEMORY USAGE i
            SADD h a b "\x00\xff" 1
            DEBUG DIGEST-VALUE h
            MEMORY USAGE h
            SADD e ""
            DEBUG DIGEST-VALUE e i h
            COPY h hcopy
            COPY i icopy
            DEBUG DIGEST-VALUE hcopy icopy
            OBJECT ENCODING icopy
            EXPIRE h 100
            DEBUG DIGEST
            TYPE h
            """);
        var args = new List<string> { "SADD", "big" };
        for (int i = 0; i < 1000; i++) args.Add("member:" + (1000 + i));
        s.Same(args.ToArray());
        s.Same("MEMORY", "USAGE", "big");
        s.Same("DEBUG", "DIGEST-VALUE", "big");
        SameUnordered(s, "SRANDMEMBER", "big", "5000");
        var (_, net) = BothItems(s, "SRANDMEMBER", "big", "10");
        Assert.Equal(10, net.Distinct().Count());
        Assert.All(net, m => Assert.StartsWith("member:", m));
        (_, net) = BothItems(s, "SRANDMEMBER", "big", "900");
        Assert.Equal(900, net.Distinct().Count());
    }
}
