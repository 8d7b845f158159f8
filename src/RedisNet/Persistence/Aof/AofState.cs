namespace RedisNet.Persistence.Aof;

/// <summary>
/// The AOF side of persistence as INFO persistence reports it. Owned by the AOF code
/// (Persistence/Aof/); read by INFO.
/// </summary>
public sealed class AofState
{
    public bool RewriteInProgress, RewriteScheduled;
    public long LastRewriteTimeSec = -1;
    public long CurrentRewriteStartMs = -1;
    public string LastBgrewriteStatus = "ok";
    /// <summary>
    /// strerror of the last failed write to the incr file, null once a write succeeds again; and of the
    /// last failed background fsync (everysec), null once one succeeds. While either is set, writes get
    /// MISCONF (see WriteDenial) and INFO shows aof_last_write_status:err.
    /// </summary>
    public volatile string? WriteError, FsyncError;
    public string LastWriteStatus => WriteError is null && FsyncError is null ? "ok" : "err";
    public long Rewrites, RewritesConsecutiveFailures;
    /// <summary>The append-only file itself; null until AOF is first used (startup with appendonly yes, CONFIG SET, BGREWRITEAOF).</summary>
    public AppendOnlyFile? File;

    /// <summary>
    /// Before replies leave (a batch's replies, or output pushed to another client): what this unit
    /// propagated is written to the AOF first, and fsynced under appendfsync always, so an
    /// acknowledged write is durable. One null test while AOF is unused. Under the execution lock.
    /// </summary>
    public void BeforeReplies() => File?.Flush();
}
