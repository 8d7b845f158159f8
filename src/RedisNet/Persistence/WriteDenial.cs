using System.Runtime.CompilerServices;
using RedisNet.Commands;
using RedisNet.Server;

namespace RedisNet.Persistence;

/// <summary>
/// stop-writes-on-bgsave-error: after a failed background save (with save points configured), a
/// master refuses writes, and PING, with Redis's MISCONF error until a save succeeds
/// (writeCommandsDeniedByDiskError). Checked by the executor before a command runs or is queued.
/// </summary>
public static class WriteDenial
{
    public const string RdbError = "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. " +
        "Commands that may modify the data set are disabled, because this instance is configured to report errors during writes " +
        "if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error.";

    /// <summary>The error for <paramref name="cmd"/>, or null when it may run. Cheap when no save failed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? Refusal(RedisServer server, Client client, CommandDef cmd) =>
        server.Rdb.LastBgsaveFailed ? RefusalAfterFailedSave(server, client, cmd) : null;

    private static string? RefusalAfterFailedSave(RedisServer server, Client client, CommandDef cmd)
    {
        var cfg = server.Config;
        if (!cfg.StopWritesOnBgsaveError || cfg.SaveParams.Count == 0 || server.IsReplicaOfMaster) return null;
        bool write = (cmd.Flags & CommandFlags.Write) != 0
            || (cmd.Name == "exec" && client.Multi is { } m && (m.QueuedFlags & CommandFlags.Write) != 0);
        return write || cmd.Name == "ping" ? RdbError : null;
    }
}
