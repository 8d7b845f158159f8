using RedisNet.Keyspace;

namespace RedisNet.Server;

/// <summary>
/// Something that wants to hear of every key change: WATCH, client-side caching invalidation, the
/// cluster's per-slot key index. Called under the execution lock; must be quick.
/// </summary>
public interface IKeyspaceObserver
{
    void KeyAdded(Database db, KeyEntry entry) { }
    void KeyRemoved(Database db, KeyEntry entry) { }
    void KeyModified(Database db, ReadOnlySpan<byte> key) { }
    void DatabaseFlushed(Database db) { }
    /// <summary>FLUSHDB/FLUSHALL is about to drop every key of <paramref name="db"/> (its keys are still there).</summary>
    void DatabaseFlushing(Database db) { }
    /// <summary>SWAPDB is about to exchange the contents of two databases (still unswapped).</summary>
    void DatabasesSwapping(Database a, Database b) { }
}

/// <summary>The registered observers; with none registered every call is a length check.</summary>
public sealed class KeyspaceObservers
{
    private IKeyspaceObserver[] _list = Array.Empty<IKeyspaceObserver>();

    public void Register(IKeyspaceObserver o) => _list = [.. _list, o];

    public void KeyAdded(Database db, KeyEntry e) { foreach (var o in _list) o.KeyAdded(db, e); }
    public void KeyRemoved(Database db, KeyEntry e) { foreach (var o in _list) o.KeyRemoved(db, e); }
    public void KeyModified(Database db, ReadOnlySpan<byte> key) { foreach (var o in _list) o.KeyModified(db, key); }
    public void DatabaseFlushed(Database db) { foreach (var o in _list) o.DatabaseFlushed(db); }
    public void DatabaseFlushing(Database db) { foreach (var o in _list) o.DatabaseFlushing(db); }
    public void DatabasesSwapping(Database a, Database b) { foreach (var o in _list) o.DatabasesSwapping(a, b); }
}
