namespace RedisNet.Types.Stream;

/// <summary>The field/value pairs of a new entry, read without copying (XADD's arguments).</summary>
public interface IFieldSource
{
    int PairCount { get; }
    ReadOnlySpan<byte> Field(int i);
    ReadOnlySpan<byte> Value(int i);
}

/// <summary>
/// One node of a stream: a run of entries packed in one byte array, as Redis packs them in one
/// listpack. Like Redis, the first entry's ID is the node's master ID and its fields the master
/// fields; later entries store their ID as a delta and omit field names equal to the master's.
/// Deleted entries stay, flagged, until the node has no live entry (then the stream drops it).
/// Layout per entry: flags byte, ms delta, seq delta (varints), [field count, fields] when not
/// the master's, then each value (varint length + bytes; fields likewise).
/// </summary>
public sealed class StreamNode
{
    public const byte FlagDeleted = 1, FlagSameFields = 2;

    public readonly StreamId Master;
    public readonly byte[][] MasterFields;
    private byte[] _data;
    private int _used;
    private int[] _offsets;
    /// <summary>Entries stored, live and deleted.</summary>
    public int Count { get; private set; }
    public int Live { get; private set; }
    public int Deleted => Count - Live;
    // Listpack bytes of the entries and of the master fields, for Redis's node-size decisions.
    private long _entryBytes;
    private readonly long _masterFieldBytes;
    /// <summary>Set when the node stopped being the tail: Redis shrinks its listpack to fit then.</summary>
    public bool Shrunk;
    /// <summary>The listpack allocation Redis made for a new node (min of 4096 and stream-node-max-bytes).</summary>
    public readonly long Prealloc;

    public StreamNode(StreamId master, IFieldSource src, long prealloc)
    {
        Master = master;
        Prealloc = prealloc;
        MasterFields = new byte[src.PairCount][];
        long mb = ListpackSize.Int(src.PairCount) + ListpackSize.Int(0);
        for (int i = 0; i < MasterFields.Length; i++)
        {
            MasterFields[i] = src.Field(i).ToArray();
            mb += ListpackSize.Str(MasterFields[i]);
        }
        _masterFieldBytes = mb;
        _data = new byte[64];
        _offsets = new int[4];
    }

    private StreamNode(StreamNode o)
    {
        Master = o.Master;
        MasterFields = o.MasterFields;
        Prealloc = o.Prealloc;
        _data = (byte[])o._data.Clone();
        _used = o._used;
        _offsets = (int[])o._offsets.Clone();
        Count = o.Count;
        Live = o.Live;
        _entryBytes = o._entryBytes;
        _masterFieldBytes = o._masterFieldBytes;
        Shrunk = o.Shrunk;
    }

    /// <summary>A deep copy (COPY); master fields are immutable and shared.</summary>
    public StreamNode Clone() => new(this);

    /// <summary>lpBytes of the equivalent listpack.</summary>
    public long ListpackBytes => ListpackSize.Header + ListpackSize.Terminator
        + ListpackSize.Int(Live) + ListpackSize.Int(Deleted) + _masterFieldBytes + _entryBytes;

    /// <summary>Appends an entry (its ID is above every ID in the node).</summary>
    public void Append<T>(StreamId id, in T src) where T : IFieldSource
    {
        int n = src.PairCount;
        bool same = n == MasterFields.Length;
        for (int i = 0; same && i < n; i++) same = src.Field(i).SequenceEqual(MasterFields[i]);
        long msDelta = (long)(id.Ms - Master.Ms), seqDelta = (long)(id.Seq - Master.Seq);

        int size = 1 + 10 + 10 + (same ? 0 : 5);
        for (int i = 0; i < n; i++) size += 10 + src.Value(i).Length + (same ? 0 : 5 + src.Field(i).Length);
        EnsureData(size);
        if (Count == _offsets.Length) Array.Resize(ref _offsets, _offsets.Length * 2);
        _offsets[Count++] = _used;
        Live++;

        var d = _data;
        d[_used++] = same ? FlagSameFields : (byte)0;
        WriteVar(d, ref _used, (ulong)msDelta);
        WriteVar(d, ref _used, (ulong)seqDelta);
        long lp = ListpackSize.Int(same ? FlagSameFields : 0) + ListpackSize.Int(msDelta) + ListpackSize.Int(seqDelta);
        if (!same) { WriteVar(d, ref _used, (ulong)n); lp += ListpackSize.Int(n); }
        for (int i = 0; i < n; i++)
        {
            if (!same) { WriteBytes(d, ref _used, src.Field(i)); lp += ListpackSize.Str(src.Field(i)); }
            WriteBytes(d, ref _used, src.Value(i));
            lp += ListpackSize.Str(src.Value(i));
        }
        lp += ListpackSize.Int(same ? n + 3 : 2 * n + 4); // the entry's lp-count
        _entryBytes += lp;
    }

