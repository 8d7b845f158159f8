using System.Runtime.CompilerServices;
using RedisNet.Commands;
using RedisNet.Server;

namespace RedisNet.Persistence;

/// <summary>
/// Redis's writeCommandsDeniedByDiskError: a master refuses writes, and PING, with a MISCONF error
/// after a failed background save (stop-writes-on-bgsave-error, with save points configured) until a
/// save succeeds, and while the AOF can't be written or fsynced. Checked by the executor before a
/// command runs or is queued.
/// </summary>
public static class WriteDenial
{
    public const string RdbError = "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. " +
        "Commands that may modify the data set are disabled, because this instance is configured to report errors during writes " +
        "if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error.";

    /// <summary>The error for <paramref name="cmd"/>, or null when it may run. Cheap when no save failed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? Refusal(RedisServer server, Client client, CommandDef cmd) =>
        server.Rdb.LastBgsaveFailed || server.Aof.WriteError is not null || server.Aof.FsyncError is not null
            ? RefusalAfterDiskError(server, client, cmd) : null;

    private static string? RefusalAfterDiskError(RedisServer server, Client client, CommandDef cmd)
    {
        if (server.IsReplicaOfMaster) return null;
        var cfg = server.Config;
        string? error = null;
        if (server.Rdb.LastBgsaveFailed && cfg.StopWritesOnBgsaveError && cfg.SaveParams.Count > 0) error = RdbError;
        else if (server.Aof.File is { Status: not Aof.AofStatus.Off } && (server.Aof.WriteError ?? server.Aof.FsyncError) is { } why)
            error = "MISCONF Errors writing to the AOF file: " + why;
        if (error is null) return null;
        bool write = (cmd.Flags & CommandFlags.Write) != 0
            || (cmd.Name == "exec" && client.Multi is { } m && (m.QueuedFlags & CommandFlags.Write) != 0);
        return write || cmd.Name == "ping" ? error : null;
    }
}
