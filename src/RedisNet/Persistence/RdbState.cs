namespace RedisNet.Persistence;

/// <summary>
/// The RDB side of persistence as INFO persistence reports it: saves, background saves, loading.
/// Owned by the RDB save/load code (Persistence/RdbSaves.cs, RdbStartup.cs); read by INFO.
/// Everything here is read and written under the execution lock.
/// </summary>
public sealed class RdbState
{
    public bool Loading;
    /// <summary>A shutdown came while the startup load let clients in: the load stops at its next yield (as Redis exits from inside it).</summary>
    public bool AbortLoading;
    public long LoadKeysLoaded, LoadKeysExpired;
    /// <summary>While loading: INFO's loading_* fields (start in Unix seconds, sizes in bytes).</summary>
    public long LoadingStartUnix, LoadingTotalBytes, LoadingLoadedBytes, LoadingRdbUsedMem, LoadingStartMs;

    public bool BgsaveInProgress => Background is not null;
    /// <summary>The running background save, if any (Redis's RDB child).</summary>
    public BackgroundSave? Background;
    public long CurrentSaveKeysProcessed => Background?.Snapshot.KeysProcessed ?? 0;
    public long CurrentSaveKeysTotal => Background?.Snapshot.KeysTotal ?? 0;

    /// <summary>Last background save failed: with stop-writes-on-bgsave-error and save points, writes get MISCONF.</summary>
    public bool LastBgsaveFailed;
    public string LastBgsaveStatus => LastBgsaveFailed ? "err" : "ok";
    public long LastBgsaveTimeSec = -1;
    public long CurrentBgsaveStartMs = -1;
    public long Saves;

    /// <summary>BGSAVE SCHEDULE (or a BGSAVE inside MULTI) waits for the cron to start it.</summary>
    public bool BgsaveScheduled;
    /// <summary>Unix seconds of the last background save attempt: a failed one is retried only after a delay.</summary>
    public long LastBgsaveTryUnix;
    /// <summary>Changes counted when the running background save began (subtracted from Dirty when it succeeds).</summary>
    public long DirtyBeforeBgsave;
    /// <summary>DEBUG SET-SKIP-CHECKSUM-VALIDATION: loads ignore the CRC64 footer.</summary>
    public bool SkipChecksumValidation;
}
