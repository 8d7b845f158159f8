namespace RedisNet.Types.Stream;

/// <summary>
/// A stream (Redis's t_stream.c): entries ordered by ID in nodes of packed entries (the node
/// boundaries follow Redis's stream-node-max-bytes/-entries rules), the ID and counter metadata,
/// and the consumer groups by name.
/// </summary>
public sealed class StreamValue
{
    /// <summary>Redis's STREAM_LISTPACK_MAX_PRE_ALLOCATE and STREAM_LISTPACK_MAX_SIZE.</summary>
    public const long MaxPrealloc = 4096, MaxNodeBytes = 1L << 30;

    public readonly List<StreamNode> Nodes = new();
    public long Length;
    public StreamId LastId;
    public StreamId MaxDeletedId;
    /// <summary>The first live entry's ID when the stream last changed at its head (XINFO recorded-first-entry-id).</summary>
    public StreamId FirstId;
    public long EntriesAdded;
    /// <summary>Groups in name order; null until the first group (as Redis allocates them on demand).</summary>
    public List<ConsumerGroup>? Groups;

    /// <summary>
    /// Appends an entry whose ID is above <see cref="LastId"/>, starting a new node when the tail is
    /// full by Redis's rules (bytes plus the new fields' length reach max-bytes, or max-entries entries).
    /// </summary>
    public void Append<T>(StreamId id, in T src, long maxBytes, long maxEntries) where T : IFieldSource
    {
        long nodeMax = maxBytes == 0 || maxBytes > MaxNodeBytes ? MaxNodeBytes : maxBytes;
        var tail = Nodes.Count > 0 ? Nodes[^1] : null;
        if (tail != null)
        {
            long fieldBytes = 0;
            for (int i = 0; i < src.PairCount; i++) fieldBytes += src.Field(i).Length + src.Value(i).Length;
            if (tail.ListpackBytes + fieldBytes >= nodeMax || (maxEntries != 0 && tail.Count >= maxEntries))
            {
                tail.Shrunk = true;
                tail.Trim();
                tail = null;
            }
        }
        if (tail is null)
        {
            tail = new StreamNode(id, src, Math.Min(MaxPrealloc, nodeMax));
            Nodes.Add(tail);
        }
        tail.Append(id, src);
        Length++;
        EntriesAdded++;
        LastId = id;
        if (Length == 1) FirstId = id;
    }

