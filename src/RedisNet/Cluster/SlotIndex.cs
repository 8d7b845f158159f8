using RedisNet.Keyspace;
using RedisNet.Server;

namespace RedisNet.Cluster;

/// <summary>
/// Keys of database 0 grouped by hash slot, kept current as a keyspace observer. Only registered
/// on cluster nodes (which have one database), so standalone servers pay nothing for it. Serves
/// CLUSTER COUNTKEYSINSLOT / GETKEYSINSLOT and slot migration.
/// </summary>
public sealed class SlotIndex : IKeyspaceObserver
{
    private readonly HashSet<KeyEntry>?[] _slots = new HashSet<KeyEntry>?[HashSlot.Count];

    public int CountKeys(int slot) => _slots[slot]?.Count ?? 0;

    /// <summary>Up to <paramref name="max"/> keys of a slot.</summary>
    public List<byte[]> Keys(int slot, int max)
    {
        var result = new List<byte[]>();
        var set = _slots[slot];
        if (set is null) return result;
        foreach (var e in set)
        {
            if (result.Count >= max) break;
            result.Add(e.KeyBytes());
        }
        return result;
    }

    public void KeyAdded(Database db, KeyEntry entry)
    {
        if (db.Index != 0) return;
        (_slots[HashSlot.Of(entry.Key)] ??= new HashSet<KeyEntry>(ReferenceEqualityComparer.Instance)).Add(entry);
    }

    public void KeyRemoved(Database db, KeyEntry entry)
    {
        if (db.Index != 0) return;
        int slot = HashSlot.Of(entry.Key);
        var set = _slots[slot];
        if (set is null) return;
        set.Remove(entry);
        if (set.Count == 0) _slots[slot] = null;
    }

    public void DatabaseFlushed(Database db)
    {
        if (db.Index == 0) Array.Clear(_slots);
    }

    /// <summary>Rebuilds from the database (after a load, or when the index is first attached).</summary>
    public void Rebuild(Database db)
    {
        Array.Clear(_slots);
        foreach (var e in db.Entries()) KeyAdded(db, e);
    }
}
