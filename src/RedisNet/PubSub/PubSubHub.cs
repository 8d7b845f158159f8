using RedisNet.Protocol;
using RedisNet.Server;

namespace RedisNet.PubSub;

/// <summary>
/// The server's pub/sub registry: channel → subscribers, pattern → subscribers, shard channel →
/// subscribers (Redis's server.pubsub_channels / pubsub_patterns / pubsubshard_channels), and
/// delivery. Messages are written straight into each subscriber's reply buffer under the execution
/// lock, then its transport is asked to flush: publishing costs no allocation per subscriber.
/// Also the keyspace-event publisher (notify-keyspace-events).
/// </summary>
public sealed class PubSubHub : IEventPublisher
{
    private readonly Dictionary<byte[], List<Client>> _channels = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], List<Client>> _patterns = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], List<Client>> _shard = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], List<Client>>.AlternateLookup<ReadOnlySpan<byte>> _channelsBySpan;
    private readonly Dictionary<byte[], List<Client>>.AlternateLookup<ReadOnlySpan<byte>> _shardBySpan;

    public PubSubHub(RedisServer server)
    {
        _channelsBySpan = _channels.GetAlternateLookup<ReadOnlySpan<byte>>();
        _shardBySpan = _shard.GetAlternateLookup<ReadOnlySpan<byte>>();
        server.Events.Publisher = this;
        server.ClientReset += c => UnsubscribeAll(c, notify: false);
        server.ClientRemoved += c => UnsubscribeAll(c, notify: false);
    }

    /// <summary>INFO stats pubsub_channels / pubsub_patterns / pubsubshard_channels, PUBSUB NUMPAT.</summary>
    public int ChannelCount => _channels.Count;
    public int PatternCount => _patterns.Count;
    public int ShardChannelCount => _shard.Count;

    public static PubSubState StateOf(Client c) => c.PubSub ??= new PubSubState();

    // ---- subscriptions ----

    /// <summary>SUBSCRIBE / SSUBSCRIBE one channel, replying the confirmation.</summary>
    public void Subscribe(Client c, ReadOnlySpan<byte> channel, bool shard)
    {
        var st = StateOf(c);
        var set = shard ? st.ShardChannels : st.Channels;
        var name = channel.ToArray();
        if (set.Add(name)) Subscribers(shard ? _shard : _channels, name).Add(c);
        c.Flags |= ClientFlags.PubSub;
        Confirm(c.Output, shard ? "ssubscribe"u8 : "subscribe"u8, channel, shard ? st.ShardChannels.Count : st.Count);
    }

    public void PSubscribe(Client c, ReadOnlySpan<byte> pattern)
    {
        var st = StateOf(c);
        if (st.IndexOfPattern(pattern) < 0)
        {
            var name = pattern.ToArray();
            st.Patterns.Add(name);
            Subscribers(_patterns, name).Add(c);
        }
        c.Flags |= ClientFlags.PubSub;
        Confirm(c.Output, "psubscribe"u8, pattern, st.Count);
    }

    /// <summary>UNSUBSCRIBE / SUNSUBSCRIBE one channel; replies even when it was not subscribed, as Redis does.</summary>
    public void Unsubscribe(Client c, ReadOnlySpan<byte> channel, bool shard, bool notify = true)
    {
        var st = StateOf(c);
        var set = shard ? st.ShardChannels : st.Channels;
        var registry = shard ? _shard : _channels;
        if (set.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(channel, out var name))
        {
            set.Remove(name);
            Drop(registry, name, c);
        }
        if (notify) Confirm(c.Output, shard ? "sunsubscribe"u8 : "unsubscribe"u8, channel, shard ? st.ShardChannels.Count : st.Count);
    }

    public void PUnsubscribe(Client c, ReadOnlySpan<byte> pattern, bool notify = true)
    {
        var st = StateOf(c);
        int i = st.IndexOfPattern(pattern);
        if (i >= 0)
        {
            var name = st.Patterns[i];
            st.Patterns.RemoveAt(i);
            Drop(_patterns, name, c);
        }
        if (notify) Confirm(c.Output, "punsubscribe"u8, pattern, st.Count);
    }

    /// <summary>UNSUBSCRIBE / SUNSUBSCRIBE without arguments: every channel, or one null reply when there were none.</summary>
    public void UnsubscribeAllChannels(Client c, bool shard, bool notify = true)
    {
        var st = StateOf(c);
        var set = shard ? st.ShardChannels : st.Channels;
        ReadOnlySpan<byte> kind = shard ? "sunsubscribe"u8 : "unsubscribe"u8;
        if (set.Count == 0)
        {
            if (notify) Confirm(c.Output, kind, default, shard ? st.ShardChannels.Count : st.Count, isNull: true);
            return;
        }
        foreach (var name in set.ToArray()) Unsubscribe(c, name, shard, notify);
    }

    public void PUnsubscribeAll(Client c, bool notify = true)
    {
        var st = StateOf(c);
        if (st.Patterns.Count == 0)
        {
            if (notify) Confirm(c.Output, "punsubscribe"u8, default, st.Count, isNull: true);
            return;
        }
        foreach (var name in st.Patterns.ToArray()) PUnsubscribe(c, name, notify);
    }

    /// <summary>Leaves subscriber mode when the last subscription is gone (after an UNSUBSCRIBE family command).</summary>
    public static void UpdateFlag(Client c)
    {
        if (c.PubSub is null || c.PubSub.Total == 0) c.Flags &= ~ClientFlags.PubSub;
    }

    /// <summary>RESET and disconnect: drop every subscription silently.</summary>
    public void UnsubscribeAll(Client c, bool notify)
    {
        if (c.PubSub is null) return;
        UnsubscribeAllChannels(c, shard: false, notify);
        UnsubscribeAllChannels(c, shard: true, notify);
        PUnsubscribeAll(c, notify);
        c.Flags &= ~ClientFlags.PubSub;
        c.PubSub = null;
    }

    private static List<Client> Subscribers(Dictionary<byte[], List<Client>> registry, byte[] name)
    {
        if (!registry.TryGetValue(name, out var list)) registry[name] = list = new List<Client>(1);
        return list;
    }

    private static void Drop(Dictionary<byte[], List<Client>> registry, byte[] name, Client c)
    {
        if (!registry.TryGetValue(name, out var list)) return;
        list.Remove(c);
        if (list.Count == 0) registry.Remove(name);
    }

    private static void Confirm(RespWriter w, ReadOnlySpan<byte> kind, ReadOnlySpan<byte> name, int count, bool isNull = false)
    {
        w.WritePushHeader(3);
        w.WriteBulk(kind);
        if (isNull) w.WriteNull();
        else w.WriteBulk(name);
        w.WriteInteger(count);
    }

    // ---- delivery ----

    void IEventPublisher.Publish(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> message) => Publish(channel, message);

    /// <summary>PUBLISH: channel subscribers first, then each matching pattern's. Returns the receivers.</summary>
    public int Publish(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> message)
    {
        int receivers = 0;
        if (_channelsBySpan.TryGetValue(channel, out var subs))
        {
            foreach (var c in subs)
            {
                WriteMessage(c, "message"u8, default, channel, message);
                receivers++;
            }
        }
        if (_patterns.Count == 0) return receivers;
        foreach (var (pattern, clients) in _patterns)
        {
            if (!Glob.Match(pattern, channel, nocase: false)) continue;
            foreach (var c in clients)
            {
                WriteMessage(c, "pmessage"u8, pattern, channel, message);
                receivers++;
            }
        }
        return receivers;
    }

    /// <summary>SPUBLISH: shard channel subscribers only.</summary>
    public int PublishShard(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> message)
    {
        if (!_shardBySpan.TryGetValue(channel, out var subs)) return 0;
        foreach (var c in subs) WriteMessage(c, "smessage"u8, default, channel, message);
        return subs.Count;
    }

    private static void WriteMessage(Client c, ReadOnlySpan<byte> kind, ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> channel, ReadOnlySpan<byte> message)
    {
        var w = c.Output;
        bool p = kind[0] == (byte)'p';
        w.WritePushHeader(p ? 4 : 3);
        w.WriteBulk(kind);
        if (p) w.WriteBulk(pattern);
        w.WriteBulk(channel);
        w.WriteBulk(message);
        c.Transport?.RequestFlush();
    }

    // ---- introspection (PUBSUB) ----

    public IEnumerable<byte[]> Channels(bool shard) => (shard ? _shard : _channels).Keys;

    public int SubscriberCount(ReadOnlySpan<byte> channel, bool shard)
        => (shard ? _shardBySpan : _channelsBySpan).TryGetValue(channel, out var l) ? l.Count : 0;
}
