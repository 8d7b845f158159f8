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
    public string LastBgrewriteStatus = "ok", LastWriteStatus = "ok";
    public long Rewrites, RewritesConsecutiveFailures;
}
