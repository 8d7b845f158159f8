using System.Buffers.Binary;
using RedisNet.Keyspace;

namespace RedisNet.Types;

/// <summary>
/// The "hashtable" encoding of hashes and sets: one byte[] per element (a set member, or a hash's
/// field and value packed by <see cref="HashPair"/>), in dense arrays with index chains, so an element
/// costs its array plus 16 bytes (slot, chain link, bucket) and no per-element node objects.
/// Buckets are a power of two as in Redis's dict, so SCAN's reverse-binary cursor survives resizes.
/// </summary>
public sealed class BlobTable
{
    private byte[]?[] _items;
    private int[] _next;     // chain link (index + 1, 0 = end); for a free slot, the next free slot
    private int[] _buckets;  // first element's index + 1, 0 = empty
    private int _count, _used, _free = -1;
    private readonly bool _pairs;

    /// <summary><paramref name="pairs"/>: elements are HashPair arrays keyed by their field; otherwise the element is the key.</summary>
    public BlobTable(bool pairs, int capacity = 4)
    {
        _pairs = pairs;
        int size = 4;
        while (size < capacity) size <<= 1;
        _items = new byte[]?[size];
        _next = new int[size];
        _buckets = new int[size];
    }

    public int Count => _count;
    /// <summary>Buckets (Redis's dictSlots), for MEMORY USAGE.</summary>
    public int BucketCount => _buckets.Length;
    /// <summary>Slots to iterate with <see cref="At"/>; some are null (free).</summary>
    public int SlotCount => _used;
    public byte[]? At(int slot) => _items[slot];

    private ReadOnlySpan<byte> KeyOf(byte[] item) => _pairs ? HashPair.Field(item) : item;

    private int IndexOf(ReadOnlySpan<byte> key)
    {
        for (int i = _buckets[KeyHash.Compute(key) & (uint)(_buckets.Length - 1)] - 1; i >= 0; i = _next[i] - 1)
            if (KeyOf(_items[i]!).SequenceEqual(key)) return i;
        return -1;
    }

    public byte[]? Find(ReadOnlySpan<byte> key)
    {
        int i = IndexOf(key);
        return i < 0 ? null : _items[i];
    }

    public bool Contains(ReadOnlySpan<byte> key) => IndexOf(key) >= 0;

    /// <summary>Adds the element, or replaces the one with the same key. Returns true when it was added.</summary>
    public bool Put(byte[] item)
    {
        var key = KeyOf(item);
        uint hash = KeyHash.Compute(key);
        for (int i = _buckets[hash & (uint)(_buckets.Length - 1)] - 1; i >= 0; i = _next[i] - 1)
        {
            if (!KeyOf(_items[i]!).SequenceEqual(key)) continue;
            _items[i] = item;
            return false;
        }
        if (_count >= _buckets.Length)
        {
            Resize(_buckets.Length * 2);
        }
        int slot;
        if (_free >= 0)
        {
            slot = _free;
            _free = _next[slot] - 1;
        }
        else slot = _used++;
        _items[slot] = item;
        ref int head = ref _buckets[hash & (uint)(_buckets.Length - 1)];
        _next[slot] = head;
        head = slot + 1;
        _count++;
        return true;
    }

    /// <summary>Removes the element with this key; returns it, or null when absent.</summary>
    public byte[]? Remove(ReadOnlySpan<byte> key)
    {
        ref int link = ref _buckets[KeyHash.Compute(key) & (uint)(_buckets.Length - 1)];
        while (link != 0)
        {
            int i = link - 1;
            var item = _items[i]!;
            if (KeyOf(item).SequenceEqual(key))
            {
                link = _next[i];
                _items[i] = null;
                _next[i] = _free + 1;
                _free = i;
                _count--;
                // Shrink below 1/8 full, as Redis's dict does below 10%.
                if (_buckets.Length > 4 && _count * 8 < _buckets.Length) Resize(Math.Max(4, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(_count, 1))));
                return item;
            }
            link = ref _next[i];
        }
        return null;
    }

    /// <summary>Rebuilds at <paramref name="size"/> buckets, compacting the element arrays (free slots go away).</summary>
    private void Resize(int size)
    {
        var items = new byte[]?[size];
        var next = new int[size];
        var buckets = new int[size];
        uint mask = (uint)(size - 1);
        int n = 0;
        for (int i = 0; i < _used; i++)
        {
            var item = _items[i];
            if (item is null) continue;
            items[n] = item;
            ref int head = ref buckets[KeyHash.Compute(KeyOf(item)) & mask];
            next[n] = head;
            head = ++n;
        }
        _items = items;
        _next = next;
        _buckets = buckets;
        _used = n;
        _free = -1;
    }

    /// <summary>One SCAN step over a bucket; returns the next cursor (0 when done), as Redis's dictScan.</summary>
    public ulong Scan(ulong cursor, Action<byte[]> visit)
    {
        ulong mask = (ulong)_buckets.Length - 1;
        for (int i = _buckets[cursor & mask] - 1; i >= 0; i = _next[i] - 1) visit(_items[i]!);
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

    /// <summary>A uniformly random element (the table is never less than 1/8 full, so few retries).</summary>
    public byte[] Random(Random rng)
    {
        if (_count == 0) throw new InvalidOperationException("empty table");
        while (true)
        {
            var item = _items[rng.Next(_used)];
            if (item is not null) return item;
        }
    }
}
