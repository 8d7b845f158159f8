using System.Diagnostics.CodeAnalysis;
using RedisNet.Keyspace;

namespace RedisNet.Server;

/// <summary>
/// WATCH's index (Redis's db->watched_keys): per database, key → the watches on it. As a keyspace
/// observer it marks watching clients dirty (CLIENT_DIRTY_CAS) when their key is written, expired,
/// flushed, swapped or renamed onto. While nothing is watched every notification costs one test.
/// </summary>
public sealed class WatchedKeys : IKeyspaceObserver
{
    private Dictionary<byte[], List<WatchedKey>>?[] _byDb = new Dictionary<byte[], List<WatchedKey>>?[16];
    /// <summary>Distinct (db, key) pairs watched by anyone.</summary>
    private int _count;
    private readonly Clock _clock;

    public WatchedKeys(Clock clock) => _clock = clock;

    public int Count => _count;

    /// <summary>Redis's watchForKey: no-op if this client already watches the key in this db.</summary>
    public void Watch(Client c, Database db, ReadOnlySpan<byte> key)
    {
        var state = c.Multi ??= new MultiState();
        foreach (var w in state.Watched)
            if (w.Db == db && w.Key.AsSpan().SequenceEqual(key)) return;
        var map = MapFor(db.Index, create: true)!;
        var bytes = key.ToArray();
        if (!map.TryGetValue(bytes, out var list))
        {
            list = new List<WatchedKey>(1);
            map.Add(bytes, list);
            _count++;
        }
        var wk = new WatchedKey(c, db, bytes, IsExpired(db, key));
        list.Add(wk);
        state.Watched.Add(wk);
    }

    /// <summary>Redis's unwatchAllKeys: the caller clears DIRTY_CAS if it should.</summary>
    public void UnwatchAll(Client c)
    {
        var watched = c.Multi?.Watched;
        if (watched is null || watched.Count == 0) return;
        foreach (var wk in watched)
        {
            var map = MapFor(wk.Db.Index, create: false)!;
            var list = map[wk.Key];
            list.Remove(wk);
            if (list.Count == 0)
            {
                map.Remove(wk.Key);
                _count--;
            }
        }
        watched.Clear();
    }

    /// <summary>Redis's isWatchedKeyExpired, checked by EXEC: a watched key expired since WATCH (not yet deleted).</summary>
    public bool AnyExpired(Client c)
    {
        var watched = c.Multi?.Watched;
        if (watched is null) return false;
        foreach (var wk in watched)
            if (!wk.Expired && IsExpired(wk.Db, wk.Key)) return true;
        return false;
    }

    /// <summary>Redis's touchWatchedKey, reached through Database.SignalModified after every change.</summary>
    public void KeyModified(Database db, ReadOnlySpan<byte> key)
    {
        if (_count == 0) return;
        var map = MapFor(db.Index, create: false);
        if (map is null || map.Count == 0) return;
        if (!map.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(key, out var list)) return;
        foreach (var wk in list)
        {
            // A key already expired at WATCH time that is now gone was deleted, not changed.
            if (wk.Expired && db.FindRaw(key) is null)
            {
                wk.Expired = false;
                continue;
            }
            wk.Client.Flags |= ClientFlags.DirtyCas;
        }
    }

    /// <summary>FLUSHDB/FLUSHALL, before the keys go: watches on keys that exist are touched.</summary>
    public void DatabaseFlushing(Database db) => TouchAllInDb(db, null);

    /// <summary>SWAPDB, before the contents move: both databases' watches see the other's keys arrive.</summary>
    public void DatabasesSwapping(Database a, Database b)
    {
        TouchAllInDb(a, b);
        TouchAllInDb(b, a);
    }

    /// <summary>
    /// Redis's touchAllWatchedKeysInDb: <paramref name="emptied"/> loses its keys, replaced by those of
    /// <paramref name="replacedWith"/> (null for a flush). A watch breaks if the key exists in either,
    /// except when an already-expired key just disappears or stays expired.
    /// </summary>
    private void TouchAllInDb(Database emptied, Database? replacedWith)
    {
        if (_count == 0) return;
        var map = MapFor(emptied.Index, create: false);
        if (map is null || map.Count == 0) return;
        foreach (var (key, list) in map)
        {
            bool inEmptied = emptied.FindRaw(key) != null;
            bool inReplacement = replacedWith?.FindRaw(key) != null;
            if (!inEmptied && !inReplacement) continue;
            foreach (var wk in list)
            {
                if (wk.Expired)
                {
                    if (!inReplacement) { wk.Expired = false; continue; }
                    if (IsExpired(replacedWith!, key)) continue;
                }
                else if (!inEmptied && IsExpired(replacedWith!, key))
                {
                    wk.Expired = true;
                    continue;
                }
                wk.Client.Flags |= ClientFlags.DirtyCas;
            }
        }
    }

    /// <summary>Redis's keyIsExpired: the key is stored but its TTL has passed (not deleted yet).</summary>
    private bool IsExpired(Database db, ReadOnlySpan<byte> key)
    {
        var e = db.FindRaw(key);
        return e != null && e.ExpireAt >= 0 && e.ExpireAt <= _clock.NowMs;
    }

    private Dictionary<byte[], List<WatchedKey>>? MapFor(int db, bool create)
    {
        if (db >= _byDb.Length)
        {
            if (!create) return null;
            Array.Resize(ref _byDb, db + 1);
        }
        if (create) _byDb[db] ??= new Dictionary<byte[], List<WatchedKey>>(KeyBytesComparer.Instance);
        return _byDb[db];
    }

    /// <summary>Byte-wise key equality, with span lookups so a notification does not copy the key.</summary>
    private sealed class KeyBytesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly KeyBytesComparer Instance = new();
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode([DisallowNull] byte[] obj) => (int)KeyHash.Compute(obj);
        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);
        public int GetHashCode(ReadOnlySpan<byte> alternate) => (int)KeyHash.Compute(alternate);
        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