    /// <summary>Index of the node that would hold <paramref name="id"/>: the last whose master ID is &lt;= id, or -1.</summary>
    public int NodeFor(StreamId id)
    {
        int lo = 0, hi = Nodes.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Nodes[mid].Master <= id) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        return found;
    }

    /// <summary>Deletes a live entry (XDEL): flags it, and drops its node when nothing in it is live.</summary>
    public bool Delete(StreamId id)
    {
        int ni = NodeFor(id);
        if (ni < 0) return false;
        var node = Nodes[ni];
        int i = node.LowerBound(id);
        if (i == node.Count || node.IdAt(i) != id || node.IsDeleted(i)) return false;
        if (node.Live == 1) Nodes.RemoveAt(ni);
        else node.MarkDeleted(i);
        Length--;
        return true;
    }

    /// <summary>
    /// Redis's streamTrim: drops whole nodes from the head while allowed, then (unless approximate)
    /// flags entries of the first remaining node. <paramref name="limit"/> 0 means no limit.
    /// </summary>
    public long Trim(bool byMaxLen, long maxLen, StreamId minId, bool approx, long limit)
    {
        long deleted = 0;
        int removed = 0;
        for (int ni = 0; ni < Nodes.Count; ni++)
        {
            if (byMaxLen && Length <= maxLen) break;
            var node = Nodes[ni];
            long entries = node.Live;
            if (limit != 0 && deleted + entries > limit) break;
            bool whole = byMaxLen ? Length - entries >= maxLen : node.IdAt(node.Count - 1) < minId;
            if (whole)
            {
                removed++;
                Length -= entries;
                deleted += entries;
                continue;
            }
            if (approx) break;
            for (int i = 0; i < node.Count; i++)
            {
                if (byMaxLen ? Length <= maxLen : node.IdAt(i) >= minId) break;
                if (node.IsDeleted(i)) continue;
                node.MarkDeleted(i);
                Length--;
                deleted++;
            }
            break;
        }
        Nodes.RemoveRange(0, removed);
        FirstId = Length == 0 ? StreamId.Zero : EdgeId(first: true, skipTombstones: true);
        return deleted;
    }

    /// <summary>
    /// Redis's streamGetEdgeID: the first or last entry's ID (deleted ones too unless skipped);
    /// with none, Max for the first and 0-0 for the last.
    /// </summary>
    public StreamId EdgeId(bool first, bool skipTombstones)
    {
        var c = new StreamCursor(this, StreamId.Zero, StreamId.Max, reverse: !first, skipTombstones);
        return c.Next(out var id, out _, out _) ? id : first ? StreamId.Max : StreamId.Zero;
    }

    /// <summary>Redis's streamRangeHasTombstones: may an entry deleted by XDEL lie in [start, end]?</summary>
    public bool RangeHasTombstones(StreamId start, StreamId end)
    {
        if (Length == 0 || MaxDeletedId.IsZero) return false;
        if (FirstId > MaxDeletedId) return false;
        return start <= MaxDeletedId && MaxDeletedId <= end;
    }

    /// <summary>Redis's streamEstimateDistanceFromFirstEverEntry: the entries-read counter of an ID, or -1.</summary>
    public long EstimateDistanceFromFirstEverEntry(StreamId id)
    {
        if (EntriesAdded == 0) return 0;
        if (Length == 0 && id <= LastId) return EntriesAdded;
        int cmpLast = id.CompareTo(LastId);
        if (cmpLast == 0) return EntriesAdded;
        if (cmpLast > 0) return ConsumerGroup.InvalidEntriesRead;
        int cmpFirst = id.CompareTo(FirstId);
        if (MaxDeletedId.IsZero || MaxDeletedId < FirstId)
        {
            if (cmpFirst < 0) return EntriesAdded - Length;
            if (cmpFirst == 0) return EntriesAdded - Length + 1;
        }
        return ConsumerGroup.InvalidEntriesRead;
    }

    /// <summary>XINFO's lag of a group, or null when it cannot be known (streamReplyWithCGLag).</summary>
    public long? Lag(ConsumerGroup g)
    {
        if (EntriesAdded == 0) return 0;
        if (g.EntriesRead != ConsumerGroup.InvalidEntriesRead && !RangeHasTombstones(g.LastId, StreamId.Max))
            return EntriesAdded - g.EntriesRead;
        long read = EstimateDistanceFromFirstEverEntry(g.LastId);
        return read != ConsumerGroup.InvalidEntriesRead ? EntriesAdded - read : null;
    }

    public ConsumerGroup? FindGroup(ReadOnlySpan<byte> name)
    {
        int i = GroupIndex(name);
        return i >= 0 ? Groups![i] : null;
    }

    /// <summary>Creates a group; null when one of that name exists.</summary>
    public ConsumerGroup? AddGroup(ReadOnlySpan<byte> name, StreamId lastId, long entriesRead)
    {
        Groups ??= new();
        int i = GroupIndex(name);
        if (i >= 0) return null;
        var g = new ConsumerGroup(name.ToArray(), lastId, entriesRead);
        Groups.Insert(~i, g);
        return g;
    }

    public bool RemoveGroup(ReadOnlySpan<byte> name)
    {
        int i = GroupIndex(name);
        if (i < 0) return false;
        Groups!.RemoveAt(i);
        return true;
    }

    public int GroupCount => Groups?.Count ?? 0;

    private int GroupIndex(ReadOnlySpan<byte> name) => Groups is null ? -1 : ByName.IndexOf(Groups, name);
}

/// <summary>Walks the entries with IDs in [start, end], forward or backward, as Redis's streamIterator.</summary>
public struct StreamCursor
{
    private readonly StreamValue _s;
    private readonly StreamId _start, _end;
    private readonly bool _reverse, _skipTombstones;
    private int _node, _entry;

    public StreamCursor(StreamValue s, StreamId start, StreamId end, bool reverse, bool skipTombstones = true)
    {
        _s = s; _start = start; _end = end; _reverse = reverse; _skipTombstones = skipTombstones;
        if (!reverse)
        {
            _node = Math.Max(0, s.NodeFor(start));
            _entry = _node < s.Nodes.Count ? s.Nodes[_node].LowerBound(start) : 0;
        }
        else
        {
            _node = s.NodeFor(end);
            if (_node >= 0)
            {
                var n = s.Nodes[_node];
                _entry = end == StreamId.Max ? n.Count - 1
                    : end.TryIncrement(out var after) ? n.LowerBound(after) - 1 : n.Count - 1;
            }
        }
    }

    public bool Next(out StreamId id, out StreamNode node, out int index)
    {
        var nodes = _s.Nodes;
        while (_node >= 0 && _node < nodes.Count)
        {
            var n = nodes[_node];
            if (_reverse ? _entry < 0 : _entry >= n.Count)
            {
                if (_reverse) { _node--; _entry = _node >= 0 ? nodes[_node].Count - 1 : 0; }
                else { _node++; _entry = 0; }
                continue;
            }
            int i = _entry;
            _entry += _reverse ? -1 : 1;
            var cur = n.IdAt(i);
            if (_reverse ? cur < _start : cur > _end) break;
            if (_skipTombstones && n.IsDeleted(i)) continue;
            id = cur; node = n; index = i;
            return true;
        }
        _node = -1;
        id = default; node = null!; index = 0;
        return false;
    }
}
