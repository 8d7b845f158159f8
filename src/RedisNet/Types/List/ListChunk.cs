namespace RedisNet.Types.List;

/// <summary>
/// One node of a list: its elements packed back to back in one byte array, with the end offset of
/// each (a listpack-like layout: two arrays per node, not an object per element). Both arrays keep
/// free room at each end, like a deque, so a push or pop at either end of the node copies only the
/// element itself: LPUSH on a full node does not shift the whole node as an array insert would.
/// Also tracks the byte size Redis's listpack would have for the same elements, which decides node
/// boundaries the way quicklist does and serves MEMORY USAGE.
/// </summary>
internal sealed class ListChunk
{
    private byte[] _data;
    // _ends[_first + i] is the end offset (in _data) of element i; element 0 starts at _start.
    private int[] _ends;
    private int _first, _start;
    public int Count;
    /// <summary>Size of the equivalent Redis listpack: 6-byte header, entries, end byte.</summary>
    public int LpBytes = ListpackSize.Empty;

    public ListChunk(int dataCapacity = 16, int countCapacity = 4)
    {
        _data = new byte[dataCapacity];
        _ends = new int[countCapacity];
    }

    /// <summary>Bytes held by the elements.</summary>
    public int Used => End - _start;
    private int End => Count == 0 ? _start : _ends[_first + Count - 1];
    private int StartOf(int i) => i == 0 ? _start : _ends[_first + i - 1];

    public ReadOnlySpan<byte> Get(int i) => new(_data, StartOf(i), _ends[_first + i] - StartOf(i));

    public byte[] GetArray(int i) => Get(i).ToArray();

    public void Insert(int i, ReadOnlySpan<byte> value)
    {
        int len = value.Length;
        if (i == 0 && _start >= len && _first >= 1)
        {
            // Room in front: the common LPUSH case.
            _start -= len;
            value.CopyTo(_data.AsSpan(_start));
            _ends[--_first] = _start + len;
        }
        else if (i == Count && End + len <= _data.Length && _first + Count < _ends.Length)
        {
            int end = End;
            value.CopyTo(_data.AsSpan(end));
            _ends[_first + Count] = end + len;
        }
        else
        {
            if (_start + Used + len > _data.Length || _first + Count >= _ends.Length) Relayout(len, 1);
            if (i == 0 && _start >= len && _first >= 1) { Insert(0, value); return; }
            // Middle insert (LINSERT, LSET): shift what follows to the right.
            int at = StartOf(i), end = End;
            Buffer.BlockCopy(_data, at, _data, at + len, end - at);
            value.CopyTo(_data.AsSpan(at));
            for (int k = _first + Count; k > _first + i; k--) _ends[k] = _ends[k - 1] + len;
            _ends[_first + i] = at + len;
        }
        Count++;
        LpBytes += ListpackSize.Entry(value);
    }

    /// <summary>
    /// New arrays with room for <paramref name="moreBytes"/> and <paramref name="moreItems"/> more,
    /// the content centered so both ends can grow: amortized O(1) pushes at either end.
    /// </summary>
    private void Relayout(int moreBytes, int moreItems)
    {
        int used = Used;
        int dataCap = Math.Max(16, (used + moreBytes) * 2);
        int endsCap = Math.Max(4, (Count + moreItems) * 2);
        Rebuild(dataCap, endsCap, (dataCap - used) / 2, (endsCap - Count) / 2);
    }

    /// <summary>Copies the content into arrays of the given sizes, starting at the given offsets.</summary>
    private void Rebuild(int dataCap, int endsCap, int newStart, int newFirst)
    {
        int used = Used;
        var data = new byte[dataCap];
        Buffer.BlockCopy(_data, _start, data, newStart, used);
        var ends = new int[endsCap];
        int shift = newStart - _start;
        for (int k = 0; k < Count; k++) ends[newFirst + k] = _ends[_first + k] + shift;
        _data = data;
        _ends = ends;
        _start = newStart;
        _first = newFirst;
    }

    /// <summary>Removes n elements starting at i.</summary>
    public void RemoveRange(int i, int n)
    {
        if (n <= 0) return;
        int from = StartOf(i), to = _ends[_first + i + n - 1], len = to - from;
        for (int k = i; k < i + n; k++) LpBytes -= ListpackSize.Entry(Get(k));
        if (i == 0)
        {
            _start = to;
            _first += n;
        }
        else if (i + n < Count)
        {
            int end = End;
            Buffer.BlockCopy(_data, to, _data, from, end - to);
            for (int k = _first + i; k + n < _first + Count; k++) _ends[k] = _ends[k + n] - len;
        }
        Count -= n;
        if (Count == 0) { _start = _data.Length / 2; _first = _ends.Length / 2; }
        if (_data.Length > 64 && Used < _data.Length / 4) Trim();
    }

    public void Replace(int i, ReadOnlySpan<byte> value)
    {
        RemoveRange(i, 1);
        Insert(i, value);
    }

    /// <summary>Moves the elements from <paramref name="at"/> on into a new chunk (quicklist's node split).</summary>
    public ListChunk SplitAt(int at)
    {
        int from = StartOf(at), bytes = End - from, n = Count - at;
        var tail = new ListChunk(Math.Max(16, bytes), Math.Max(4, n));
        Buffer.BlockCopy(_data, from, tail._data, 0, bytes);
        for (int k = 0; k < n; k++) tail._ends[k] = _ends[_first + at + k] - from;
        tail.Count = n;
        int moved = 0;
        for (int k = 0; k < n; k++) moved += ListpackSize.Entry(tail.Get(k));
        tail.LpBytes += moved;
        LpBytes -= moved;
        Count = at;
        return tail;
    }

    /// <summary>Appends all of another node's elements (a node merge).</summary>
    public void Append(ListChunk other)
    {
        int add = other.Used;
        if (End + add > _data.Length || _first + Count + other.Count > _ends.Length)
            Rebuild(Used + add, Count + other.Count, 0, 0);
        int end = End;
        Buffer.BlockCopy(other._data, other._start, _data, end, add);
        int shift = end - other._start;
        for (int k = 0; k < other.Count; k++) _ends[_first + Count + k] = other._ends[other._first + k] + shift;
        Count += other.Count;
        LpBytes += other.LpBytes - ListpackSize.Empty;
    }

    /// <summary>Drops spare capacity (a node that will not grow soon, or that shrank a lot).</summary>
    public void Trim()
    {
        if (_data.Length != Used || _ends.Length != Count) Rebuild(Math.Max(Used, 1), Math.Max(Count, 1), 0, 0);
    }

    /// <summary>An exact copy without spare room (COPY).</summary>
    public ListChunk Clone()
    {
        var n = new ListChunk(0, 0) { LpBytes = LpBytes };
        n._data = _data;
        n._ends = _ends;
        n._start = _start;
        n._first = _first;
        n.Count = Count;
        n.Rebuild(Math.Max(1, Used), Math.Max(1, Count), 0, 0);
        return n;
    }
}
