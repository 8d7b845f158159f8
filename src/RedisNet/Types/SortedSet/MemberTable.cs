using RedisNet.Keyspace;

namespace RedisNet.Types.SortedSet;

/// <summary>
/// Member → entry lookup for large sorted sets: open addressing with linear probing over an array
/// of entry references (the same arrays the order tree holds), no per-member node. Hashes are not
/// stored; growing rehashes the members. Deletion shifts the probe run back, so no tombstones.
/// </summary>
public sealed class MemberTable
{
    private byte[]?[] _slots;
    private int _count;

    public MemberTable(int capacity = 16)
    {
        int size = 16;
        while (size * 3 < capacity * 4) size <<= 1;
        _slots = new byte[size][];
    }

    public int Count => _count;
    internal int SlotCount => _slots.Length;

    public byte[]? Find(ReadOnlySpan<byte> member)
    {
        var slots = _slots;
        int mask = slots.Length - 1;
        for (int i = (int)KeyHash.Compute(member) & mask; ; i = (i + 1) & mask)
        {
            var e = slots[i];
            if (e is null) return null;
            if (ZEntry.Member(e).SequenceEqual(member)) return e;
        }
    }

    /// <summary>Adds or replaces the entry for its member.</summary>
    public void Set(byte[] entry)
    {
        if ((_count + 1) * 4 > _slots.Length * 3) Resize(_slots.Length * 2);
        var member = ZEntry.Member(entry);
        int mask = _slots.Length - 1;
        for (int i = (int)KeyHash.Compute(member) & mask; ; i = (i + 1) & mask)
        {
            var e = _slots[i];
            if (e is null) { _slots[i] = entry; _count++; return; }
            if (ZEntry.Member(e).SequenceEqual(member)) { _slots[i] = entry; return; }
        }
    }

    public bool Remove(ReadOnlySpan<byte> member)
    {
        int mask = _slots.Length - 1;
        int i = (int)KeyHash.Compute(member) & mask;
        while (true)
        {
            var e = _slots[i];
            if (e is null) return false;
            if (ZEntry.Member(e).SequenceEqual(member)) break;
            i = (i + 1) & mask;
        }
        // Backward-shift: move later members of the run into the hole when their home allows it.
        int hole = i;
        for (int j = (hole + 1) & mask; _slots[j] is { } next; j = (j + 1) & mask)
        {
            int home = (int)KeyHash.Compute(ZEntry.Member(next)) & mask;
            bool movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (!movable) continue;
            _slots[hole] = next;
            hole = j;
        }
        _slots[hole] = null;
        _count--;
        if (_slots.Length > 16 && _count * 10 < _slots.Length) Resize(_slots.Length / 2);
        return true;
    }

    private void Resize(int size)
    {
        var old = _slots;
        _slots = new byte[size][];
        int mask = size - 1;
        foreach (var e in old)
        {
            if (e is null) continue;
            int i = (int)KeyHash.Compute(ZEntry.Member(e)) & mask;
            while (_slots[i] != null) i = (i + 1) & mask;
            _slots[i] = e;
        }
    }

    /// <summary>
    /// One ZSCAN step over the bucket at <paramref name="cursor"/>: the members whose home slot
    /// (hash &amp; mask) it is, found in the probe run starting there (a member lives between its home
    /// and the next empty slot). Scanning by home, not by position, makes a bucket the same set as
    /// Redis's dict bucket, so the reverse-binary cursor keeps dictScan's guarantee across resizes,
    /// and the backward shifts of removals (which move members between positions) cannot hide one.
    /// </summary>
    public ulong Scan(ulong cursor, List<byte[]> into)
    {
        var slots = _slots;
        int mask = slots.Length - 1;
        int home = (int)(cursor & (ulong)mask);
        // The table is at most 3/4 full, so the run ends at an empty slot.
        for (int i = home; slots[i] is { } e; i = (i + 1) & mask)
            if (((int)KeyHash.Compute(ZEntry.Member(e)) & mask) == home) into.Add(e);
        return KeyTable.NextScanCursor(cursor, (ulong)mask);
    }

    public IEnumerable<byte[]> Entries()
    {
        foreach (var e in _slots) if (e != null) yield return e;
    }
}
