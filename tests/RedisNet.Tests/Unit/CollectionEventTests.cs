using System.Text;
using RedisNet.Config;
using RedisNet.Server;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>
/// Keyspace events and propagation of hash and set commands: the event names, their order and
/// the argv replicas get (SPOP as SREM/DEL, HINCRBYFLOAT as HSET), as redis-server 7.0 emits them.
/// </summary>
public class CollectionEventTests
{
    private sealed class Recorder : IEventPublisher
    {
        public readonly List<string> Events = new();
        public void Publish(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> message) =>
            Events.Add(Encoding.Latin1.GetString(message) + " " + Encoding.Latin1.GetString(channel)[(Encoding.Latin1.GetString(channel).IndexOf("__:") + 3)..]);
    }

    private static (KeyTestHost Host, Recorder Events) Host()
    {
        var h = new KeyTestHost(c => c.NotifyKeyspaceEvents = KeyspaceEventFlags.All | KeyspaceEventFlags.Keyevent); // keyevent channel only: "key event"
        var r = new Recorder();
        h.Server.Events.Publisher = r;
        return (h, r);
    }

    [Fact]
    public void HashEvents()
    {
        var (h, e) = Host();
        h.Run("HSET", "h", "a", "1", "b", "2");
        h.Run("HSETNX", "h", "a", "x");
        h.Run("HSETNX", "h", "c", "3");
        h.Run("HINCRBY", "h", "n", "1");
        h.Run("HINCRBYFLOAT", "h", "f", "1.5");
        h.Run("HDEL", "h", "nofield");
        h.Run("HDEL", "h", "a", "b", "c", "n", "f");
        Assert.Equal(new[] { "h hset", "h hset", "h hincrby", "h hincrbyfloat", "h hdel", "h del" },
            e.Events);
    }

    [Fact]
    public void SetEvents()
    {
        var (h, e) = Host();
        h.Run("SADD", "s", "1", "2", "3");
        h.Run("SADD", "s", "1");
        h.Run("SREM", "s", "9");
        h.Run("SMOVE", "s", "d", "1");
        h.Run("SREM", "s", "2");
        h.Run("SPOP", "s");
        h.Run("SINTERSTORE", "x", "d", "d");
        h.Run("SDIFFSTORE", "x", "nokey");
        h.Run("SADD", "p", "1", "2", "3", "4", "5");
        h.Run("SPOP", "p", "2");
        h.Run("SPOP", "p", "10");
        h.Run("SADD", "q", "1");
        h.Run("SMOVE", "q", "q", "1");
        h.Run("SMOVE", "q", "r", "1");
        // The sequence redis-server 7.0.15 publishes on __keyevent@0__ for the same commands.
        Assert.Equal(new[] { "s sadd", "s srem", "d sadd", "s srem", "s spop", "s del",
            "x sinterstore", "x del", "p sadd", "p spop", "p spop", "p del", "q sadd", "q srem", "q del", "r sadd" }, e.Events);
    }

    [Fact]
    public void SpopPropagatesRemovals()
    {
        var (h, _) = Host();
        h.Run("SADD", "s", "1", "2", "3", "4", "5");
        h.Propagated.Clear();
        var single = h.Run("SPOP", "s");
        var popped = single.Split("\r\n")[1];
        Assert.Equal(new[] { "SREM", "s", popped }, Assert.Single(h.Propagated).Argv);
        h.Propagated.Clear();
        h.Run("SPOP", "s", "2");
        // Two SREMs from one call go out as a transaction (Redis 7.0's propagatePendingCommands).
        Assert.Equal(["MULTI", "SREM", "SREM", "EXEC"], h.Propagated.Select(p => p.Argv[0]));
        h.Propagated.Clear();
        h.Run("SPOP", "s", "10");
        Assert.Equal(new[] { "DEL", "s" }, Assert.Single(h.Propagated).Argv);
        h.Propagated.Clear();
        h.Run("HINCRBYFLOAT", "h", "f", "0.1");
        Assert.Equal(new[] { "HSET", "h", "f", "0.1" }, Assert.Single(h.Propagated).Argv);
    }
}
