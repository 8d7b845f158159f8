namespace RedisNet.Types.List;

/// <summary>
/// One node of a list: its elements packed back to back in one byte array, with the end offset of
/// each (a listpack-like layout: two arrays per node, not an object per element). Also tracks the
/// byte size Redis's listpack would have for the same elements, which decides node boundaries the
/// way quicklist does and serves MEMORY USAGE.
/// </summary>
internal sealed class ListChunk
{
    public byte[] Data;
    public int[] Ends;
    public int Count;
    /// <summary>Size of the equivalent Redis listpack: 6-byte header, entries, end byte.</summary>
    public int LpBytes = ListpackSize.Empty;

    public ListChunk(int dataCapacity = 16, int countCapacity = 4)
    {
        Data = new byte[dataCapacity];
        Ends = new int[countCapacity];
    }

    public int Used => Count == 0 ? 0 : Ends[Count - 1];
    private int StartOf(int i) => i == 0 ? 0 : Ends[i - 1];

    public ReadOnlySpan<byte> Get(int i) => new(Data, StartOf(i), Ends[i] - StartOf(i));

    public byte[] GetArray(int i) => Get(i).ToArray();

    public void Insert(int i, ReadOnlySpan<byte> value)
    {
        int used = Used, at = StartOf(i), len = value.Length;
        if (Count == Ends.Length) Array.Resize(ref Ends, Math.Max(4, Count * 2));
        if (used + len > Data.Length) Array.Resize(ref Data, Math.Max(used + len, Math.Max(16, Data.Length * 2)));
        if (at < used) Buffer.BlockCopy(Data, at, Data, at + len, used - at);
        value.CopyTo(Data.AsSpan(at));
        for (int k = Count; k > i; k--) Ends[k] = Ends[k - 1] + len;
        Ends[i] = at + len;
        Count++;
        LpBytes += ListpackSize.Entry(value);
    }

    /// <summary>Removes n elements starting at i.</summary>
    public void RemoveRange(int i, int n)
    {
        if (n <= 0) return;
        int from = StartOf(i), to = Ends[i + n - 1], len = to - from, used = Used;
        for (int k = i; k < i + n; k++) LpBytes -= ListpackSize.Entry(Get(k));
        Buffer.BlockCopy(Data, to, Data, from, used - to);
        for (int k = i; k + n < Count; k++) Ends[k] = Ends[k + n] - len;
        Count -= n;
        if (Data.Length > 64 && Used < Data.Length / 4) Trim();
    }

    public void Replace(int i, ReadOnlySpan<byte> value)
    {
        RemoveRange(i, 1);
        Insert(i, value);
    }

    /// <summary>Moves the elements from <paramref name="at"/> on into a new chunk (quicklist's node split).</summary>
    public ListChunk SplitAt(int at)
    {
        int from = StartOf(at), bytes = Used - from, n = Count - at;
        var tail = new ListChunk(Math.Max(16, bytes), Math.Max(4, n));
        Buffer.BlockCopy(Data, from, tail.Data, 0, bytes);
        for (int k = 0; k < n; k++) tail.Ends[k] = Ends[at + k] - from;
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
        int used = Used, add = other.Used;
        if (used + add > Data.Length) Array.Resize(ref Data, used + add);
        if (Count + other.Count > Ends.Length) Array.Resize(ref Ends, Count + other.Count);
        Buffer.BlockCopy(other.Data, 0, Data, used, add);
        for (int k = 0; k < other.Count; k++) Ends[Count + k] = other.Ends[k] + used;
        Count += other.Count;
        LpBytes += other.LpBytes - ListpackSize.Empty;
    }

    /// <summary>Drops spare capacity (a node that will not grow soon, or that shrank a lot).</summary>
    public void Trim()
    {
        if (Data.Length != Used) Array.Resize(ref Data, Math.Max(Used, 1));
        if (Ends.Length != Count) Array.Resize(ref Ends, Math.Max(Count, 1));
    }
}
