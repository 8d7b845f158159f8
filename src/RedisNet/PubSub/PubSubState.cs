namespace RedisNet.PubSub;

/// <summary>
/// A client's subscriptions: channels, patterns and shard channels. Created on the first
/// subscription; the hub (<see cref="PubSubHub"/>) keeps the reverse index (name → subscribers).
/// </summary>
public sealed class PubSubState
{
    public readonly HashSet<byte[]> Channels = new(ByteKeyComparer.Instance);
    /// <summary>Patterns in subscription order (Redis keeps a list; PUNSUBSCRIBE without arguments walks it in order).</summary>
    public readonly List<byte[]> Patterns = new();
    public readonly HashSet<byte[]> ShardChannels = new(ByteKeyComparer.Instance);

    /// <summary>What SUBSCRIBE/PSUBSCRIBE replies count: channels plus patterns.</summary>
    public int Count => Channels.Count + Patterns.Count;
    public int Total => Channels.Count + Patterns.Count + ShardChannels.Count;

    public int IndexOfPattern(ReadOnlySpan<byte> pattern)
    {
        for (int i = 0; i < Patterns.Count; i++)
            if (pattern.SequenceEqual(Patterns[i])) return i;
        return -1;
    }
}