    public StreamId IdAt(int i)
    {
        int p = _offsets[i] + 1;
        ulong ms = ReadVar(_data, ref p), seq = ReadVar(_data, ref p);
        return new StreamId(Master.Ms + ms, Master.Seq + seq);
    }

    public bool IsDeleted(int i) => (_data[_offsets[i]] & FlagDeleted) != 0;

    /// <summary>Entry i's flags (FlagDeleted, FlagSameFields), as in the listpack.</summary>
    public byte FlagsAt(int i) => _data[_offsets[i]];

    /// <summary>Whether entry i's fields are the master entry's (stored without field names).</summary>
    public bool HasMasterFields(int i) => (_data[_offsets[i]] & FlagSameFields) != 0;

    /// <summary>Flags entry i deleted (it must be live).</summary>
    public void MarkDeleted(int i)
    {
        _data[_offsets[i]] |= FlagDeleted;
        Live--;
    }

    /// <summary>Index of the first entry with ID &gt;= id (Count when none).</summary>
    public int LowerBound(StreamId id)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (IdAt(mid) < id) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>The field/value pairs of entry i.</summary>
    public FieldCursor Fields(int i)
    {
        int p = _offsets[i];
        bool same = (_data[p++] & FlagSameFields) != 0;
        ReadVar(_data, ref p);
        ReadVar(_data, ref p);
        int n = same ? MasterFields.Length : (int)ReadVar(_data, ref p);
        return new FieldCursor(this, p, n, same);
    }

    /// <summary>Walks one entry's pairs: Next() then Field/Value.</summary>
    public struct FieldCursor
    {
        private readonly StreamNode _node;
        private int _pos, _index, _fieldAt, _fieldLen, _valueAt, _valueLen;
        private readonly bool _same;
        public readonly int Count;

        internal FieldCursor(StreamNode node, int pos, int count, bool same)
        {
            _node = node; _pos = pos; Count = count; _same = same; _index = -1;
            _fieldAt = _fieldLen = _valueAt = _valueLen = 0;
        }

        public bool Next()
        {
            if (++_index >= Count) return false;
            var d = _node._data;
            if (!_same) { _fieldLen = (int)ReadVar(d, ref _pos); _fieldAt = _pos; _pos += _fieldLen; }
            _valueLen = (int)ReadVar(d, ref _pos); _valueAt = _pos; _pos += _valueLen;
            return true;
        }

        public readonly ReadOnlySpan<byte> Field => _same ? _node.MasterFields[_index] : _node._data.AsSpan(_fieldAt, _fieldLen);
        public readonly ReadOnlySpan<byte> Value => _node._data.AsSpan(_valueAt, _valueLen);
    }

    /// <summary>Bytes this node holds in managed memory (for our own accounting, not MEMORY USAGE).</summary>
    public long ManagedBytes => _data.Length + _offsets.Length * 4L;

    /// <summary>Drops spare capacity once the node is no longer the tail.</summary>
    public void Trim()
    {
        if (_data.Length > _used) Array.Resize(ref _data, _used);
        if (_offsets.Length > Count) Array.Resize(ref _offsets, Count);
    }

    private void EnsureData(int more)
    {
        if (_data.Length - _used >= more) return;
        Array.Resize(ref _data, Math.Max(_data.Length * 2, _used + more));
    }

    private static void WriteVar(byte[] d, ref int p, ulong v)
    {
        while (v >= 0x80) { d[p++] = (byte)(v | 0x80); v >>= 7; }
        d[p++] = (byte)v;
    }

    private static ulong ReadVar(byte[] d, ref int p)
    {
        ulong v = 0;
        int shift = 0;
        while (true)
        {
            byte b = d[p++];
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return v;
            shift += 7;
        }
    }

    private static void WriteBytes(byte[] d, ref int p, ReadOnlySpan<byte> s)
    {
        WriteVar(d, ref p, (ulong)s.Length);
        s.CopyTo(d.AsSpan(p));
        p += s.Length;
    }
}
