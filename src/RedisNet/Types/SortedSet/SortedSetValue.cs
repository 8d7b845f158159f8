namespace RedisNet.Types.SortedSet;

/// <summary>
/// A sorted set. Its elements always live in an <see cref="OrderTree"/>; while the set is within
/// zset-max-listpack-entries/value it has no member table and finds members by scanning, like
/// Redis's listpack encoding (and reports "listpack"). Past the limits it builds the member table
/// once ("skiplist" encoding) and never goes back, as Redis does.
/// </summary>
public sealed class SortedSetValue
{
    public readonly OrderTree Tree = new();
    private MemberTable? _dict;

    public int Count => Tree.Count;
    public bool IsListpack => _dict is null;
    public string Encoding => _dict is null ? "listpack" : "skiplist";

    /// <summary>The entry of a member, or null.</summary>
    public byte[]? Find(ReadOnlySpan<byte> member)
    {
        if (_dict != null) return _dict.Find(member);
        for (var c = Tree.CursorAt(0); c.Valid; c.MoveNext())
            if (ZEntry.Member(c.Current).SequenceEqual(member)) return c.Current;
        return null;
    }

    public bool TryGetScore(ReadOnlySpan<byte> member, out double score)
    {
        var e = Find(member);
        score = e is null ? 0 : ZEntry.Score(e);
        return e != null;
    }

    /// <summary>0-based rank in ascending order, or -1 when the member is absent.</summary>
    public int Rank(ReadOnlySpan<byte> member)
    {
        var e = Find(member);
        return e is null ? -1 : Tree.RankOf(e);
    }

    /// <summary>Adds a member known to be absent.</summary>
    public byte[] Insert(double score, ReadOnlySpan<byte> member)
    {
        if (_dict is null && score == 0) score = 0; // a listpack stores scores as text, and -0 as "0"
        var e = ZEntry.Create(score, member);
        Tree.Insert(e);
        _dict?.Set(e);
        return e;
    }

    /// <summary>
    /// Gives an existing entry a new score. The entry is rewritten in place between its removal from
    /// the tree and its insertion at the new position (the tree keeps its own copy of every score it
    /// orders by), so an update allocates nothing and the member table keeps pointing at it.
    /// </summary>
    public void Update(byte[] e, double score)
    {
        if (_dict is null && score == 0) score = 0;
        if (ZEntry.Score(e) == score && double.IsNegative(ZEntry.Score(e)) == double.IsNegative(score)) return;
        Tree.Remove(e);
        ZEntry.SetScore(e, score);
        Tree.Insert(e);
    }

    public bool Remove(ReadOnlySpan<byte> member)
    {
        var e = Find(member);
        if (e is null) return false;
        RemoveEntry(e);
        return true;
    }

    public void RemoveEntry(byte[] e)
    {
        Tree.Remove(e);
        _dict?.Remove(ZEntry.Member(e));
    }

    /// <summary>Converts to the "skiplist" encoding when the count or a member's length passes the limits.</summary>
    public void ConvertIfNeeded(long maxEntries, long maxValue, int memberLength)
    {
        if (_dict is null && (Count > maxEntries || memberLength > maxValue)) ConvertToSkiplist();
    }

    public void ConvertToSkiplist()
    {
        if (_dict != null) return;
        var d = new MemberTable(Count);
        for (var c = Tree.CursorAt(0); c.Valid; c.MoveNext()) d.Set(c.Current);
        _dict = d;
    }

    /// <summary>
    /// Encoding of a set built by a store command (ZUNIONSTORE, ZRANGESTORE...): Redis makes it a
    /// listpack when it fits the limits, whatever the sources were.
    /// </summary>
    public void ChooseStoredEncoding(long maxEntries, long maxValue)
    {
        if (Count > maxEntries) { ConvertToSkiplist(); return; }
        List<byte[]>? negativeZeros = null;
        for (var c = Tree.CursorAt(0); c.Valid; c.MoveNext())
        {
            if (c.Current.Length - 8 > maxValue) { ConvertToSkiplist(); return; }
            if (ZEntry.Score(c.Current) == 0 && double.IsNegative(ZEntry.Score(c.Current))) (negativeZeros ??= new()).Add(c.Current);
        }
        // Redis converts the result to a listpack, whose text scores lose the sign of -0.
        foreach (var e in negativeZeros ?? []) Update(e, 0);
    }

    /// <summary>All entries in ascending order.</summary>
    public IEnumerable<byte[]> Entries()
    {
        for (var c = Tree.CursorAt(0); c.Valid; c.MoveNext()) yield return c.Current;
    }

    internal MemberTable? Dict => _dict;

    public SortedSetValue Clone()
    {
        var copy = new SortedSetValue();
        // Entries change in place on updates, so the copy gets its own.
        foreach (var e in Entries()) copy.Tree.Insert(ZEntry.Create(ZEntry.Score(e), ZEntry.Member(e)));
        if (_dict != null) copy.ConvertToSkiplist();
        return copy;
    }
}
