namespace RedisNet.Persistence;

/// <summary>
/// The RDB side of persistence as INFO persistence reports it: saves, background saves, loading.
/// Owned by the RDB save/load code (Persistence/); read by INFO.
/// </summary>
public sealed class RdbState
{
    public bool Loading;
    public long LoadKeysLoaded, LoadKeysExpired;
    public bool BgsaveInProgress;
    public long CurrentSaveKeysProcessed, CurrentSaveKeysTotal;
    public string LastBgsaveStatus = "ok";
    public long LastBgsaveTimeSec = -1;
    public long CurrentBgsaveStartMs = -1;
    public long Saves;
}
