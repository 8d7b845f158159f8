using RedisNet.Commands;
using RedisNet.Keyspace;
using RedisNet.Protocol;

namespace RedisNet.Server;

/// <summary>
/// A client's MULTI/WATCH state (Redis's multiState plus the client's watched_keys list). The
/// MULTI and DIRTY_CAS bits themselves live in <see cref="Client.Flags"/> (CLIENT LIST shows x and d).
/// </summary>
public sealed class MultiState
{
    /// <summary>Commands queued since MULTI, each with a copy of its arguments.</summary>
    public readonly List<QueuedCommand> Commands = new();
    /// <summary>Union of the queued commands' flags: EXEC counts as a write when one of them is (CLIENT PAUSE WRITE).</summary>
    public CommandFlags QueuedFlags;
    /// <summary>Bytes of queued arguments plus a pointer per argument: CLIENT LIST multi-mem, as Redis counts it.</summary>
    public long ArgvMemory;
    /// <summary>A command was refused while queuing (Redis's CLIENT_DIRTY_EXEC): EXEC answers EXECABORT.</summary>
    public bool DirtyExec;
    /// <summary>Keys this client watches (also indexed by key in <see cref="WatchedKeys"/>).</summary>
    public readonly List<WatchedKey> Watched = new();
    /// <summary>Reused by EXEC to run the queued argv through the executor.</summary>
    internal readonly CommandBatch Batch = new();

    public void Queue(CommandDef cmd, byte[][] argv)
    {
        Commands.Add(new QueuedCommand(cmd, argv));
        QueuedFlags |= cmd.Flags;
        long mem = argv.Length * 8L;
        foreach (var a in argv) mem += a.Length;
        ArgvMemory += mem;
    }

    public void ClearQueue()
    {
        Commands.Clear();
        QueuedFlags = 0;
        ArgvMemory = 0;
        DirtyExec = false;
    }

    /// <summary>
    /// Redis's discardTransaction: leaves MULTI, forgets the queue and every watched key. Also run on
    /// RESET and when the client disconnects.
    /// </summary>
    public static void Discard(RedisServer server, Client c)
    {
        c.Flags &= ~(ClientFlags.Multi | ClientFlags.DirtyCas);
        if (c.Multi is null) return;
        c.Multi.ClearQueue();
        server.WatchedKeys.UnwatchAll(c);
    }

    /// <summary>Redis's flagTransaction: a command refused while queuing makes EXEC fail.</summary>
    public static void FlagError(Client c)
    {
        if ((c.Flags & ClientFlags.Multi) != 0) c.Multi!.DirtyExec = true;
    }
}

/// <summary>A command queued inside MULTI: the resolved command (subcommand for containers) and its arguments.</summary>
public readonly record struct QueuedCommand(CommandDef Command, byte[][] Argv);

/// <summary>One key watched by one client in one database.</summary>
public sealed class WatchedKey(Client client, Database db, byte[] key, bool expired)
{
    public readonly Client Client = client;
    public readonly Database Db = db;
    public readonly byte[] Key = key;
    /// <summary>The key had already expired (but was not yet deleted) when WATCH ran: deleting it is no change.</summary>
    public bool Expired = expired;
}
