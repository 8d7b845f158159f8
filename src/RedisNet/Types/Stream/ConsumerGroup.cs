namespace RedisNet.Types.Stream;

/// <summary>A delivered, not yet acknowledged entry (Redis's streamNACK), shared by the group's and its consumer's PEL.</summary>
public sealed class PendingEntry(StreamId id, Consumer consumer, long deliveryTime, long deliveryCount)
{
    public readonly StreamId Id = id;
    public Consumer Consumer = consumer;
    public long DeliveryTime = deliveryTime;
    public long DeliveryCount = deliveryCount;
}

/// <summary>PEL order: by entry ID.</summary>
public sealed class PendingOrder : IComparer<PendingEntry>
{
    public static readonly PendingOrder Instance = new();
    public int Compare(PendingEntry? a, PendingEntry? b) => a!.Id.CompareTo(b!.Id);
}

/// <summary>An ordered PEL: entry ID → pending entry.</summary>
public sealed class PendingList
{
    private readonly SortedSet<PendingEntry> _set = new(PendingOrder.Instance);
    private static readonly Consumer Probe = new([], 0);

    public int Count => _set.Count;

    public PendingEntry? Find(StreamId id) =>
        _set.TryGetValue(new PendingEntry(id, Probe, 0, 0), out var e) ? e : null;

    public bool Add(PendingEntry e) => _set.Add(e);
    public bool Remove(PendingEntry e) => _set.Remove(e);

    /// <summary>Entries with start &lt;= ID &lt;= end, in order.</summary>
    public IEnumerable<PendingEntry> Range(StreamId start, StreamId end)
    {
        if (_set.Count == 0 || start > end) return [];
        return _set.GetViewBetween(new PendingEntry(start, Probe, 0, 0), new PendingEntry(end, Probe, 0, 0));
    }

    public IEnumerable<PendingEntry> All => _set;
    public PendingEntry? First => _set.Count == 0 ? null : _set.Min;
    public PendingEntry? Last => _set.Count == 0 ? null : _set.Max;
}

/// <summary>Groups and consumers: kept in lists ordered by name (Redis keeps them in radix trees, so in byte order).</summary>
public interface INamed
{
    byte[] Name { get; }
}

public static class ByName
{
    /// <summary>Binary search by name: the index, or the complement of where it would go.</summary>
    public static int IndexOf<T>(List<T> items, ReadOnlySpan<byte> name) where T : INamed
    {
        int lo = 0, hi = items.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = items[mid].Name.AsSpan().SequenceCompareTo(name);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return ~lo;
    }
}

/// <summary>A consumer of a group: its name, when it was last seen, and the entries delivered to it.</summary>
public sealed class Consumer(byte[] name, long seenTime) : INamed
{
    public byte[] Name { get; } = name;
    public long SeenTime = seenTime;
    public readonly PendingList Pel = new();
}

/// <summary>A consumer group (Redis's streamCG): last delivered ID, read counter, PEL and consumers by name.</summary>
public sealed class ConsumerGroup(byte[] name, StreamId lastId, long entriesRead) : INamed
{
    /// <summary>Redis's SCG_INVALID_ENTRIES_READ.</summary>
    public const long InvalidEntriesRead = -1;

    public byte[] Name { get; } = name;
    public StreamId LastId = lastId;
    public long EntriesRead = entriesRead;
    public readonly PendingList Pel = new();
    /// <summary>Consumers in name order (Redis keeps them in a radix tree).</summary>
    public readonly List<Consumer> Consumers = new();

    public Consumer? FindConsumer(ReadOnlySpan<byte> name)
    {
        int i = IndexOf(name);
        return i >= 0 ? Consumers[i] : null;
    }

    /// <summary>Adds a consumer; null when one of that name exists.</summary>
    public Consumer? AddConsumer(ReadOnlySpan<byte> name, long now)
    {
        int i = IndexOf(name);
        if (i >= 0) return null;
        var c = new Consumer(name.ToArray(), now);
        Consumers.Insert(~i, c);
        return c;
    }

    /// <summary>Removes a consumer and its pending entries from the group's PEL; returns how many it had.</summary>
    public long RemoveConsumer(Consumer c)
    {
        long pending = c.Pel.Count;
        foreach (var e in c.Pel.All) Pel.Remove(e);
        Consumers.RemoveAt(IndexOf(c.Name));
        return pending;
    }

    private int IndexOf(ReadOnlySpan<byte> name) => ByName.IndexOf(Consumers, name);
}
