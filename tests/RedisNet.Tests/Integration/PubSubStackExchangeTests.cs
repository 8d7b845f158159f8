using System.Collections.Concurrent;
using RedisNet.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>StackExchange.Redis 1.2.6 pub/sub end to end: it subscribes on its own second connection.</summary>
public class PubSubStackExchangeTests : IDisposable
{
    private readonly ServerProcess _server = ServerProcess.StartRedisNet();

    private ConnectionMultiplexer Connect()
        => ConnectionMultiplexer.Connect($"127.0.0.1:{_server.Port},abortConnect=false,connectTimeout=15000,syncTimeout=15000");

    [Fact]
    public void ChannelAndPatternMessagesArrive()
    {
        using var mux = Connect();
        var sub = mux.GetSubscriber();
        var got = new BlockingCollection<string>();
        sub.Subscribe("se-news", (ch, msg) => got.Add($"{ch}={msg}"));
        sub.Subscribe(new RedisChannel("se-p*", RedisChannel.PatternMode.Pattern), (ch, msg) => got.Add($"p:{ch}={msg}"));

        WaitFor("PUBSUB", "NUMSUB", "se-news", "*2\r\n$7\r\nse-news\r\n:1\r\n");
        WaitFor("PUBSUB", "NUMPAT", ":1\r\n");
        Assert.Equal(1, sub.Publish("se-news", "hello"));
        Assert.Equal(1, sub.Publish("se-pattern", "world"));
        var received = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            Assert.True(got.TryTake(out var m, TimeSpan.FromSeconds(10)), "message not delivered");
            received.Add(m!);
        }
        received.Sort(StringComparer.Ordinal);
        Assert.Equal(new[] { "p:se-pattern=world", "se-news=hello" }, received);

        sub.Unsubscribe("se-news");
        Assert.Equal(0, sub.Publish("se-news", "nobody"));
        // The library's own connection counts in the numbers PUBSUB reports.
        using var raw = _server.Client();
        Assert.Equal(":1\r\n", raw.CallString("PUBSUB", "NUMPAT"));
    }

    [Fact]
    public void KeyspaceNotificationsReachTheLibrary()
    {
        using var mux = Connect();
        var db = mux.GetDatabase();
        using (var raw = _server.Client()) raw.Call("CONFIG", "SET", "notify-keyspace-events", "KE$");
        var got = new BlockingCollection<string>();
        mux.GetSubscriber().Subscribe(new RedisChannel("__keyevent@0__:*", RedisChannel.PatternMode.Pattern), (ch, msg) => got.Add($"{ch} {msg}"));
        WaitFor("PUBSUB", "NUMPAT", ":1\r\n");
        db.StringSet("se-key", "v");
        Assert.True(got.TryTake(out var m, TimeSpan.FromSeconds(10)), "notification not delivered");
        Assert.Equal("__keyevent@0__:set se-key", m);
    }

    /// <summary>The library subscribes without waiting for the server's confirmation: poll until it is in place.</summary>
    private void WaitFor(params string[] commandThenReply)
    {
        using var raw = _server.Client();
        var cmd = commandThenReply[..^1];
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (raw.CallString(cmd) != commandThenReply[^1] && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.Equal(commandThenReply[^1], raw.CallString(cmd));
    }

    public void Dispose() => _server.Dispose();
}
