using RedisNet.Config;
using RedisNet.Keyspace;
using RedisNet.Protocol;

namespace RedisNet.Types.Set;

/// <summary>
/// A Redis set, "intset" while every member is an integer and there are at most
/// set-max-intset-entries of them (Redis 7.0 has no listpack sets), otherwise "hashtable" (a
/// <see cref="BlobTable"/> of member arrays). Conversion is one-way, as in Redis.
/// </summary>
public sealed class SetValue : ISetMembers, IElementCollection
{
    private IntSet? _ints;
    private BlobTable? _table;

    private SetValue(IntSet? ints, BlobTable? table)
    {
        _ints = ints;
        _table = table;
    }

    /// <summary>Redis's createIntsetObject (the *STORE commands start with one).</summary>
    public static SetValue CreateIntset() => new(new IntSet(), null);

    /// <summary>Redis's setTypeCreate: an intset when the first member is an integer.</summary>
    public static SetValue CreateFor(ReadOnlySpan<byte> firstMember) =>
        NumberFormat.TryParseInt64(firstMember, out _) ? CreateIntset() : new(null, new BlobTable(pairs: false));

    /// <summary>An empty hashtable set (RDB loading of a set too large for an intset).</summary>
    public static SetValue CreateTable(int capacity) => new(null, new BlobTable(pairs: false, capacity));

    public bool IsIntset => _ints is not null;
    public int Count => _ints?.Count ?? _table!.Count;
    long ISetMembers.Count => Count;
    internal IntSet? Ints => _ints;
    internal BlobTable? Table => _table;

    /// <summary>Slots to iterate with <see cref="MemberAt"/>; intset slots are in Redis's (sorted) order.</summary>
    public int SlotCount => _ints?.Count ?? _table!.SlotCount;

    public bool IsOccupied(int slot) => _ints is not null || _table!.IsOccupied(slot);

    /// <summary>The member at a slot (null for a free hashtable slot); intset members are formatted.</summary>
    public byte[]? MemberAt(int slot) =>
        _ints is not null ? NumberFormat.Int64Bytes(_ints[slot]) : _table!.IsOccupied(slot) ? _table.ItemAt(slot).ToArray() : null;

    public bool Contains(ReadOnlySpan<byte> member)
    {
        if (_table is not null) return _table.Contains(member);
        return NumberFormat.TryParseInt64(member, out long v) && _ints!.Contains(v);
    }

    public bool Add(ReadOnlySpan<byte> member, ServerConfig config)
    {
        if (_ints is not null)
        {
            if (NumberFormat.TryParseInt64(member, out long v))
            {
                if (!_ints.Add(v)) return false;
                if (_ints.Count > config.SetMaxIntsetEntries) ConvertToTable();
                return true;
            }
            ConvertToTable();
        }
        return _table!.Put(member);
    }

    public bool Remove(ReadOnlySpan<byte> member)
    {
        if (_table is not null) return _table.Remove(member);
        return NumberFormat.TryParseInt64(member, out long v) && _ints!.Remove(v);
    }

    private void ConvertToTable()
    {
        var ints = _ints!;
        var table = new BlobTable(pairs: false, ints.Count);
        Span<byte> digits = stackalloc byte[20];
        for (int i = 0; i < ints.Count; i++) table.Put(digits[..NumberFormat.FormatInt64(ints[i], digits)]);
        _table = table;
        _ints = null;
    }

    /// <summary>A uniformly random member; the set must not be empty.</summary>
    public byte[] Random(Random rng) => _ints is not null ? NumberFormat.Int64Bytes(_ints[rng.Next(_ints.Count)]) : _table!.ItemAt(_table.RandomSlot(rng)).ToArray();

    public IEnumerable<byte[]> Members()
    {
        for (int i = 0; i < SlotCount; i++)
            if (MemberAt(i) is { } m) yield return m;
    }

    public SetValue Clone()
    {
        return _ints is not null ? new(_ints.Clone(), null) : new(null, _table!.Clone());
    }
}
