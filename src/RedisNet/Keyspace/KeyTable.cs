using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace RedisNet.Keyspace;

/// <summary>
/// The keyspace's hash table: power-of-two buckets of chained entries. It is our own, not a
/// Dictionary, because Redis semantics need what Dictionary cannot give: SCAN's reverse-binary
/// cursor (stable across resizes), fair random sampling (RANDOMKEY, eviction), and buckets as the
/// unit a point-in-time snapshot can version (docs/ARCHITECTURE.md, "Snapshots").
/// </summary>
public sealed class KeyTable
{
    private KeyEntry?[] _buckets = new KeyEntry?[4];
    private int _count;
    private KeyTableSnapshot? _snapshot;

    public int Count => _count;
    public int BucketCount => _buckets.Length;

    public KeyEntry? Find(ReadOnlySpan<byte> key, uint hash)
    {
        var e = _buckets[hash & (uint)(_buckets.Length - 1)];
        byte tag = KeyEntry.TagOf(hash);
        while (e != null)
        {
            if (e.HashTag == tag && e.KeyLength == key.Length && key.SequenceEqual(e.Key)) return e;
            e = e.Next;
        }
        return null;
    }

    /// <summary>Asks the CPU to start loading the bucket slot of <paramref name="hash"/> (a hint; no effect on state).</summary>
    public unsafe void PrefetchBucket(uint hash)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        var buckets = _buckets;
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(Unsafe.AsPointer(ref buckets[hash & (uint)(buckets.Length - 1)]));
    }

    /// <summary>Asks the CPU to start loading the first entry of the bucket of <paramref name="hash"/> and its key bytes.</summary>
    public unsafe void PrefetchEntry(uint hash)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        var buckets = _buckets;
        var e = buckets[hash & (uint)(buckets.Length - 1)];
        if (e is null) return;
        System.Runtime.Intrinsics.X86.Sse.Prefetch0((void*)Unsafe.As<KeyEntry, nint>(ref e));
    }

    /// <summary>
    /// Grows the table to hold <paramref name="keys"/> entries without resizing again (RDB's RESIZEDB
    /// hint). Capped, since the hint comes from a file that may be corrupt; no-op during a snapshot.
    /// </summary>
    public void EnsureCapacity(long keys)
    {
        const int maxBuckets = 1 << 26;
        if (_snapshot is not null || keys <= _buckets.Length) return;
        int size = _buckets.Length;
        while (size < keys && size < maxBuckets) size *= 2;
        if (size > _buckets.Length) Resize(size);
    }

    /// <summary>Adds an entry whose key is known to be absent; <paramref name="hash"/> is KeyHash of its key.</summary>
    public void Add(KeyEntry entry, uint hash)
    {
        if (_count >= _buckets.Length && _snapshot is null) Resize(_buckets.Length * 2);
        int bucket = (int)(hash & (uint)(_buckets.Length - 1));
        _snapshot?.BeforeBucketChange(bucket);
        entry.HashTag = KeyEntry.TagOf(hash);
        ref var head = ref _buckets[bucket];
        entry.Next = head;
        head = entry;
        _count++;
    }

    public bool Remove(KeyEntry entry)
    {
        int bucket = (int)(KeyHash.Compute(entry.Key) & (uint)(_buckets.Length - 1));
        _snapshot?.BeforeBucketChange(bucket);
        ref var link = ref _buckets[bucket];
        while (link != null)
        {
            if (ReferenceEquals(link, entry))
            {
                link = entry.Next;
                entry.Next = null;
                _count--;
                if (_buckets.Length > 4 && _count < _buckets.Length / 8 && _snapshot is null) Resize(_buckets.Length / 2);
                return true;
            }
            link = ref link.Next;
        }
        return false;
    }

    /// <summary>
    /// Call before changing an entry's value or expiry in place: an active snapshot first records
    /// the entry's bucket as it is. Cheap (a null check) when no snapshot is running.
    /// </summary>
    public void BeforeWrite(KeyEntry entry)
    {
        if (_snapshot is not null)
            _snapshot.BeforeBucketChange((int)(KeyHash.Compute(entry.Key) & (uint)(_buckets.Length - 1)));
    }

    /// <summary>Starts a point-in-time snapshot; <paramref name="visit"/> sees every entry once, as of now.</summary>
    public KeyTableSnapshot BeginSnapshot(Action<KeyEntry> visit)
    {
        if (_snapshot is not null) throw new InvalidOperationException("a snapshot of this table is already running");
        return _snapshot = new KeyTableSnapshot(this, visit);
    }

    public bool SnapshotActive => _snapshot is not null;

    internal void EndSnapshot(KeyTableSnapshot s)
    {
        if (ReferenceEquals(_snapshot, s)) _snapshot = null;
    }

    internal void ForEachInBucket(int bucket, Action<KeyEntry> visit)
    {
        for (var e = _buckets[bucket]; e != null; e = e.Next) visit(e);
    }

    public void Clear()
    {
        _buckets = new KeyEntry?[4];
        _count = 0;
    }

    private void Resize(int size)
    {
        var nb = new KeyEntry?[size];
        uint mask = (uint)(size - 1);
        foreach (var head in _buckets)
        {
            var e = head;
            while (e != null)
            {
                var next = e.Next;
                // Hashes are not stored (4 bytes a key); a resize recomputes them.
                ref var slot = ref nb[KeyHash.Compute(e.Key) & mask];
                e.Next = slot;
                slot = e;
                e = next;
            }
        }
        _buckets = nb;
    }

    /// <summary>
    /// One SCAN step: visits the bucket at <paramref name="cursor"/> and returns the next cursor
    /// (0 when done). Reverse-binary increment, as Redis's dictScan, so every key present for the
    /// whole scan is returned at least once even if the table grows or shrinks in between.
    /// </summary>
    public ulong Scan(ulong cursor, Action<KeyEntry> visit)
    {
        ulong mask = (ulong)_buckets.Length - 1;
        for (var e = _buckets[cursor & mask]; e != null; e = e.Next) visit(e);
        return NextScanCursor(cursor, mask);
    }

    /// <summary>The reverse-binary increment of a scan cursor over a power-of-two table (also ZSCAN's).</summary>
    internal static ulong NextScanCursor(ulong cursor, ulong mask)
    {
        cursor |= ~mask;
        cursor = ReverseBits(cursor);
        cursor++;
        return ReverseBits(cursor);
    }

    private static ulong ReverseBits(ulong v)
    {
        v = ((v >> 1) & 0x5555555555555555UL) | ((v & 0x5555555555555555UL) << 1);
        v = ((v >> 2) & 0x3333333333333333UL) | ((v & 0x3333333333333333UL) << 2);
        v = ((v >> 4) & 0x0F0F0F0F0F0F0F0FUL) | ((v & 0x0F0F0F0F0F0F0F0FUL) << 4);
        return BinaryPrimitives.ReverseEndianness(v);
    }

    /// <summary>A random entry: a random non-empty bucket, then a random element of its chain (as dictGetFairRandomKey approximates).</summary>
    public KeyEntry? Random(Random rng)
    {
        if (_count == 0) return null;
        KeyEntry? head;
        do head = _buckets[rng.Next(_buckets.Length)]; while (head == null);
        int len = 0;
        for (var e = head; e != null; e = e.Next) len++;
        int pick = rng.Next(len);
        var r = head;
        while (pick-- > 0) r = r!.Next;
        return r;
    }

    public IEnumerable<KeyEntry> Entries()
    {
        foreach (var head in _buckets)
            for (var e = head; e != null; e = e.Next) yield return e;
    }
}
