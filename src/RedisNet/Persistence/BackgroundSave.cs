using Microsoft.Extensions.Logging;
using RedisNet.Persistence.Rdb;
using RedisNet.Server;

namespace RedisNet.Persistence;

/// <summary>
/// One BGSAVE: what Redis's forked child does, on a background thread. The snapshot began under the
/// execution lock (the dataset as of BGSAVE); the thread walks it in short locked steps, writes
/// temp-&lt;pid&gt;.rdb outside the lock, fsyncs it, and then, under the lock, renames it over
/// `dbfilename` and reports the outcome as Redis's parent does when its child exits.
/// Everything that touches the file's name happens under the lock after checking
/// <see cref="Cancelled"/>, so a cancelled save never removes or renames a later save's file.
/// </summary>
public sealed class BackgroundSave
{
    public readonly DatasetSnapshot Snapshot;
    public readonly long StartMs = Clock.UnixMs();
    /// <summary>Where it writes: `dir` and `dbfilename` as they were when it started (as a forked child sees them).</summary>
    public readonly string Dir, DbFilename;
    /// <summary>Set under the lock by <see cref="RdbSaves.CancelBackground"/> (Redis kills its child with SIGUSR1).</summary>
    public bool Cancelled;

    private readonly RedisServer _server;
    private long _keysSeen;
    private double _pendingDelayUs;

    internal BackgroundSave(RedisServer server, DatasetSnapshot snapshot)
    {
        _server = server;
        Snapshot = snapshot;
        Dir = server.Config.Dir;
        DbFilename = server.Config.DbFilename;
    }

    private FileStream? _file;

    /// <summary>The nice value of background save and rewrite threads (see Native.NiceCurrentThread).</summary>
    public const int BackgroundNice = 19;

    /// <summary>
    /// Called under the lock. The temp file is created here, not on the thread: a SAVE right after a
    /// cancelled BGSAVE reuses the name, and must not have its file truncated by a late-starting thread.
    /// </summary>
    internal void Start()
    {
        _file = RdbFile.OpenTemp(Dir, _server.Log);
        new Thread(Run) { IsBackground = true, Name = "redis-rdb-bgsave" }.Start();
    }

    private void Run()
    {
        Hosting.Native.NiceCurrentThread(BackgroundNice);
        Hosting.Native.PinCurrentThread(_server.Config.BgsaveCpulist);
        var log = _server.ChildLog; // what a forked child would log
        bool ok = false;
        var file = _file;
        if (file is not null)
        {
            bool written = false;
            try
            {
                // With rdb-key-save-delay (tests), small steps spread the delay over the whole save.
                written = Snapshot.Run(file, _server.Config.RdbKeySaveDelay != 0 ? 4 : 1024, BetweenSteps);
            }
            catch (Exception ex)
            {
                // A write error, or a value type without an RDB codec: the save fails, the server goes on.
                RdbFile.WriteError("rdbSaveRio", ex, log);
                file.Dispose();
            }
            if (written) ok = RdbFile.Finish(file, log);
            else file.Dispose(); // cancelled or failed: no fsync needed
        }
        lock (_server.ExecLock)
        {
            if (Cancelled) return; // the canceller removed the file and reset the state
            if (!ok)
            {
                Snapshot.Cancel();
                if (file is not null) RdbFile.RemoveTemp(Dir);
                RdbSaves.BackgroundDone(_server, this, ok);
                return;
            }
            _committing = true;
        }
        // The rename and the directory fsync take milliseconds: done outside the lock, as a forked
        // child does them. A canceller arriving meanwhile waits for this to finish (see CancelCommit).
        bool committed;
        try { committed = RdbFile.Commit(Dir, DbFilename, log); }
        finally { _committed.Set(); }
        lock (_server.ExecLock)
        {
            if (Cancelled) return;
            if (committed)
            {
                log.LogInformation("DB saved on disk");
                log.LogInformation("{Line}", RdbFile.CowLine("RDB"));
            }
            RdbSaves.BackgroundDone(_server, this, committed);
        }
    }

    private bool _committing;
    private readonly ManualResetEventSlim _committed = new();

    /// <summary>
    /// Under the lock, by a canceller: true if the temp file is already being renamed into place (the
    /// caller must not remove it); waits for that to finish, so a following SAVE can reuse the temp name.
    /// </summary>
    internal bool CancelCommit()
    {
        if (!_committing) return false;
        _committed.Wait();
        return true;
    }

    private long _synced;

    /// <summary>
    /// Outside the lock after each step: rdb-save-incremental-fsync (an fsync every 4 MB, as Redis's
    /// rio autosync, so the final fsync is not one large burst of writeback), and rdb-key-save-delay
    /// (microseconds per key; negative: 1 µs with probability 1/|n|).
    /// </summary>
    private void BetweenSteps()
    {
        if (_server.Config.RdbSaveIncrementalFsync && Snapshot.BytesWritten - _synced >= 4 << 20 && _file is { } f)
        {
            f.Flush(flushToDisk: true);
            _synced = Snapshot.BytesWritten;
        }
        int delay = _server.Config.RdbKeySaveDelay;
        long keys = Snapshot.KeysProcessed;
        long delta = keys - _keysSeen;
        _keysSeen = keys;
        if (delay == 0 || delta == 0) return;
        _pendingDelayUs += delay > 0 ? (double)delta * delay : (double)delta / -delay;
        if (_pendingDelayUs < 1000) return;
        int ms = (int)Math.Min(_pendingDelayUs / 1000, int.MaxValue);
        _pendingDelayUs -= ms * 1000.0;
        Thread.Sleep(ms);
    }
}
