using System.Buffers.Binary;
using RedisNet.Keyspace;

namespace RedisNet.Types;

/// <summary>
/// The "hashtable" encoding of hashes and sets. Elements (a set member, or a hash's field and value
/// packed by <see cref="HashPair"/>) are records in one shared byte buffer, indexed by slot arrays
/// with chains, so an element costs its bytes plus about 13 (offset, chain link, bucket, length):
/// no object per element, which is what keeps a 1M-field hash near Redis's memory.
/// Buckets are a power of two as in Redis's dict, so SCAN's reverse-binary cursor survives resizes.
/// Spans returned by <see cref="ItemAt"/> are valid until the table next changes.
/// </summary>
public sealed class BlobTable
{
    public delegate void ItemVisitor(ReadOnlySpan<byte> item);

    private byte[] _data = new byte[64];
    private int _dataUsed, _garbage;   // record bytes appended / of removed or replaced records
    private int[] _offset;             // record start per slot; -1 for a free slot
    private int[] _next;               // chain link (slot + 1, 0 = end); for a free slot, the next free slot
    private int[] _buckets;            // first slot + 1, 0 = empty
    private int _count, _used, _free = -1;
    private readonly bool _pairs;

    /// <summary><paramref name="pairs"/>: elements are HashPair records keyed by their field; otherwise the element is the key.</summary>
    public BlobTable(bool pairs, int capacity = 4)
    {
        _pairs = pairs;
        int size = 4;
        while (size < capacity) size <<= 1;
        _offset = new int[size];
        _next = new int[size];
        _buckets = new int[size];
    }

    public int Count => _count;
    /// <summary>Buckets (Redis's dictSlots), for MEMORY USAGE.</summary>
    public int BucketCount => _buckets.Length;
    /// <summary>Slots to iterate with <see cref="IsOccupied"/> and <see cref="ItemAt"/>.</summary>
    public int SlotCount => _used;
    public bool IsOccupied(int slot) => _offset[slot] >= 0;

    public ReadOnlySpan<byte> ItemAt(int slot)
    {
        int p = _offset[slot];
        int len = ReadVarint(_data, ref p);
        return new ReadOnlySpan<byte>(_data, p, len);
    }

    private ReadOnlySpan<byte> KeyOf(ReadOnlySpan<byte> item) => _pairs ? HashPair.Field(item) : item;

    /// <summary>The slot holding the element with this key, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> key)
    {
        for (int i = _buckets[KeyHash.Compute(key) & (uint)(_buckets.Length - 1)] - 1; i >= 0; i = _next[i] - 1)
            if (KeyOf(ItemAt(i)).SequenceEqual(key)) return i;
        return -1;
    }

    public bool Contains(ReadOnlySpan<byte> key) => IndexOf(key) >= 0;

    /// <summary>Adds the element, or replaces the one with the same key. Returns true when it was added.</summary>
    public bool Put(ReadOnlySpan<byte> item)
    {
        int existing = IndexOf(KeyOf(item));
        if (existing >= 0)
        {
            var old = ItemAt(existing);
            if (old.Length == item.Length)
            {
                item.CopyTo(new Span<byte>(_data, _offset[existing] + VarintSize(item.Length), item.Length));
                return false;
            }
            _garbage += RecordSize(old.Length);
            _offset[existing] = -1; // not live while Append may compact
            _offset[existing] = Append(item);
            return false;
        }
        if (_count >= _buckets.Length) Resize(_buckets.Length * 2);
        int slot;
        if (_free >= 0)
        {
            slot = _free;
            _free = _next[slot] - 1;
        }
        else slot = _used++;
        _offset[slot] = -1;
        _offset[slot] = Append(item);
        ref int head = ref _buckets[KeyHash.Compute(KeyOf(item)) & (uint)(_buckets.Length - 1)];
        _next[slot] = head;
        head = slot + 1;
        _count++;
        return true;
    }

