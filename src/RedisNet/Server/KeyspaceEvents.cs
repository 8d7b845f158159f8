using RedisNet.Config;
using RedisNet.Keyspace;

namespace RedisNet.Server;

/// <summary>Where keyspace events go: the pub/sub layer publishes them to subscribers.</summary>
public interface IEventPublisher
{
    /// <summary>Publishes a message on a channel (as PUBLISH does, without a reply).</summary>
    void Publish(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> message);
}

/// <summary>
/// Keyspace notifications (notify-keyspace-events): Redis's notifyKeyspaceEvent. Commands call
/// <see cref="Notify"/> with the event's class (<see cref="KeyspaceEventFlags"/>) and name, after the
/// change and in the order Redis emits them. With notifications off a call is one flag test.
/// </summary>
public sealed class KeyspaceEvents
{
    private readonly ServerConfig _config;
    public IEventPublisher? Publisher;

    public KeyspaceEvents(ServerConfig config) => _config = config;

    /// <summary>
    /// Sends "__keyspace@db__:key" → event (K) and "__keyevent@db__:event" → key (E) when the class
    /// <paramref name="type"/> is enabled.
    /// </summary>
    public void Notify(int type, ReadOnlySpan<byte> evt, Database db, ReadOnlySpan<byte> key)
    {
        int flags = _config.NotifyKeyspaceEvents;
        if ((flags & type) == 0 || Publisher is null) return;
        Span<byte> dbDigits = stackalloc byte[11];
        db.Index.TryFormat(dbDigits, out int dl);
        dbDigits = dbDigits[..dl];
        if ((flags & KeyspaceEventFlags.Keyspace) != 0)
            Publisher.Publish(Channel("__keyspace@"u8, dbDigits, key), evt);
        if ((flags & KeyspaceEventFlags.Keyevent) != 0)
            Publisher.Publish(Channel("__keyevent@"u8, dbDigits, evt), key);
    }

    private static byte[] Channel(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> db, ReadOnlySpan<byte> tail)
    {
        var c = new byte[prefix.Length + db.Length + 3 + tail.Length];
        prefix.CopyTo(c);
        db.CopyTo(c.AsSpan(prefix.Length));
        "__:"u8.CopyTo(c.AsSpan(prefix.Length + db.Length));
        tail.CopyTo(c.AsSpan(prefix.Length + db.Length + 3));
        return c;
    }
}
