using RedisNet.Config;
using RedisNet.Server;

namespace RedisNet.Keyspace;

/// <summary>
/// One numbered database (SELECT n). Every read and write of keys goes through here, so lazy
/// expiry, keyspace observers (WATCH, client tracking, cluster's slot index) and expiry propagation
/// see them all. Callers hold the server's execution lock.
/// </summary>
public sealed class Database
{
    public readonly int Index;
    internal KeyTable Table = new();
    // Keys with a TTL, for O(1) random sampling by the active expire cycle. Entries that lost their
    // TTL or were deleted stay until sampled (saves a per-key index); _volatileCount is exact.
    internal List<KeyEntry> Volatile = new();
    private int _volatileCount;
    private readonly RedisServer _server;

    public long ExpiredKeys;   // counted into INFO stats expired_keys by the server
    public long AvgTtlEstimate; // Redis keeps a running estimate for INFO keyspace avg_ttl

    public Database(RedisServer server, int index)
    {
        _server = server;
        Index = index;
    }

    public int Count => Table.Count;
    public int VolatileCount => _volatileCount;

    /// <summary>Looks a key up, deleting it first if it has expired (Redis's lookupKey + expireIfNeeded).</summary>
    public KeyEntry? Lookup(ReadOnlySpan<byte> key)
    {
        var e = Table.Find(key, KeyHash.Compute(key));
        if (e is null) return null;
        if (e.ExpireAt >= 0 && e.ExpireAt <= _server.Clock.NowMs)
        {
            if (!KeepsExpired) ExpireNow(e);
            return null;
        }
        Touch(e);
        return e;
    }

    /// <summary>
    /// Looks a key up for a command that will modify its value in place (APPEND, LPUSH, HSET...):
    /// Redis's lookupKeyWrite. A running snapshot records the entry first, so it stays point-in-time.
    /// </summary>
    public KeyEntry? LookupWrite(ReadOnlySpan<byte> key)
    {
        var e = Lookup(key);
        if (e != null) Table.BeforeWrite(e);
        return e;
    }

    /// <summary>
    /// A lookup for reading (Redis's lookupKeyRead): lazy expiry, INFO keyspace_hits/misses, and the
    /// LRU touch unless <paramref name="touch"/> is false (TYPE, EXISTS, TTL and OBJECT don't touch).
    /// </summary>
    public KeyEntry? LookupRead(ReadOnlySpan<byte> key, bool touch = true, bool notify = true)
    {
        var e = Table.Find(key, KeyHash.Compute(key));
        if (e != null && e.ExpireAt >= 0 && e.ExpireAt <= _server.Clock.NowMs)
        {
            if (!KeepsExpired) ExpireNow(e);
            e = null;
        }
        if (e is null)
        {
            _server.Stats.KeyspaceMisses++;
            if (notify) Notify(KeyspaceEventFlags.KeyMiss, "keymiss"u8, key);
            return null;
        }
        _server.Stats.KeyspaceHits++;
        if (touch) Touch(e);
        return e;
    }

    /// <summary>
    /// An expired key is reported missing but not deleted: on a replica (it waits for the master's
    /// DEL) and while CLIENT PAUSE holds the dataset constant (Redis's expireIfNeeded).
    /// </summary>
    private bool KeepsExpired => _server.IsReplicaOfMaster || (_server.PauseUntilMs != 0 && ClientPause.IsActive(_server));

    /// <summary>Records an access: the LRU clock, or under an LFU policy the frequency counter (Redis's lookupKey touch).</summary>
    private void Touch(KeyEntry e)
    {
        if (!_server.Config.LfuPolicy) e.Lru = _server.Clock.LruClock;
        else e.Lru = Lfu.Touch(e.Lru, _server.Clock.NowMs, _server.Config.LfuDecayTime, _server.Config.LfuLogFactor, _server.Rng);
    }

    /// <summary>The lru field of a new value: the LRU clock, or a fresh LFU counter.</summary>
    private uint NewLru() => _server.Config.LfuPolicy ? Lfu.Initial(_server.Clock.NowMs) : _server.Clock.LruClock;

    /// <summary>Finds a key as stored, expired or not, without side effects (DEBUG OBJECT, DIGEST-VALUE).</summary>
    public KeyEntry? FindRaw(ReadOnlySpan<byte> key) => Table.Find(key, KeyHash.Compute(key));

    /// <summary>Looks a key up without touching its LRU clock (TYPE? no: OBJECT, DEBUG, SCAN filters).</summary>
    public KeyEntry? Peek(ReadOnlySpan<byte> key)
    {
        var e = Table.Find(key, KeyHash.Compute(key));
        if (e is null || (e.ExpireAt >= 0 && e.ExpireAt <= _server.Clock.NowMs)) return null;
        return e;
    }

