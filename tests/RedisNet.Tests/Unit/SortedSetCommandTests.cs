using System.Text;
using RedisNet.Config;
using RedisNet.Keyspace;
using RedisNet.Server;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>
/// What a reply does not show: plain-set inputs of the set operations (through ISetMembers, with a
/// fake set), keyspace events in Redis's order, and ZMPOP's propagation as ZPOPMIN/ZPOPMAX.
/// </summary>
public class SortedSetCommandTests
{
    private sealed class FakeSet(params string[] members) : ISetMembers
    {
        private readonly HashSet<string> _m = new(members);
        public long Count => _m.Count;
        public bool Contains(ReadOnlySpan<byte> member) => _m.Contains(Encoding.Latin1.GetString(member));
        public IEnumerable<byte[]> Members() => _m.Select(Encoding.Latin1.GetBytes);
    }

    private sealed class Events : IEventPublisher
    {
        public readonly List<string> Seen = new();
        public void Publish(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> message)
        {
            if (Encoding.Latin1.GetString(channel).StartsWith("__keyevent@")) Seen.Add(Encoding.Latin1.GetString(channel)[15..] + " " + Encoding.Latin1.GetString(message));
        }
    }

    static SortedSetCommandTests() =>
        TypeNames.Register(typeof(FakeSet), new RedisValueType { Name = "set", ObjType = 2, Copy = v => v, DigestValue = (_, _) => { } });

    [Fact]
    public void PlainSetsScoreOne()
    {
        var h = new KeyTestHost();
        h.Client.Db.Add("s"u8, new FakeSet("a", "b", "x"));
        h.Run("ZADD", "z", "5", "a", "7", "b", "9", "c");
        Assert.Equal("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\na\r\n$1\r\n6\r\n$1\r\nb\r\n$1\r\n8\r\n$1\r\nc\r\n$1\r\n9\r\n",
            h.Run("ZUNION", "2", "z", "s", "WITHSCORES"));
        Assert.Equal("*4\r\n$1\r\na\r\n$1\r\n5\r\n$1\r\nb\r\n$1\r\n7\r\n", h.Run("ZINTER", "2", "s", "z", "WEIGHTS", "3", "1", "AGGREGATE", "MAX", "WITHSCORES"));
        Assert.Equal(":1\r\n", h.Run("ZDIFFSTORE", "d", "2", "s", "z"));
        Assert.Equal("*2\r\n$1\r\nx\r\n$1\r\n1\r\n", h.Run("ZRANGE", "d", "0", "-1", "WITHSCORES"));
        Assert.Equal(":2\r\n", h.Run("ZINTERCARD", "2", "s", "z"));
        Assert.StartsWith("-WRONGTYPE", h.Run("ZRANGE", "s", "0", "-1"));
    }

    [Fact]
    public void KeyspaceEventsInRedisOrder()
    {
        var h = new KeyTestHost(c => c.NotifyKeyspaceEvents = KeyspaceEventFlags.Parse("KEA"));
        var ev = new Events();
        h.Server.Events.Publisher = ev;
        h.Run("ZADD", "z", "1", "a", "2", "b");
        h.Run("ZADD", "z", "1", "a");           // no change: no event
        h.Run("ZINCRBY", "z", "1", "a");
        h.Run("ZREM", "z", "a");
        h.Run("ZPOPMIN", "z");
        h.Run("ZADD", "z", "1", "a", "2", "b", "3", "c");
        h.Run("ZREMRANGEBYSCORE", "z", "1", "1");
        h.Run("ZRANGESTORE", "d", "z", "0", "0");
        h.Run("ZUNIONSTORE", "d", "1", "nokey");
        h.Run("ZREMRANGEBYRANK", "z", "0", "-1");
        h.Run("GEOADD", "g", "15", "37", "p");
        h.Run("GEOSEARCHSTORE", "gs", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km");
        h.Run("GEORADIUS", "g", "15", "37", "1", "km", "STORE", "gr");
        h.Run("GEORADIUS", "g", "0", "0", "1", "km", "STORE", "gr");
        Assert.Equal(new[]
        {
            "zadd z", "zincr z", "zrem z", "zpopmin z", "del z", "zadd z", "zremrangebyscore z",
            "zrangestore d", "del d", "zremrangebyrank z", "del z",
            "zadd g", "geosearchstore gs", "georadiusstore gr", "del gr",
        }, ev.Seen);
    }

    [Fact]
    public void ZMPopPropagatesAsZPop()
    {
        var h = new KeyTestHost();
        h.Run("ZADD", "z", "1", "a", "2", "b", "3", "c");
        h.Propagated.Clear();
        h.Run("ZMPOP", "2", "nokey", "z", "MAX", "COUNT", "2");
        h.Run("ZMPOP", "1", "z", "MIN");
        Assert.Equal(new[] { "ZPOPMAX z 2", "ZPOPMIN z 1" }, h.Propagated.Select(p => string.Join(' ', p.Argv)));
    }
}
