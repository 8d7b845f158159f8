using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>SUBSCRIBE family, PUBLISH, PUBSUB: replies and delivered messages compared with Redis, RESP2 and RESP3.</summary>
public class PubSubDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void SubscriberModeRepliesAndErrors()
    {
        using var sub = new ConnPair(servers);
        sub.Same(2, "SUBSCRIBE", "a", "b");
        sub.Same("GET", "x");
        sub.Same("CLIENT", "ID");
        sub.Same("SET", "k", "v");
        sub.Same("PING");
        sub.Same("PING", "hi");
        sub.Same("PING", "a", "b");
        sub.Same("UNSUBSCRIBE", "a");
        sub.Same("UNSUBSCRIBE", "nope");
        sub.Same("UNSUBSCRIBE");
        sub.Same("UNSUBSCRIBE");
        sub.Same("PUNSUBSCRIBE");
        sub.Same("SUNSUBSCRIBE");
        // Out of subscriber mode again: ordinary commands work.
        sub.Same("ECHO", "x");
        sub.Same("PSUBSCRIBE", "p*");
        sub.Same("PSUBSCRIBE", "p*");
        sub.Same("SSUBSCRIBE", "s1");
        sub.Same("SUNSUBSCRIBE");
        sub.Same("ECHO", "still-subscribed");
        sub.Same("PUNSUBSCRIBE", "p*");
        sub.Same("PUNSUBSCRIBE", "q*");
        sub.Same("ECHO", "out");
        sub.Same(3, "SUBSCRIBE", "x", "y", "x");
        sub.Same("RESET");
        sub.Same("PING");
        sub.Same("SUBSCRIBE");
        sub.Same("PSUBSCRIBE");
    }

    [Fact]
    public void MessagesReachChannelAndPatternSubscribers()
    {
        using var sub = new ConnPair(servers);
        using var s = servers.Session();
        sub.Same("SUBSCRIBE", "news");
        sub.Same(2, "PSUBSCRIBE", "n*", "h?llo");
        sub.Same("PSUBSCRIBE", "[a-c]x");
        sub.Same("SUBSCRIBE", "end");
        s.Script("""
            PUBLISH news first
            PUBLISH hello world
            PUBLISH nothing-here x
            PUBLISH bx ""
            PUBLISH dx nobody
            PUBLISH news "with\r\nnewlines"
            PUBLISH end done
            """);
        sub.ReadUntil("end");
        sub.Same("UNSUBSCRIBE", "news");
        s.Same("PUBLISH", "news", "only-pattern");
        s.Same("PUBLISH", "end", "done");
        sub.ReadUntil("end");
    }

    [Fact]
    public void Resp3PushMessagesAndCommandsWhileSubscribed()
    {
        using var sub = new ConnPair(servers);
        using var s = servers.Session();
        sub.Both("HELLO", "3");
        sub.Same("SUBSCRIBE", "a");
        sub.Same("GET", "nokey");
        sub.Same("PING");
        // Its own PUBLISH: the push comes before the reply.
        sub.Same(2, "PUBLISH", "a", "self");
        sub.Same("PSUBSCRIBE", "*");
        s.Same("PUBLISH", "a", "both");
        sub.Read(2);
        sub.Same("SSUBSCRIBE", "sh");
        s.Same("SPUBLISH", "sh", "shard");
        sub.Read(1);
        sub.Same("UNSUBSCRIBE");
        sub.Same("PUNSUBSCRIBE");
        sub.Same("SUNSUBSCRIBE");
        sub.Same("UNSUBSCRIBE");
        sub.Same("RESET");
    }

    [Fact]
    public void ShardChannels()
    {
        using var sub = new ConnPair(servers);
        using var s = servers.Session();
        sub.Same(2, "SSUBSCRIBE", "s1", "s2");
        sub.Same("SUBSCRIBE", "plain");
        sub.Same("GET", "x");
        s.Script("""
            SPUBLISH s1 hello
            SPUBLISH plain not-shard
            PUBLISH s1 not-plain
            PUBSUB SHARDCHANNELS s1
            PUBSUB SHARDNUMSUB s1 s2 s3
            PUBSUB SHARDNUMSUB
            PUBSUB NUMSUB s1
            SPUBLISH s2 end
            """);
        sub.ReadUntil("end");
        sub.Same("SUNSUBSCRIBE", "s1");
        sub.Same("SUNSUBSCRIBE");
        sub.Same("UNSUBSCRIBE");
    }

    [Fact]
    public void PubSubIntrospection()
    {
        using var sub = new ConnPair(servers);
        using var other = new ConnPair(servers);
        using var s = servers.Session();
        s.Script("""
            PUBSUB NUMPAT
            PUBSUB CHANNELS
            PUBSUB NUMSUB
            PUBSUB NUMSUB a
            PUBSUB HELP
            PUBSUB CHANNELS a b
            PUBSUB SHARDCHANNELS a b
            PUBSUB NUMPAT x
            PUBSUB NOSUCH
            PUBSUB
            PUBLISH
            PUBLISH a
            SUBSCRIBE
            """);
        sub.Same("SUBSCRIBE", "intro1");
        sub.Same("PSUBSCRIBE", "intro*");
        other.Same("SUBSCRIBE", "intro1");
        other.Same("PSUBSCRIBE", "intro*");
        other.Same("PSUBSCRIBE", "other*");
        s.Script("""
            PUBSUB NUMSUB intro1 intro2 intro1
            PUBSUB NUMPAT
            PUBSUB CHANNELS intro?
            PUBSUB CHANNELS x*
            PUBLISH intro1 m
            """);
        // Each subscriber got the message twice (channel and pattern): read them before RESET's reply.
        sub.Read(2);
        other.Read(2);
        var info = s.Both("INFO", "stats");
        foreach (var f in new[] { "pubsub_channels", "pubsub_patterns", "pubsubshard_channels" })
            Assert.Equal(InfoFields.Field(info.Redis, f, ':'), InfoFields.Field(info.Net, f, ':'));
        other.Same("RESET");
        s.Same("PUBSUB", "NUMSUB", "intro1");
        s.Same("PUBSUB", "NUMPAT");
    }

    [Fact]
    public void ClientListShowsSubscriptions()
    {
        using var sub = new ConnPair(servers);
        using var s = servers.Session();
        var ids = sub.Ids();
        sub.Same(2, "SUBSCRIBE", "c1", "c2");
        sub.Same("PSUBSCRIBE", "p*");
        sub.Same("SSUBSCRIBE", "s");
        var r = s.Redis.Call("CLIENT", "LIST", "ID", ids.Redis);
        var n = s.Net.Call("CLIENT", "LIST", "ID", ids.Net);
        foreach (var f in new[] { "flags", "sub", "psub", "ssub", "cmd" })
            Assert.Equal(InfoFields.Field(r, f, '='), InfoFields.Field(n, f, '='));
        Assert.Equal("P", InfoFields.Field(n, "flags", '='));
        s.Same("CLIENT", "LIST", "TYPE", "pubsub", "x");
        var listR = s.Redis.Call("CLIENT", "LIST", "TYPE", "pubsub");
        var listN = s.Net.Call("CLIENT", "LIST", "TYPE", "pubsub");
        Assert.Equal(InfoFields.Field(listR, "sub", '='), InfoFields.Field(listN, "sub", '='));
    }

    [Fact]
    public void DisconnectDropsSubscriptions()
    {
        using var s = servers.Session();
        var sub = new ConnPair(servers);
        sub.Same("SUBSCRIBE", "gone");
        sub.Same("PSUBSCRIBE", "gone*");
        s.Same("PUBSUB", "NUMSUB", "gone");
        sub.Dispose();
        // The server notices the close asynchronously: wait for both to drop the subscriber.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var (r, n) = s.Both("PUBSUB", "NUMSUB", "gone");
            if (r.AsSpan().SequenceEqual(n) && RespClient.Bytes("*2\r\n$4\r\ngone\r\n:0\r\n").AsSpan().SequenceEqual(n)) break;
            Thread.Sleep(20);
        }
        s.Same("PUBSUB", "NUMSUB", "gone");
        s.Same("PUBLISH", "gone", "x");
    }

    [Fact]
    public void CommandInfoAndDocs()
    {
        using var s = servers.Session();
        foreach (var c in new[] { "subscribe", "unsubscribe", "psubscribe", "punsubscribe", "publish", "ssubscribe", "sunsubscribe", "spublish",
                     "pubsub|channels", "pubsub|numsub", "pubsub|numpat", "pubsub|shardchannels", "pubsub|shardnumsub", "pubsub|help",
                     "client|tracking", "client|caching", "client|getredir", "client|trackinginfo" })
        {
            s.Same("COMMAND", "INFO", c);
            s.Same("COMMAND", "DOCS", c);
        }
        s.Same("COMMAND", "GETKEYS", "SSUBSCRIBE", "a", "b");
        s.Same("COMMAND", "GETKEYS", "SPUBLISH", "a", "b");
    }
}