    /// <summary>Sets a key's value, creating the key if needed. Keeps the TTL unless <paramref name="keepTtl"/> is false.</summary>
    public KeyEntry Set(ReadOnlySpan<byte> key, object value, bool keepTtl = false)
    {
        var e = Table.Find(key, KeyHash.Compute(key));
        if (e is null) return Add(key, value);
        if (_server.Config.LfuPolicy) Touch(e); // an overwrite keeps the LFU data, counting this access
        Overwrite(e, value, keepTtl);
        return e;
    }

    /// <summary>
    /// SET's path: stores a string copied from the request, creating the key if needed, with one
    /// allocation. Clears the TTL unless <paramref name="keepTtl"/>.
    /// </summary>
    public KeyEntry SetString(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool keepTtl = false)
    {
        var e = Table.Find(key, KeyHash.Compute(key));
        if (e is null) return AddString(key, value);
        if (_server.Config.LfuPolicy) Touch(e);
        OverwriteString(e, value, keepTtl);
        return e;
    }

    /// <summary>Replaces the value of an entry found by Lookup (no second hash lookup); drops the TTL unless <paramref name="keepTtl"/>.</summary>
    public void Overwrite(KeyEntry e, object value, bool keepTtl = false)
    {
        Table.BeforeWrite(e);
        e.Value = value;
        if (!keepTtl && e.ExpireAt >= 0) RemoveExpire(e);
        if (!_server.Config.LfuPolicy) e.Lru = _server.Clock.LruClock;
        SignalModified(e.Key);
    }

    /// <summary>Overwrite for a string copied from the request (one allocation: the inline key+value array).</summary>
    public void OverwriteString(KeyEntry e, ReadOnlySpan<byte> value, bool keepTtl = false)
    {
        Table.BeforeWrite(e);
        e.SetString(value);
        if (!keepTtl && e.ExpireAt >= 0) RemoveExpire(e);
        if (!_server.Config.LfuPolicy) e.Lru = _server.Clock.LruClock;
        SignalModified(e.Key);
    }

    /// <summary>Adds a string key known to be absent, copied from the request.</summary>
    public KeyEntry AddString(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var e = new KeyEntry(key, value) { Lru = NewLru() };
        Table.Add(e, KeyHash.Compute(key));
        _server.Observers.KeyAdded(this, e);
        SignalModified(key);
        Notify(KeyspaceEventFlags.New, "new"u8, key);
        return e;
    }

    /// <summary>Adds a key known to be absent (after Lookup returned null). Clients blocked on it hear of it (dbAdd's signalKeyAsReady).</summary>
    public KeyEntry Add(ReadOnlySpan<byte> key, object value)
    {
        var e = new KeyEntry(key, value) { Lru = NewLru() };
        Table.Add(e, KeyHash.Compute(key));
        _server.Observers.KeyAdded(this, e);
        SignalModified(key);
        Notify(KeyspaceEventFlags.New, "new"u8, key);
        if (_server.Blocking.BlockedOnKeys != 0) _server.Blocking.SignalKeyAsReady(this, key);
        return e;
    }

    /// <summary>
    /// Adds a key read from an RDB file or payload: no notifications, observers only (cluster slot
    /// index). Returns null when the key already exists (the caller decides: error or replace).
    /// <paramref name="lruField"/> is the 24-bit LRU/LFU field, or null for a fresh one.
    /// <paramref name="hash"/> is KeyHash.Compute(key): the loader computes it early, to prefetch the bucket.
    /// </summary>
    public KeyEntry? AddLoaded(ReadOnlySpan<byte> key, uint hash, object value, long expireAt, uint? lruField) =>
        value is byte[] s ? AddLoaded(key, hash, (ReadOnlySpan<byte>)s, expireAt, lruField) : AddLoaded(key, hash, new KeyEntry(key, value), expireAt, lruField);

    /// <summary>AddLoaded for a string value, copied once from <paramref name="value"/> (the loader's read buffer).</summary>
    public KeyEntry? AddLoaded(ReadOnlySpan<byte> key, uint hash, ReadOnlySpan<byte> value, long expireAt, uint? lruField) =>
        AddLoaded(key, hash, new KeyEntry(key, value), expireAt, lruField);

    private KeyEntry? AddLoaded(ReadOnlySpan<byte> key, uint hash, KeyEntry e, long expireAt, uint? lruField)
    {
        if (Table.Find(key, hash) is not null) return null;
        e.Lru = lruField ?? NewLru();
        Table.Add(e, hash);
        if (expireAt >= 0) SetExpire(e, expireAt);
        _server.Observers.KeyAdded(this, e);
        return e;
    }

    /// <summary>Tells blocked clients a key they may wait for has new data (XADD on an existing stream).</summary>
    public void SignalKeyAsReady(ReadOnlySpan<byte> key)
    {
        if (_server.Blocking.BlockedOnKeys != 0) _server.Blocking.SignalKeyAsReady(this, key);
    }

    /// <summary>Tells keyspace-event subscribers of a change: Redis's notifyKeyspaceEvent(type, event, key, db).</summary>
    public void Notify(int type, ReadOnlySpan<byte> evt, ReadOnlySpan<byte> key)
    {
        // Checked here so the common case (notifications off) costs no call.
        if ((_server.Config.NotifyKeyspaceEvents & type) != 0) _server.Events.Notify(type, evt, this, key);
    }

