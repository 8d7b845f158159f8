namespace RedisNet.Types.List;

/// <summary>
/// A Redis list: a quicklist-like sequence of <see cref="ListChunk"/> nodes, split where Redis 7.0's
/// quicklist splits them under list-max-listpack-size, so a small list is one compact node and index
/// operations on a large one skip whole nodes. The fill (list-max-listpack-size) is read when the
/// list is created, as Redis's quicklist keeps the value it was created with.
/// </summary>
public sealed partial class ListValue
{
    private readonly List<ListChunk> _chunks = new();
    private long _count;
    // list-max-listpack-size when the list was created (quicklistCreate reads it once, clamped to -5..32767).
    private readonly int _fill;

    // list-compress-depth at creation (DEBUG OBJECT shows it; nodes are not compressed).
    private readonly int _compress;

    public ListValue(int fill, int compressDepth = 0)
    {
        _fill = Math.Clamp(fill, -5, 32767);
        _compress = Math.Clamp(compressDepth, 0, 65535);
    }

    internal int Fill => _fill;
    internal int CompressDepth => _compress;

    public long Count => _count;
    internal int ChunkCount => _chunks.Count;
    internal ListChunk ChunkAt(int i) => _chunks[i];

    public void PushHead(ReadOnlySpan<byte> value)
    {
        if (_chunks.Count == 0 || !ListpackSize.AllowInsert(_chunks[0].LpBytes, _chunks[0].Count, _fill, value.Length))
        {
            if (_chunks.Count > 0) _chunks[0].Trim();
            _chunks.Insert(0, new ListChunk(Math.Max(16, value.Length)));
        }
        _chunks[0].Insert(0, value);
        _count++;
    }

    public void PushTail(ReadOnlySpan<byte> value)
    {
        int last = _chunks.Count - 1;
        if (last < 0 || !ListpackSize.AllowInsert(_chunks[last].LpBytes, _chunks[last].Count, _fill, value.Length))
        {
            if (last >= 0) _chunks[last].Trim();
            _chunks.Add(new ListChunk(Math.Max(16, value.Length)));
            last++;
        }
        var c = _chunks[last];
        c.Insert(c.Count, value);
        _count++;
    }

    public void Push(ReadOnlySpan<byte> value, bool head)
    {
        if (head) PushHead(value);
        else PushTail(value);
    }

    /// <summary>Removes and returns the first (or last) element; the list must not be empty.</summary>
    public byte[] Pop(bool head)
    {
        int ci = head ? 0 : _chunks.Count - 1;
        var c = _chunks[ci];
        int i = head ? 0 : c.Count - 1;
        var v = c.GetArray(i);
        RemoveInChunk(ci, i, 1);
        return v;
    }

    /// <summary>The element at a zero-based index (0 &lt;= index &lt; Count).</summary>
    public ReadOnlySpan<byte> Get(long index)
    {
        Locate(index, out int ci, out int i);
        return _chunks[ci].Get(i);
    }

    /// <summary>Finds the node and offset of an index, walking nodes (not elements) from the nearer end.</summary>
    private void Locate(long index, out int chunk, out int offset)
    {
        if (index <= _count / 2)
        {
            int ci = 0;
            while (index >= _chunks[ci].Count) { index -= _chunks[ci].Count; ci++; }
            chunk = ci;
            offset = (int)index;
        }
        else
        {
            long fromEnd = _count - 1 - index;
            int ci = _chunks.Count - 1;
            while (fromEnd >= _chunks[ci].Count) { fromEnd -= _chunks[ci].Count; ci--; }
            chunk = ci;
            offset = _chunks[ci].Count - 1 - (int)fromEnd;
        }
    }

    public void Set(long index, ReadOnlySpan<byte> value)
    {
        Locate(index, out int ci, out int i);
        _chunks[ci].Replace(i, value);
    }

