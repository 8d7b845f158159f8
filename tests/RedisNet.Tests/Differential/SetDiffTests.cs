using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Differential.CollectionDiffHelpers;

namespace RedisNet.Tests.Differential;

/// <summary>Set commands against redis-server 7.0: replies, errors, intset order, set algebra, RESP3.</summary>
public class SetDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void MembersAddRemove()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            SADD s 3 1 2 -5 1000000 9223372036854775807 -9223372036854775808
            SADD s 1 2
            SMEMBERS s
            OBJECT ENCODING s
            SCARD s
            SISMEMBER s 3
            SISMEMBER s 4
            SISMEMBER s x
            SISMEMBER nokey 1
            SMISMEMBER s 1 x 4 3
            SMISMEMBER nokey 1 2
            SREM s 3 4 x
            SREM nokey 1
            SMEMBERS s
            SREM s 1 2 -5 1000000 9223372036854775807 -9223372036854775808
            EXISTS s
            SMEMBERS nokey
            SCARD nokey
            SADD t 01 +1 " 1" 1.0 -0 0
            OBJECT ENCODING t
            SADD b "\x00\xff" "" "a b"
            SISMEMBER b ""
            SISMEMBER b "\x00\xff"
            SCARD b
            TYPE b
            SADD i 1 2 3
            SADD i x
            OBJECT ENCODING i
            SREM i x
            OBJECT ENCODING i
            """);
        SameUnordered(s, "SMEMBERS", "b");
        SameUnordered(s, "SMEMBERS", "t");
    }

    [Fact]
    public void ErrorsAndArity()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            SET str x
            SADD str a
            SREM str a
            SCARD str
            SISMEMBER str a
            SMISMEMBER str a
            SMEMBERS str
            SRANDMEMBER str
            SRANDMEMBER str 2
            SPOP str
            SPOP str 2
            SMOVE str d a
            SSCAN str 0
            SADD s
            SADD s a
            SREM s
            SCARD
            SISMEMBER s
            SMISMEMBER s
            SMEMBERS
            SPOP
            SPOP s 1 2
            SRANDMEMBER s 1 2
            SMOVE s d
            SINTER
            SINTERSTORE d
            SUNION
            SDIFFSTORE d
            SINTERCARD 1
            SSCAN s
            SMOVE nokey str a
            SMOVE s str a
            SMOVE s str nomember
            SMOVE s nokey nomember
            SINTER nokey str
            SINTER s str
            SINTERCARD 2 nokey str
            SINTERSTORE d nokey str
            SUNION nokey str
            SDIFF nokey str
            SDIFF str nokey
            SUNIONSTORE d s str
            EXISTS d
            """);
    }

    [Fact]
    public void Algebra()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            SADD a 1 2 3 4 5
            SADD b 4 5 6 7
            SADD c 5 7 9
            SADD x a b 1 2
            SINTER a b
            SINTER a b c
            SINTER a nokey
            SINTER a
            SINTER a a
            SINTERCARD 2 a b
            SINTERCARD 3 a b c
            SINTERCARD 1 a LIMIT 2
            SINTERCARD 1 a LIMIT 0
            SINTERCARD 1 a limit 2 LIMIT 3
            SINTERCARD 2 a nokey
            SINTERCARD 0 a
            SINTERCARD x a
            SINTERCARD -1 a
            SINTERCARD 3 a b
            SINTERCARD 1 a LIMIT -1
            SINTERCARD 1 a LIMIT x
            SINTERCARD 1 a LIMIT
            SINTERCARD 1 a foo
            SUNION a b c
            SUNION a nokey
            SUNION nokey
            SDIFF a b
            SDIFF a b c
            SDIFF a a
            SDIFF a nokey b
            SDIFF nokey a
            SDIFF b a c
            SINTERSTORE d a b
            SMEMBERS d
            OBJECT ENCODING d
            SUNIONSTORE d a b c
            SMEMBERS d
            SDIFFSTORE d a b
            SMEMBERS d
            SET e 1
            EXPIRE d 100
            SINTERSTORE d a c
            TTL d
            SINTERSTORE d a nokey
            EXISTS d
            SDIFFSTORE a a b
            SMEMBERS a
            SUNIONSTORE nodst nokey
            EXISTS nodst
            SINTERSTORE e a b
            TYPE e
            SINTER x a
            SUNIONSTORE u x a
            OBJECT ENCODING u
            """);
        SameUnordered(s, "SUNION", "x", "a");
        SameUnordered(s, "SMEMBERS", "u");
        SameUnordered(s, "SDIFF", "x", "a");
    }

    [Fact]
    public void Move()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            SADD src 1 2 3
            SADD dst 3 4
            SMOVE src dst 1
            SMOVE src dst 3
            SMOVE src dst 9
            SMOVE src src 2
            SMOVE src src 9
            SMEMBERS src
            SMEMBERS dst
            SMOVE src newdst 2
            EXISTS src
            SMEMBERS newdst
            OBJECT ENCODING newdst
            SADD w a
            SMOVE w newdst a
            OBJECT ENCODING newdst
            SMOVE newdst w2 a
            OBJECT ENCODING w2
            """);
        SameUnordered(s, "SMEMBERS", "newdst");
    }

    [Fact]
    public void Resp3Shapes()
    {
        using var s = servers.Session();
        s.Both("HELLO", "3");
        s.Script("""
            FLUSHALL
            SADD s 1 2 3
            SMEMBERS s
            SMEMBERS nokey
            SINTER s s
            SUNION s nokey
            SDIFF s nokey
            SDIFF nokey
            SMISMEMBER s 1 5
            SRANDMEMBER nokey
            SRANDMEMBER nokey 2
            SRANDMEMBER s 5
            SRANDMEMBER s 0
            SPOP nokey
            SPOP nokey 2
            SPOP s 0
            SSCAN s 0
            SPOP s 10
            EXISTS s
            """);
    }

    [Fact]
    public void RandomMembersAndPops()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            SADD s 1 2 3 4 5 6 7 8 9 10
            SRANDMEMBER s 10
            SRANDMEMBER s 100
            SRANDMEMBER s x
            SRANDMEMBER s -9223372036854775808
            SPOP s -1
            SPOP s x
            SPOP s 0
            """);
        var members = Enumerable.Range(1, 10).Select(i => i.ToString()).ToArray();
        foreach (var resp in new[] { "2", "3" })
        {
            s.Both("HELLO", resp);
            var (_, net) = BothItems(s, "SRANDMEMBER", "s", "-30");
            Assert.Equal(30, net.Count);
            Assert.All(net, m => Assert.Contains(m, members));
            (_, net) = BothItems(s, "SRANDMEMBER", "s", "9");
            Assert.Equal(9, net.Distinct().Count());
            (_, net) = BothItems(s, "SRANDMEMBER", "s", "2");
            Assert.Equal(2, net.Distinct().Count());
        }
        s.Both("HELLO", "2");
        // SPOP removes what it returns: both servers keep 10 - popped members.
        var (r, n) = BothItems(s, "SPOP", "s", "3");
        Assert.Equal(3, n.Distinct().Count());
        var rest = KeyDiffHelpers.BulkStrings(s.Net.Call("SMEMBERS", "s"));
        Assert.Equal(7, rest.Count);
        Assert.Empty(rest.Intersect(n));
        var (r6, n6) = BothItems(s, "SPOP", "s", "6");
        Assert.Equal(6, n6.Distinct().Count());
        // The last member differs between the servers (each popped at random), and so may its
        // length ("10" against "7"): compare each reply with the member its own server kept.
        var single = s.Both("SPOP", "s");
        Assert.Equal(members.Except(r).Except(r6), KeyDiffHelpers.BulkStrings(single.Redis));
        Assert.Equal(members.Except(n).Except(n6), KeyDiffHelpers.BulkStrings(single.Net));
        s.Same("EXISTS", "s");
        s.Same("SPOP", "s");
    }

    [Fact]
    public void Scan()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            SADD s 5 3 1
            SSCAN s 0
            SSCAN s 0 MATCH 1*
            SSCAN s 7 COUNT 1
            SSCAN s 0 COUNT 0
            SSCAN s 0 TYPE set
            SSCAN s x
            SSCAN nokey 0
            SADD w a b c
            """);
        // A hashtable's SSCAN order is its hash order: compare as sets.
        SameUnordered(s, "SSCAN", "w", "0", "COUNT", "100");
        SameUnordered(s, "SSCAN", "w", "0", "MATCH", "[ab]");
        var args = new List<string> { "SADD", "big" };
        for (int i = 0; i < 2000; i++) args.Add("m" + i);
        s.Same(args.ToArray());
        var seen = new HashSet<string>();
        string cursor = "0";
        do
        {
            var reply = KeyDiffHelpers.BulkStrings(s.Net.Call("SSCAN", "big", cursor));
            cursor = reply[0];
            seen.UnionWith(reply.Skip(1));
        } while (cursor != "0");
        Assert.Equal(2000, seen.Count);
    }
}
