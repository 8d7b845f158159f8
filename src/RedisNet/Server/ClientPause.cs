using RedisNet.Commands;

namespace RedisNet.Server;

/// <summary>
/// CLIENT PAUSE: while a pause is in force, commands of the paused kind are not executed; the
/// connection keeps them in its buffer and retries (Redis blocks the client with BLOCKED_POSTPONE).
/// </summary>
public static class ClientPause
{
    /// <summary>True if <paramref name="cmd"/> from <paramref name="client"/> must wait for the pause to end.</summary>
    public static bool HoldsBack(RedisServer server, Client client, CommandDef cmd)
    {
        if (Clock.UnixMs() >= server.PauseUntilMs)
        {
            server.PauseUntilMs = 0;
            return false;
        }
        // Replication traffic is never paused.
        if ((client.Flags & (ClientFlags.Replica | ClientFlags.Master)) != 0 || client.IsFake) return false;
        // WRITE mode holds back what could change data or be propagated (EVAL, PUBLISH: may_replicate).
        // EXEC counts as what it would run (Redis looks at the transaction's flags).
        var flags = cmd.Flags;
        if (client.Multi != null && cmd.Name == "exec") flags |= client.Multi.QueuedFlags;
        if (server.PauseWritesOnly && (flags & (CommandFlags.Write | CommandFlags.MayReplicate)) == 0) return false;
        return true;
    }

    /// <summary>True while a pause (of either kind) is in force: expiry then keeps the dataset constant.</summary>
    public static bool IsActive(RedisServer server) => server.PauseUntilMs != 0 && Clock.UnixMs() < server.PauseUntilMs;

    /// <summary>Starts or extends a pause. A running ALL pause is not narrowed to WRITE by a later call.</summary>
    public static void Pause(RedisServer server, long untilMs, bool writesOnly)
    {
        bool active = IsActive(server);
        if (!active) server.PauseWritesOnly = writesOnly;
        else if (!writesOnly) server.PauseWritesOnly = false;
        server.PauseUntilMs = active ? Math.Max(server.PauseUntilMs, untilMs) : untilMs;
    }

    public static void Unpause(RedisServer server)
    {
        server.PauseUntilMs = 0;
        server.PauseWritesOnly = false;
    }
}
