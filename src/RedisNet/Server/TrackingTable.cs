using RedisNet.Commands;
using RedisNet.Keyspace;
using RedisNet.Protocol;
using RedisNet.PubSub;

namespace RedisNet.Server;

/// <summary>
/// Client-side caching (Redis's tracking.c): which clients may cache which keys, the BCAST prefix
/// table, and the invalidation messages. Keys are global across databases, as in Redis. The table
/// hears of changes as a keyspace observer, registered when the first client enables tracking, so a
/// server where nobody tracks pays nothing.
/// </summary>
public sealed class TrackingTable : IKeyspaceObserver
{
    private static readonly byte[] InvalidateChannel = "__redis__:invalidate"u8.ToArray();

    private sealed class BcastState
    {
        /// <summary>Keys changed since the last broadcast → the client that changed them (for NOLOOP), in byte order.</summary>
        public readonly SortedDictionary<byte[], Client?> Keys = new(ByteOrder.Instance);
        public readonly List<Client> Clients = new();
    }

    private readonly RedisServer _server;
    private readonly Dictionary<byte[], HashSet<long>> _keys = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], HashSet<long>>.AlternateLookup<ReadOnlySpan<byte>> _keysBySpan;
    private readonly SortedDictionary<byte[], BcastState> _prefixes = new(ByteOrder.Instance);
    /// <summary>Invalidations for the running client, sent after its reply; null stands for a flush.</summary>
    private readonly List<byte[]?> _pendingSelf = new();
    private readonly List<int> _keyIndexes = new();
    private readonly RespWriter _proto = new(256), _adhoc = new(256);
    private bool _registered, _bcastPending;
    private long _items, _flushMark = -1;
    private int _timeoutCounter;

    /// <summary>Clients with tracking on (INFO tracking_clients).</summary>
    public int Clients;
    /// <summary>The client whose command runs (Redis's server.current_client): NOLOOP and self-invalidation after the reply.</summary>
    public Client? Current;

    public TrackingTable(RedisServer server)
    {
        _server = server;
        _keysBySpan = _keys.GetAlternateLookup<ReadOnlySpan<byte>>();
        server.ClientReset += Disable;
        server.ClientRemoved += Disable;
    }

    public long TotalKeys => _keys.Count;
    public long TotalItems => _items;
    public long TotalPrefixes => _prefixes.Count;
    /// <summary>Set by the executor while the running command is not the last of its client's batch.</summary>
    public bool MoreInBatch;

    /// <summary>True when the executor must call <see cref="BeforeCommand"/> / <see cref="AfterCommand"/>.</summary>
    public bool Active => Clients > 0 || _pendingSelf.Count > 0 || _bcastPending;

    // ---- enabling ----

    public void Enable(Client c, long redirect, TrackingMode options, List<byte[]> prefixes)
    {
        if (!_registered)
        {
            _registered = true;
            _server.Observers.Register(this);
        }
        var st = c.Tracking ??= new TrackingState();
        if ((c.Flags & ClientFlags.Tracking) == 0) Clients++;
        c.Flags |= ClientFlags.Tracking;
        st.Mode &= ~(TrackingMode.BrokenRedirect | TrackingMode.Bcast | TrackingMode.OptIn | TrackingMode.OptOut | TrackingMode.NoLoop);
        st.Redirect = redirect;
        if ((options & TrackingMode.Bcast) != 0)
        {
            st.Mode |= TrackingMode.Bcast;
            if (prefixes.Count == 0) AddPrefix(c, st, Array.Empty<byte>());
            foreach (var p in prefixes) AddPrefix(c, st, p);
        }
        st.Mode |= options & (TrackingMode.OptIn | TrackingMode.OptOut | TrackingMode.NoLoop);
    }

    private void AddPrefix(Client c, TrackingState st, byte[] prefix)
    {
        if (!_prefixes.TryGetValue(prefix, out var bs)) _prefixes[prefix] = bs = new BcastState();
        if (!bs.Clients.Contains(c))
        {
            bs.Clients.Add(c);
            st.Prefixes.Add(prefix);
        }
    }

    /// <summary>CLIENT TRACKING off, RESET, disconnect. Keys stay in the table and are dropped lazily, as in Redis.</summary>
    public void Disable(Client c)
    {
        var st = c.Tracking;
        if (st is null) return;
        if (st.Has(TrackingMode.Bcast))
        {
            foreach (var p in st.Prefixes)
            {
                if (!_prefixes.TryGetValue(p, out var bs)) continue;
                bs.Clients.Remove(c);
                if (bs.Clients.Count == 0) _prefixes.Remove(p);
            }
            st.Prefixes.Clear();
        }
        if ((c.Flags & ClientFlags.Tracking) != 0)
        {
            Clients--;
            c.Flags &= ~ClientFlags.Tracking;
            st.Mode = TrackingMode.None;
        }
    }

    // ---- around each command ----

    public void BeforeCommand(Client c)
    {
        // Evictions happen before the command runs, so their invalidations go out at once (before its reply).
        Current = null;
        LimitUsedSlots();
        Current = c;
    }

    public void AfterCommand(Client c, CommandDef? cmd)
    {
        if (_pendingSelf.Count > 0)
        {
            // Invalidations for the client's own keys follow its reply (trackingHandlePendingKeyInvalidations).
            bool alive = _server.Clients.ContainsKey(c.Id);
            foreach (var key in _pendingSelf)
            {
                if (!alive || c.Tracking is null) continue;
                if (key is null) SendFlush(c);
                else Send(c, key, isProto: false);
            }
            _pendingSelf.Clear();
        }
        // Redis broadcasts before sleeping, so a pipeline of writes gives one message per prefix: the
        // keys wait until the last command of the batch (or the next command after a non-batch write).
        if (_bcastPending && !MoreInBatch) Broadcast();
        // CLIENT CACHING lasts one command; any CLIENT subcommand keeps it (Redis compares the command's proc).
        var st = c.Tracking;
        if (st != null && st.Has(TrackingMode.Caching) && (c.Flags & ClientFlags.Multi) == 0
            && cmd != null && cmd.Parent?.Name != "client")
            st.Mode &= ~TrackingMode.Caching;
        Current = null;
    }

    /// <summary>After a read-only command: remember its keys for this client (trackingRememberKeys).</summary>
    public void RememberKeys(CommandContext ctx)
    {
        var st = ctx.Client.Tracking!;
        if (st.Has(TrackingMode.Bcast)) return;
        bool caching = st.Has(TrackingMode.Caching);
        if ((st.Has(TrackingMode.OptIn) && !caching) || (st.Has(TrackingMode.OptOut) && caching)) return;
        var cmd = ctx.Command;
        if ((cmd.Flags & CommandFlags.PubSub) != 0) return; // shard channels are keys only for routing
        _keyIndexes.Clear();
        cmd.GetKeys(ctx, _keyIndexes);
        foreach (int i in _keyIndexes)
        {
            var key = ctx.Arg(i);
            if (!_keysBySpan.TryGetValue(key, out var ids)) _keysBySpan[key] = ids = new HashSet<long>();
            if (ids.Add(ctx.Client.Id)) _items++;
        }
    }

    /// <summary>tracking-table-max-keys: over the limit, evict keys (telling their clients) with growing effort.</summary>
    private void LimitUsedSlots()
    {
        long max = _server.Config.TrackingTableMaxKeys;
        if (max == 0 || _keys.Count <= max)
        {
            _timeoutCounter = 0;
            return;
        }
        for (int effort = 100 * (_timeoutCounter + 1); effort > 0 && _keys.Count > 0; effort--)
        {
            byte[]? victim = null;
            foreach (var k in _keys.Keys) { victim = k; break; }
            Invalidate(victim!, bcast: false);
            if (_keys.Count <= max)
            {
                _timeoutCounter = 0;
                return;
            }
        }
        _timeoutCounter++;
    }

    // ---- invalidation ----

    void IKeyspaceObserver.KeyModified(Database db, ReadOnlySpan<byte> key) => Invalidate(key, bcast: true);

    void IKeyspaceObserver.DatabaseFlushed(Database db)
    {
        // FLUSHALL clears every database: one null invalidation per command, as Redis's signalFlushedDb.
        long mark = _server.Stats.TotalCommandsProcessed;
        if (Current != null && mark == _flushMark) return;
        _flushMark = Current != null ? mark : -1;
        if (Clients > 0)
            foreach (var c in _server.Clients.Values)
            {
                if ((c.Flags & ClientFlags.Tracking) == 0) continue;
                if (ReferenceEquals(c, Current)) _pendingSelf.Add(null);
                else SendFlush(c);
            }
        _keys.Clear();
        _items = 0;
    }

    /// <summary>The flush invalidation: a null (in the tracking client's own protocol) instead of keys.</summary>
    private void SendFlush(Client c) => Send(c, c.Resp == 3 ? "_\r\n"u8 : "$-1\r\n"u8, isProto: true);

    private void Invalidate(ReadOnlySpan<byte> key, bool bcast)
    {
        if (bcast && _prefixes.Count > 0) RememberForBroadcast(key);
        if (!_keysBySpan.Remove(key, out var stored, out var ids)) return;
        _items -= ids.Count;
        foreach (long id in ids)
        {
            if (!_server.Clients.TryGetValue(id, out var target)) continue;
            var st = target.Tracking;
            if ((target.Flags & ClientFlags.Tracking) == 0 || st is null || st.Has(TrackingMode.Bcast)) continue;
            if (st.Has(TrackingMode.NoLoop) && ReferenceEquals(target, Current)) continue;
            if (ReferenceEquals(target, Current)) _pendingSelf.Add(stored);
            else Send(target, stored, isProto: false);
        }
    }

    private void RememberForBroadcast(ReadOnlySpan<byte> key)
    {
        byte[]? copy = null;
        foreach (var (prefix, bs) in _prefixes)
        {
            if (!key.StartsWith(prefix)) continue;
            bs.Keys[copy ??= key.ToArray()] = Current;
            _bcastPending = true;
        }
    }

    /// <summary>Sends each prefix's changed keys to its clients (Redis does it before sleeping; here after the command).</summary>
    private void Broadcast()
    {
        _bcastPending = false;
        foreach (var (_, bs) in _prefixes)
        {
            if (bs.Keys.Count == 0) continue;
            BuildKeys(_proto, bs, null);
            foreach (var c in bs.Clients)
            {
                if (c.Tracking!.Has(TrackingMode.NoLoop))
                {
                    if (BuildKeys(_adhoc, bs, c)) Send(c, _adhoc.WrittenSpan, isProto: true);
                }
                else Send(c, _proto.WrittenSpan, isProto: true);
            }
            bs.Keys.Clear();
        }
    }

    /// <summary>The array of keys (RESP2 framing, valid in RESP3 too); without the ones <paramref name="except"/> changed. False when empty for it.</summary>
    private static bool BuildKeys(RespWriter w, BcastState bs, Client? except)
    {
        w.Reset();
        int n = 0;
        foreach (var (_, by) in bs.Keys) if (except is null || !ReferenceEquals(by, except)) n++;
        if (n == 0) return false;
        w.WriteArrayHeader(n);
        foreach (var (k, by) in bs.Keys) if (except is null || !ReferenceEquals(by, except)) w.WriteBulk(k);
        return true;
    }

    /// <summary>
    /// One invalidation for a tracking client: a RESP3 push on its own connection, or through its
    /// redirect target (a push if that one speaks RESP3, a __redis__:invalidate message if it is a
    /// RESP2 subscriber). <paramref name="isProto"/>: the payload is already encoded.
    /// </summary>
    private void Send(Client c, ReadOnlySpan<byte> payload, bool isProto)
    {
        var st = c.Tracking!;
        var dest = c;
        if (st.Redirect != 0)
        {
            if (!_server.Clients.TryGetValue(st.Redirect, out var redir))
            {
                st.Mode |= TrackingMode.BrokenRedirect;
                if (c.Resp > 2)
                {
                    c.Output.WritePushHeader(2);
                    c.Output.WriteBulk("tracking-redir-broken"u8);
                    c.Output.WriteInteger(st.Redirect);
                    c.Transport?.RequestFlush();
                }
                return;
            }
            dest = redir;
        }
        var w = dest.Output;
        if (dest.Resp > 2)
        {
            w.WritePushHeader(2);
            w.WriteBulk("invalidate"u8);
        }
        else if (!ReferenceEquals(dest, c) && (dest.Flags & ClientFlags.PubSub) != 0)
        {
            w.WritePushHeader(3);
            w.WriteBulk("message"u8);
            w.WriteBulk(InvalidateChannel);
        }
        else return; // RESP2 without a redirect: nowhere to send it
        if (isProto) w.WriteRaw(payload);
        else
        {
            w.WriteArrayHeader(1);
            w.WriteBulk(payload);
        }
        dest.Transport?.RequestFlush();
    }
}
