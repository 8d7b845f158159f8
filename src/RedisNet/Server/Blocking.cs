using RedisNet.Keyspace;

namespace RedisNet.Server;

/// <summary>
/// Clients blocked on keys (BLPOP, BZPOPMIN, XREAD BLOCK, ...) and the keys made ready for them:
/// Redis's blocked.c. Writes that can serve a blocked client call <see cref="SignalKeyAsReady"/>.
/// </summary>
public sealed class Blocking
{
    /// <summary>Clients blocked on keys now; while 0, a ready signal costs one test.</summary>
    public int BlockedOnKeys;

    /// <summary>
    /// Redis's signalKeyAsReady: a key that clients may wait for was created (Database.Add does this)
    /// or appended to (XADD). Blocked clients are served after the current command.
    /// </summary>
    public void SignalKeyAsReady(Database db, ReadOnlySpan<byte> key)
    {
        if (BlockedOnKeys == 0) return;
    }
}

/// <summary>A blocked client's wait: its keys, timeout and the command to run when served.</summary>
public sealed class BlockState
{
}
