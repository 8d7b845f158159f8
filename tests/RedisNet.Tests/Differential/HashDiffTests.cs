using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Differential.CollectionDiffHelpers;

namespace RedisNet.Tests.Differential;

/// <summary>Hash commands against redis-server 7.0: replies, errors, listpack order, RESP3 shapes.</summary>
public class HashDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void SetGetAndDelete()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            HSET h f1 v1 f2 v2
            HSET h f1 new f3 v3
            HMSET h f4 v4 f5 ""
            HSETNX h f1 x
            HSETNX h f6 v6
            HSETNX newh f v
            HGET h f1
            HGET h nofield
            HGET nokey f
            HMGET h f1 nofield f5
            HMGET nokey a b
            HLEN h
            HLEN nokey
            HSTRLEN h f1
            HSTRLEN h f5
            HSTRLEN h nofield
            HSTRLEN nokey f
            HEXISTS h f2
            HEXISTS h nofield
            HEXISTS nokey f
            HGETALL h
            HKEYS h
            HVALS h
            HGETALL nokey
            HKEYS nokey
            HVALS nokey
            HDEL h f2 nofield f3
            HDEL h nofield
            HDEL nokey f
            HGETALL h
            HDEL h f1 f4 f5 f6
            EXISTS h
            HSET bin "a\x00b" "\x00\xff" "" empty
            HGET bin "a\x00b"
            HGET bin ""
            HGETALL bin
            TYPE bin
            """);
    }

    [Fact]
    public void ErrorsAndArity()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            SET str x
            HSET str f v
            HMSET str f v
            HSETNX str f v
            HGET str f
            HMGET str f
            HDEL str f
            HLEN str
            HSTRLEN str f
            HEXISTS str f
            HGETALL str
            HKEYS str
            HVALS str
            HINCRBY str f 1
            HINCRBYFLOAT str f 1
            HRANDFIELD str
            HRANDFIELD str 2
            HSCAN str 0
            HSET h f
            HSET h f v g
            HMSET h f v g
            HSET h
            HSETNX h f
            HGET h
            HMGET h
            HDEL h
            HLEN
            HSTRLEN h
            HEXISTS h
            HGETALL
            HINCRBY h f
            HINCRBYFLOAT h f
            HRANDFIELD
            HSCAN h
            EXISTS h
            """);
    }

    [Fact]
    public void IncrementsAndFloatFormatting()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            HINCRBY h n 5
            HINCRBY h n -10
            HINCRBY h n x
            HINCRBY h n 1.5
            HINCRBY h n 9223372036854775807
            HSET h max 9223372036854775807 min -9223372036854775808 s abc sp " 1"
            HINCRBY h max 1
            HINCRBY h min -1
            HINCRBY h s 1
            HINCRBY h sp 1
            HINCRBY h max 0
            HINCRBYFLOAT h f 10.5
            HINCRBYFLOAT h f 0.1
            HINCRBYFLOAT h f -5.0e3
            HINCRBYFLOAT h f 1e20
            HINCRBYFLOAT h g 3.0
            HINCRBYFLOAT h g 1.23456789012345678
            HINCRBYFLOAT h n 1
            HINCRBYFLOAT h s 1
            HINCRBYFLOAT h f abc
            HINCRBYFLOAT h f inf
            HINCRBYFLOAT h f -inf
            HINCRBYFLOAT h f nan
            HINCRBYFLOAT h f ""
            HSET h big 1e4931
            HINCRBYFLOAT h big 1e4931
            HINCRBYFLOAT h big 1e4932
            HINCRBYFLOAT h hex 0x10
            HINCRBYFLOAT h e 1e-5
            OBJECT ENCODING h
            """);
        // The 4932-digit value made the hash a hashtable: its order is Redis's hash order.
        SamePairs(s, "HGETALL", "h");
    }

    [Fact]
    public void Resp3Shapes()
    {
        using var s = servers.Session();
        s.Both("HELLO", "3");
        s.Script("""
            FLUSHALL
            HSET h a 1 b 2 c 3
            HGETALL h
            HGETALL nokey
            HKEYS h
            HVALS nokey
            HGET h nofield
            HMGET h a nofield
            HRANDFIELD nokey
            HRANDFIELD nokey 3
            HRANDFIELD h 0
            HRANDFIELD h 10 WITHVALUES
            HRANDFIELD h 3
            HINCRBYFLOAT h a 1.5
            HSCAN h 0
            HSCAN nokey 0
            """);
    }

    [Fact]
    public void RandomFieldCases()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            HSET h a 1 b 2 c 3 d 4 e 5
            HRANDFIELD h 5
            HRANDFIELD h 100 WITHVALUES
            HRANDFIELD h 0 WITHVALUES
            HRANDFIELD h x
            HRANDFIELD h -9223372036854775808
            HRANDFIELD h 1 WITHVALUES x
            HRANDFIELD h 1 foo
            HRANDFIELD h 9223372036854775807 withvalues
            HRANDFIELD h 4611686018427387904 withvalues
            HRANDFIELD h -4611686018427387904 withvalues
            HRANDFIELD nokey 4611686018427387904 withvalues
            HRANDFIELD h 4611686018427387903 withvalues
            HRANDFIELD h 9223372036854775807
            """);
        foreach (var resp in new[] { "2", "3" })
        {
            s.Both("HELLO", resp);
            // Negative counts may repeat; exactly |count| picks, all fields of the hash.
            var (_, net) = BothItems(s, "HRANDFIELD", "h", "-20");
            Assert.Equal(20, net.Count);
            Assert.All(net, f => Assert.Contains(f, new[] { "a", "b", "c", "d", "e" }));
            // Positive counts below the size never repeat.
            (_, net) = BothItems(s, "HRANDFIELD", "h", "3");
            Assert.Equal(3, net.Distinct().Count());
            // WITHVALUES: each field is followed by its own value.
            (_, net) = BothItems(s, "HRANDFIELD", "h", "-7", "WITHVALUES");
            Assert.Equal(14, net.Count);
            for (int i = 0; i < net.Count; i += 2) Assert.Equal(net[i][0] - 'a' + 1, int.Parse(net[i + 1]));
            (_, net) = BothItems(s, "HRANDFIELD", "h", "4", "WITHVALUES");
            Assert.Equal(4, net.Where((_, i) => i % 2 == 0).Distinct().Count());
            var (r1, n1) = s.Both("HRANDFIELD", "h");
            Assert.Equal(Header(r1), Header(n1));
        }
    }

    [Fact]
    public void ScanSmallAndLarge()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            HSET h f1 v1 f2 v2 g1 v3
            HSCAN h 0
            HSCAN h 0 MATCH f*
            HSCAN h 0 COUNT 1
            HSCAN h 123
            HSCAN h 0 COUNT 0
            HSCAN h 0 COUNT x
            HSCAN h 0 TYPE string
            HSCAN h 0 MATCH
            HSCAN h x
            HSCAN h -1
            HSCAN nokey 0 COUNT 0
            HSCAN nokey x
            """);
        var args = new List<string> { "HSET", "big" };
        for (int i = 0; i < 1000; i++) { args.Add("field:" + i); args.Add("value:" + i); }
        s.Same(args.ToArray());
        // A hashtable is walked with a cursor: the full iteration returns every field once (no growth meanwhile).
        var seen = new Dictionary<string, string>();
        string cursor = "0";
        int calls = 0;
        do
        {
            var reply = KeyDiffHelpers.BulkStrings(s.Net.Call("HSCAN", "big", cursor, "COUNT", "50"));
            cursor = reply[0];
            for (int i = 1; i < reply.Count; i += 2) seen[reply[i]] = reply[i + 1];
            calls++;
        } while (cursor != "0");
        Assert.Equal(1000, seen.Count);
        Assert.Equal("value:7", seen["field:7"]);
        Assert.True(calls > 1);
        var matched = KeyDiffHelpers.BulkStrings(s.Net.Call("HSCAN", "big", "0", "MATCH", "nomatch*", "COUNT", "10000"));
        Assert.Equal(new[] { "0" }, matched);
    }
}
