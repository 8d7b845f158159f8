using System.Buffers;

namespace RedisNet.Keyspace;

/// <summary>
/// A point-in-time view of one KeyTable, taken without copying it and without stopping writers
/// (the fork-less replacement for Redis's BGSAVE child). The serializer walks buckets in order in
/// small steps; a write that is about to change a bucket not yet visited first visits that bucket,
/// so every entry is seen exactly once, as it was when the snapshot began. While a snapshot is
/// active the table does not resize (bucket numbers must stay stable). All calls happen under
/// the execution lock. See docs/ARCHITECTURE.md, "Snapshots".
/// </summary>
public sealed class KeyTableSnapshot
{
    private readonly KeyTable _table;
    private readonly Action<KeyEntry> _visit;
    // One bit per bucket: visited. Rented, so that back-to-back saves of a large table don't each
    // allocate (and leave to a blocking gen2 collection) an array on the large object heap.
    private ulong[]? _done;
    private readonly int _buckets;
    private int _cursor;

    public bool Finished { get; private set; }
    /// <summary>Buckets visited early because a write was about to change them (for INFO/tests).</summary>
    public long EarlyVisits { get; private set; }

    internal KeyTableSnapshot(KeyTable table, Action<KeyEntry> visit)
    {
        _table = table;
        _visit = visit;
        _buckets = table.BucketCount;
        _done = ArrayPool<ulong>.Shared.Rent((_buckets + 63) >> 6);
        Array.Clear(_done, 0, (_buckets + 63) >> 6);
    }

    private bool Done(int bucket) => (_done![bucket >> 6] & (1UL << bucket)) != 0;

    /// <summary>Visits up to <paramref name="buckets"/> more buckets; returns false once the whole table is done.</summary>
    public bool Step(int buckets)
    {
        if (Finished) return false;
        int end = Math.Min(_cursor + buckets, _buckets);
        for (; _cursor < end; _cursor++)
            if (!Done(_cursor)) VisitBucket(_cursor);
        if (_cursor >= _buckets) Finish();
        return !Finished;
    }

    /// <summary>Ends the snapshot early (aborted save); the table may resize again.</summary>
    public void Cancel() => Finish();

    internal void BeforeBucketChange(int bucket)
    {
        if (bucket >= _cursor && !Finished && !Done(bucket))
        {
            EarlyVisits++;
            VisitBucket(bucket);
        }
    }

    private void VisitBucket(int bucket)
    {
        _done![bucket >> 6] |= 1UL << bucket;
        _table.ForEachInBucket(bucket, _visit);
    }

    private void Finish()
    {
        if (Finished) return;
        Finished = true;
        _table.EndSnapshot(this);
        ArrayPool<ulong>.Shared.Return(_done!);
        _done = null;
    }
}
