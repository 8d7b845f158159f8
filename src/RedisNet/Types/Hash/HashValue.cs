using RedisNet.Config;

namespace RedisNet.Types.Hash;

/// <summary>
/// A Redis hash. Small hashes are "listpack": field/value pairs (<see cref="HashPair"/>) in one array,
/// in insertion order as Redis's listpack keeps them. Past hash-max-listpack-entries fields, or a
/// field or value longer than hash-max-listpack-value, it becomes "hashtable" (a <see cref="BlobTable"/>)
/// and never goes back, as in Redis. Spans handed out are valid until the hash next changes.
/// </summary>
public sealed class HashValue : IElementCollection
{
    private byte[][] _lp = new byte[4][];
    private int _lpCount;
    private BlobTable? _table;

    public bool IsListpack => _table is null;
    public int Count => _table?.Count ?? _lpCount;
    /// <summary>Slots to iterate with <see cref="TryGetAt"/>; listpack slots are in Redis's order.</summary>
    public int SlotCount => _table?.SlotCount ?? _lpCount;
    internal BlobTable? Table => _table;

    /// <summary>The pair at a slot; false for a free hashtable slot.</summary>
    public bool TryGetAt(int slot, out ReadOnlySpan<byte> pair)
    {
        if (_table is null) { pair = _lp[slot]; return true; }
        if (!_table.IsOccupied(slot)) { pair = default; return false; }
        pair = _table.ItemAt(slot);
        return true;
    }

    public bool TryFind(ReadOnlySpan<byte> field, out ReadOnlySpan<byte> pair)
    {
        int i = _table is null ? ListpackIndex(field) : _table.IndexOf(field);
        if (i < 0) { pair = default; return false; }
        return TryGetAt(i, out pair);
    }

    public bool Contains(ReadOnlySpan<byte> field) => TryFind(field, out _);

    private int ListpackIndex(ReadOnlySpan<byte> field)
    {
        for (int i = 0; i < _lpCount; i++)
            if (HashPair.Field(_lp[i]).SequenceEqual(field)) return i;
        return -1;
    }

    /// <summary>
    /// Redis's hashTypeTryConversion: HSET checks every field and value it is given before adding any,
    /// and converts when one is longer than hash-max-listpack-value.
    /// </summary>
    public void ConvertIfLonger(ReadOnlySpan<byte> arg, ServerConfig config)
    {
        if (_table is null && arg.Length > config.HashMaxListpackValue) ConvertToTable();
    }

    /// <summary>Sets a field; returns true when the field is new.</summary>
    public bool Set(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value, ServerConfig config)
    {
        ConvertIfLonger(field, config);
        ConvertIfLonger(value, config);
        if (_table is not null) return PutInTable(field, value);
        var pair = HashPair.Create(field, value);
        int i = ListpackIndex(field);
        if (i >= 0)
        {
            _lp[i] = pair;
            return false;
        }
        if (_lpCount == _lp.Length) Array.Resize(ref _lp, _lp.Length * 2);
        _lp[_lpCount++] = pair;
        if (_lpCount > config.HashMaxListpackEntries) ConvertToTable();
        return true;
    }

    /// <summary>Hashtable HSET: the pair is built on the stack (or a rented buffer) and copied into the table's buffer.</summary>
    private bool PutInTable(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        int size = HashPair.Size(field, value);
        byte[]? rented = null;
        Span<byte> buf = size <= 512 ? stackalloc byte[512] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(size));
        buf = buf[..size];
        HashPair.Write(field, value, buf);
        bool added = _table!.Put(buf);
        if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        return added;
    }

    public bool Remove(ReadOnlySpan<byte> field)
    {
        if (_table is not null) return _table.Remove(field);
        int i = ListpackIndex(field);
        if (i < 0) return false;
        Array.Copy(_lp, i + 1, _lp, i, _lpCount - i - 1);
        _lp[--_lpCount] = null!;
        return true;
    }

    /// <summary>
    /// RDB loading: appends a pair to the listpack form without the size checks or the duplicate
    /// search (a listpack loaded from RDB is kept as stored; the loader decides about conversion).
    /// </summary>
    internal void AppendLoaded(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        if (_lpCount == _lp.Length) Array.Resize(ref _lp, _lp.Length * 2);
        _lp[_lpCount++] = HashPair.Create(field, value);
    }

    internal void ConvertToTable()
    {
        if (_table is not null) return;
        var table = new BlobTable(pairs: true, _lpCount);
        for (int i = 0; i < _lpCount; i++) table.Put(_lp[i]);
        _table = table;
        _lp = Array.Empty<byte[]>();
        _lpCount = 0;
    }

    /// <summary>
    /// RDB loading: adds a pair as Redis appends to a loaded listpack, without the size checks (a
    /// loaded ziplist/listpack keeps its encoding whatever its value lengths); false when the field exists.
    /// </summary>
    public bool AddLoaded(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        if (_table is not null) return PutInTable(field, value);
        if (ListpackIndex(field) >= 0) return false;
        if (_lpCount == _lp.Length) Array.Resize(ref _lp, _lp.Length * 2);
        _lp[_lpCount++] = HashPair.Create(field, value);
        return true;
    }

    /// <summary>RDB loading: hashTypeConvert to "hashtable" (for a new hash, before any pair when the count is known to be over the limit).</summary>
    public void ConvertToHashtable()
    {
        if (_table is null) ConvertToTable();
    }

    /// <summary>A uniformly random occupied slot; the hash must not be empty.</summary>
    public int RandomSlot(Random rng) => _table is not null ? _table.RandomSlot(rng) : rng.Next(_lpCount);

    public HashValue Clone()
    {
        var copy = new HashValue();
        if (_table is not null) copy._table = _table.Clone();
        else
        {
            copy._lp = (byte[][])_lp.Clone(); // listpack pairs are never changed in place: shared
            copy._lpCount = _lpCount;
        }
        return copy;
    }
}
