using RedisNet.Commands;
using RedisNet.Keyspace;

namespace RedisNet.Server;

/// <summary>
/// Keys made ready by something other than a write that adds data: SWAPDB bringing keys in (Redis's
/// scanDatabaseForReadyKeys), and the deletion or type change of a stream an XREADGROUP client waits
/// on (signalDeletedKeyAsReady: that client is then served, and fails with UNBLOCKED).
/// </summary>
public sealed partial class Blocking
{
    private DeletedKeyWatch? _deletedKeyWatch;
    /// <summary>Blocked clients marked UnblockOnNoKey; while 0 the observer costs one test per change.</summary>
    internal int WaitingUnlessNoKey;

    /// <summary>
    /// Marks the client that just blocked as one to serve when a key it waits on is deleted or changes
    /// type (XREADGROUP). The first such client registers the keyspace observer that notices it.
    /// </summary>
    public void UnblockOnNoKey(CommandContext ctx)
    {
        if (ctx.Client.BlockState is not { } st || !st.IsBlocked || st.UnblockOnNoKey) return;
        st.UnblockOnNoKey = true;
        WaitingUnlessNoKey++;
        if (_deletedKeyWatch is null) ctx.Server.Observers.Register(_deletedKeyWatch = new DeletedKeyWatch(this));
    }

    /// <summary>
    /// After SWAPDB: every waited-on key that now exists in <paramref name="db"/> is ready, and so is
    /// every missing one an XREADGROUP client waits on (its stream went to the other db).
    /// </summary>
    public void ScanDatabaseForReadyKeys(Database db)
    {
        if (BlockedOnKeys == 0 || !_waiting.TryGetValue(db, out var byKey)) return;
        foreach (var (key, q) in byKey)
            if (db.Peek(key) != null || HasUnblockOnNoKey(q)) SignalKeyAsReady(db, key);
    }

    private static bool HasUnblockOnNoKey(KeyQueue q)
    {
        foreach (var st in q)
            if (st.UnblockOnNoKey) return true;
        return false;
    }

    /// <summary>A key went away or stopped being a stream: wake the XREADGROUP clients waiting on it.</summary>
    private void SignalDeletedKeyAsReady(Database db, ReadOnlySpan<byte> key)
    {
        if (BlockedOnKeys == 0 || !_waiting.TryGetValue(db, out var byKey)) return;
        if (byKey.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(key, out var q) && HasUnblockOnNoKey(q))
            SignalKeyAsReady(db, key);
    }

    private sealed class DeletedKeyWatch(Blocking blocking) : IKeyspaceObserver
    {
        public void KeyRemoved(Database db, KeyEntry entry)
        {
            if (blocking.WaitingUnlessNoKey != 0) blocking.SignalDeletedKeyAsReady(db, entry.Key);
        }

        // An overwrite (SET on the stream's key) is seen as a modification that leaves another type.
        public void KeyModified(Database db, ReadOnlySpan<byte> key)
        {
            if (blocking.WaitingUnlessNoKey == 0) return;
            var e = db.Peek(key);
            if (e != null && e.BoxedValue is not Types.Stream.StreamValue) blocking.SignalDeletedKeyAsReady(db, key);
        }

        public void DatabaseFlushed(Database db)
        {
            if (blocking.WaitingUnlessNoKey == 0 || !blocking._waiting.TryGetValue(db, out var byKey)) return;
            foreach (var (key, q) in byKey)
                if (HasUnblockOnNoKey(q)) blocking.SignalKeyAsReady(db, key);
        }
    }
}