    public bool Delete(ReadOnlySpan<byte> key)
    {
        var e = Table.Find(key, KeyHash.Compute(key));
        if (e is null) return false;
        Remove(e);
        SignalModified(key);
        return true;
    }

    /// <summary>Removes an entry found earlier (no expiry check, no signal).</summary>
    public void Remove(KeyEntry e)
    {
        RemoveExpire(e);
        Table.Remove(e);
        _server.Observers.KeyRemoved(this, e);
    }

    public void SetExpire(KeyEntry e, long unixMs)
    {
        Table.BeforeWrite(e);
        if (e.ExpireAt < 0) _volatileCount++;
        if (!e.InVolatileList)
        {
            e.InVolatileList = true;
            Volatile.Add(e);
        }
        e.ExpireAt = unixMs;
    }

    public bool RemoveExpire(KeyEntry e)
    {
        if (e.ExpireAt < 0) return false;
        Table.BeforeWrite(e);
        _volatileCount--;
        e.ExpireAt = -1;
        return true;
    }

    private void DropVolatileAt(int i)
    {
        int last = Volatile.Count - 1;
        Volatile[i].InVolatileList = false;
        Volatile[i] = Volatile[last];
        Volatile.RemoveAt(last);
    }

    /// <summary>Deletes an expired key and propagates the DEL, as Redis's deleteExpiredKeyAndPropagate.</summary>
    internal void ExpireNow(KeyEntry e)
    {
        Remove(e);
        ExpiredKeys++;
        _server.Stats.ExpiredKeys++;
        Notify(KeyspaceEventFlags.Expired, "expired"u8, e.Key);
        SignalModified(e.Key);
        if (_server.Propagation.Active) _server.Propagation.PropagateExpire(this, e.KeyBytes());
    }

    /// <summary>Tells observers (WATCH, client tracking) that a key changed: Redis's signalModifiedKey.</summary>
    public void SignalModified(ReadOnlySpan<byte> key) => _server.Observers.KeyModified(this, key);

    /// <summary>Removes every key (FLUSHDB). Observers hear of it as one flush.</summary>
    public void Clear()
    {
        _server.Observers.DatabaseFlushing(this);
        Table = new KeyTable();
        Volatile = new List<KeyEntry>();
        _volatileCount = 0;
        AvgTtlEstimate = 0;
        _server.Observers.DatabaseFlushed(this);
    }

    /// <summary>Exchanges contents with another database (SWAPDB): clients keep their db index, data moves.</summary>
    public void SwapWith(Database other)
    {
        _server.Observers.DatabasesSwapping(this, other);
        (Table, other.Table) = (other.Table, Table);
        (Volatile, other.Volatile) = (other.Volatile, Volatile);
        (_volatileCount, other._volatileCount) = (other._volatileCount, _volatileCount);
        (ExpiredKeys, other.ExpiredKeys) = (other.ExpiredKeys, ExpiredKeys);
        (AvgTtlEstimate, other.AvgTtlEstimate) = (other.AvgTtlEstimate, AvgTtlEstimate);
    }

    public KeyEntry? RandomEntry(Random rng) => Table.Random(rng);

    public ulong Scan(ulong cursor, Action<KeyEntry> visit) => Table.Scan(cursor, visit);

    public IEnumerable<KeyEntry> Entries() => Table.Entries();

    /// <summary>
    /// One active-expire pass over this database (Redis's activeExpireCycle, per db): sample up to
    /// 20 volatile keys, delete the expired ones, repeat while more than 10% were expired and time remains.
    /// Returns the number of keys expired.
    /// </summary>
    public int ActiveExpire(Random rng, long deadlineTicks, int effort = 20)
    {
        int total = 0;
        while (Volatile.Count > 0)
        {
            int sampled = 0, expired = 0;
            long now = _server.Clock.NowMs;
            long ttlSum = 0; int ttlSamples = 0;
            int n = Math.Min(effort, Volatile.Count);
            for (int i = 0; i < n && Volatile.Count > 0; i++)
            {
                int at = rng.Next(Volatile.Count);
                var e = Volatile[at];
                sampled++;
                if (e.ExpireAt < 0) { DropVolatileAt(at); expired++; } // stale: persisted or deleted
                else if (e.ExpireAt <= now) { DropVolatileAt(at); ExpireNow(e); expired++; }
                else { ttlSum += e.ExpireAt - now; ttlSamples++; }
            }
            if (ttlSamples > 0)
            {
                long avg = ttlSum / ttlSamples;
                AvgTtlEstimate = AvgTtlEstimate == 0 ? avg : (AvgTtlEstimate / 50 * 49) + (avg / 50);
            }
            total += expired;
            if (expired * 10 <= sampled) break;
            if (System.Diagnostics.Stopwatch.GetTimestamp() > deadlineTicks) break;
        }
        return total;
    }
}