    /// <summary>
    /// LINSERT: inserts before or after the element at <paramref name="pivot"/>, placing it as
    /// quicklist's _quicklistInsert does (into the node, a neighbour with room, a new node, or by
    /// splitting a full node and merging around it), so node sizes keep matching Redis's.
    /// </summary>
    public void Insert(long pivot, bool after, ReadOnlySpan<byte> value)
    {
        Locate(pivot, out int ci, out int i);
        var c = _chunks[ci];
        _count++;
        if (Allows(c, value)) { c.Insert(after ? i + 1 : i, value); return; }
        bool atTail = i == c.Count - 1, atHead = i == 0;
        bool hasNext = ci + 1 < _chunks.Count, hasPrev = ci > 0;
        if (atTail && after && hasNext && Allows(_chunks[ci + 1], value)) { _chunks[ci + 1].Insert(0, value); return; }
        if (atHead && !after && hasPrev && Allows(_chunks[ci - 1], value))
        {
            var prev = _chunks[ci - 1];
            prev.Insert(prev.Count, value);
            return;
        }
        if ((atTail && after && hasNext) || (atHead && !after && hasPrev))
        {
            var fresh = new ListChunk(Math.Max(16, value.Length));
            fresh.Insert(0, value);
            _chunks.Insert(after ? ci + 1 : ci, fresh);
            return;
        }
        // Split the full node: the new element goes with the half on its side; then merge around the original half.
        if (after)
        {
            var tail = c.SplitAt(i + 1);
            tail.Insert(0, value);
            _chunks.Insert(ci + 1, tail);
            MergeAround(ci);
        }
        else
        {
            var rest = c.SplitAt(i);
            c.Insert(c.Count, value);
            _chunks.Insert(ci + 1, rest);
            MergeAround(ci + 1);
        }
    }

    private bool Allows(ListChunk c, ReadOnlySpan<byte> value) => ListpackSize.AllowInsert(c.LpBytes, c.Count, _fill, value.Length);

    /// <summary>quicklist's _quicklistMergeNodes: prev-prev+prev, next+next-next, prev+center, then the result+next.</summary>
    private void MergeAround(int center)
    {
        if (center >= 2 && TryMerge(center - 2)) center--;
        if (center + 2 < _chunks.Count) TryMerge(center + 1);
        if (center >= 1 && TryMerge(center - 1)) center--;
        if (center + 1 < _chunks.Count) TryMerge(center);
    }

    /// <summary>Merges node i+1 into node i when the merged listpack stays within the limits.</summary>
    private bool TryMerge(int i)
    {
        ListChunk a = _chunks[i], b = _chunks[i + 1];
        if (!ListpackSize.AllowMerge(a.LpBytes, b.LpBytes, a.Count + b.Count, _fill)) return false;
        a.Append(b);
        _chunks.RemoveAt(i + 1);
        return true;
    }

    /// <summary>Removes <paramref name="n"/> elements starting at <paramref name="index"/>.</summary>
    public void RemoveRange(long index, long n)
    {
        if (n <= 0) return;
        Locate(index, out int ci, out int i);
        while (n > 0)
        {
            var c = _chunks[ci];
            int take = (int)Math.Min(n, c.Count - i);
            n -= take;
            if (RemoveInChunk(ci, i, take)) { i = 0; continue; } // node dropped: the next one moved to ci
            ci++;
            i = 0;
        }
    }

    /// <summary>Removes elements of one node; returns true when the node became empty and was dropped.</summary>
    private bool RemoveInChunk(int ci, int i, int n)
    {
        var c = _chunks[ci];
        _count -= n;
        if (n == c.Count) { _chunks.RemoveAt(ci); return true; }
        c.RemoveRange(i, n);
        return false;
    }

    /// <summary>Appends a whole node as loaded from RDB (quicklistAppendListpack: node boundaries kept as stored).</summary>
    internal void AppendChunk(ListChunk chunk)
    {
        chunk.Trim();
        _chunks.Add(chunk);
        _count += chunk.Count;
    }

    public ListValue Clone()
    {
        var copy = new ListValue(_fill, _compress);
        foreach (var c in _chunks)
        {
            copy._chunks.Add(c.Clone());
        }
        copy._count = _count;
        return copy;
    }
}