    /// <summary>Removes the element with this key; false when absent.</summary>
    public bool Remove(ReadOnlySpan<byte> key)
    {
        ref int link = ref _buckets[KeyHash.Compute(key) & (uint)(_buckets.Length - 1)];
        while (link != 0)
        {
            int i = link - 1;
            var item = ItemAt(i);
            if (KeyOf(item).SequenceEqual(key))
            {
                link = _next[i];
                _garbage += RecordSize(item.Length);
                _offset[i] = -1;
                _next[i] = _free + 1;
                _free = i;
                _count--;
                // Shrink below 1/8 full, as Redis's dict does below 10%.
                if (_buckets.Length > 4 && _count * 8 < _buckets.Length) Resize(Math.Max(4, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(_count, 1))));
                // Deletions alone never append: give back the buffer once most of it is dead.
                if (_garbage > 4096 && _garbage * 2 > _dataUsed) Rebuild(0);
                return true;
            }
            link = ref _next[i];
        }
        return false;
    }

    /// <summary>Writes a record at the end of the buffer (growing or compacting it first) and returns its offset.</summary>
    private int Append(ReadOnlySpan<byte> item)
    {
        int need = RecordSize(item.Length);
        if (_dataUsed + need > _data.Length) Rebuild(need);
        int at = _dataUsed;
        int w = at;
        uint n = (uint)item.Length;
        while (n >= 0x80) { _data[w++] = (byte)(n | 0x80); n >>= 7; }
        _data[w++] = (byte)n;
        item.CopyTo(new Span<byte>(_data, w, item.Length));
        _dataUsed = w + item.Length;
        return at;
    }

    /// <summary>Copies the live records (dropping dead ones) into a buffer with half again their size plus <paramref name="extra"/>.</summary>
    private void Rebuild(int extra)
    {
        int live = _dataUsed - _garbage;
        var data = new byte[Math.Max(64, live + extra + (live + extra) / 2)];
        int pos = 0;
        for (int s = 0; s < _used; s++)
        {
            if (_offset[s] < 0) continue;
            int start = _offset[s], p = start;
            int len = ReadVarint(_data, ref p);
            int total = p - start + len;
            Buffer.BlockCopy(_data, start, data, pos, total);
            _offset[s] = pos;
            pos += total;
        }
        _data = data;
        _dataUsed = pos;
        _garbage = 0;
    }

    /// <summary>Rebuilds the index at <paramref name="size"/> buckets, compacting the slot arrays (free slots go away).</summary>
    private void Resize(int size)
    {
        var offset = new int[size];
        var next = new int[size];
        var buckets = new int[size];
        uint mask = (uint)(size - 1);
        int n = 0;
        for (int i = 0; i < _used; i++)
        {
            if (_offset[i] < 0) continue;
            offset[n] = _offset[i];
            ref int head = ref buckets[KeyHash.Compute(KeyOf(ItemAt(i))) & mask];
            next[n] = head;
            head = ++n;
        }
        _offset = offset;
        _next = next;
        _buckets = buckets;
        _used = n;
        _free = -1;
    }

    /// <summary>One SCAN step over a bucket; returns the next cursor (0 when done), as Redis's dictScan.</summary>
    public ulong Scan(ulong cursor, ItemVisitor visit)
    {
        ulong mask = (ulong)_buckets.Length - 1;
        for (int i = _buckets[cursor & mask] - 1; i >= 0; i = _next[i] - 1) visit(ItemAt(i));
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

    /// <summary>A uniformly random occupied slot (the table is never less than 1/8 full, so few retries).</summary>
    public int RandomSlot(Random rng)
    {
        if (_count == 0) throw new InvalidOperationException("empty table");
        while (true)
        {
            int slot = rng.Next(_used);
            if (_offset[slot] >= 0) return slot;
        }
    }

    public BlobTable Clone()
    {
        var copy = new BlobTable(_pairs, _count);
        for (int i = 0; i < _used; i++)
            if (_offset[i] >= 0) copy.Put(ItemAt(i));
        return copy;
    }

    private static int RecordSize(int length) => VarintSize(length) + length;

    internal static int VarintSize(int n)
    {
        int size = 1;
        while (n >= 0x80) { size++; n >>= 7; }
        return size;
    }

    internal static int ReadVarint(ReadOnlySpan<byte> data, ref int p)
    {
        int b = data[p++];
        if (b < 0x80) return b;
        int value = b & 0x7F, shift = 7;
        do
        {
            b = data[p++];
            value |= (b & 0x7F) << shift;
            shift += 7;
        } while (b >= 0x80);
        return value;
    }
}
