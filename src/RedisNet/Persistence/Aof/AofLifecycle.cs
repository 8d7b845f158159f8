using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RedisNet.Server;

namespace RedisNet.Persistence.Aof;

/// <summary>
/// How the AOF follows the server's life: loading and opening at startup (with the upgrade of an old
/// single-file appendonly.aof), CONFIG SET appendonly yes/no, the cron (auto-aof-rewrite-*, scheduled
/// rewrites), SHUTDOWN and DEBUG LOADAOF. Everything here runs under the execution lock.
/// </summary>
public sealed partial class AppendOnlyFile
{
    /// <summary>The server's AOF (created on first use; off until appendonly yes).</summary>
    public static AppendOnlyFile For(RedisServer server) => server.Aof.File ??= new AppendOnlyFile(server);

    /// <summary>
    /// At startup with appendonly yes: loads the directory (Redis's loadAppendOnlyFiles) and opens the
    /// incr file to append to, creating a base first when there is none (aofOpenIfNeededOnServerStart).
    /// Returns false (logged) when the server must not start. <paramref name="serveClients"/>: the lock
    /// is released now and then while loading, so clients get -LOADING (see AofLoader.ServeClients).
    /// </summary>
    public bool StartOnServerStart(bool serveClients)
    {
        var cfg = Cfg;
        try
        {
            if (!LoadManifestFromDisk(out var m)) return false;
            if (UpgradeNeeded(m)) m = Upgrade();
            Manifest = m;
            long start = Stopwatch.GetTimestamp();
            var loader = new AofLoader(_server, DirName) { ServeClients = serveClients };
            Loading = true;
            AofLoadStatus st;
            try { st = loader.LoadAll(m); }
            finally { Loading = false; }
            if (st is AofLoadStatus.Failed or AofLoadStatus.OpenError) return false;
            if (st != AofLoadStatus.NotExist) _log.LogInformation("DB loaded from append only file: {Secs} seconds", AofLoader.Seconds(start));
            CurrentSize = loader.TotalSize;
            RewriteBaseSize = loader.BaseSize;

            Directory.CreateDirectory(DirName);
            if (m.IsEmpty)
            {
                var baseName = m.NewBase(cfg.AppendFilename, cfg.AofUseRdbPreamble);
                WriteBaseNow(PathOf(baseName));
                _log.LogInformation("Creating AOF base file {Name} on server start", baseName);
                RewriteBaseSize = CurrentSize = new FileInfo(PathOf(baseName)).Length;
            }
            bool created = m.Incr.Count == 0;
            var incr = created ? m.NewIncr(cfg.AppendFilename) : m.Incr[^1].FileName;
            OpenIncr(incr);
            _log.LogInformation(created ? "Creating AOF incr file {Name} on server start" : "Opening AOF incr file {Name} on server start", incr);
            if (!PersistManifest(m)) return false;
            Status = AofStatus.On;
            Attach();
            DeleteHistoryFiles();
            return true;
        }
        catch (AofManifestException ex)
        {
            _log.LogWarning("{Error}", ex.Message);
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning("Can't open the append-only file: {Error}", ex.Message);
            return false;
        }
    }

    private void Attach()
    {
        if (_attached) return;
        _server.Propagation.Attach(this);
        _attached = true;
        StartFsyncThread();
    }

    private bool _attached;

    private bool _manifestLoaded;

    /// <summary>
    /// Redis reads the manifest once at startup and then keeps it in memory (with its sequence
    /// numbers, which history files no longer show); here it is read at first use.
    /// </summary>
    private bool LoadManifestIfNeeded()
    {
        if (_manifestLoaded) return true;
        if (!LoadManifestFromDisk(out var m)) return false;
        Manifest = m;
        return true;
    }

    /// <summary>Reads appenddirname/appendfilename.manifest; an absent one is an empty manifest.</summary>
    internal bool LoadManifestFromDisk(out AofManifest m)
    {
        _manifestLoaded = true;
        m = new AofManifest();
        var path = PathOf(AofManifest.ManifestName(Cfg.AppendFilename));
        if (!File.Exists(path)) return true;
        try { m = AofManifest.Parse(File.ReadAllText(path)); }
        catch (AofManifestException ex)
        {
            // Redis's report, blank lines included.
            _log.LogWarning("\n*** FATAL AOF MANIFEST FILE ERROR ***\n");
            if (ex.Line is not null)
            {
                _log.LogWarning("Reading the manifest file, at line {Line}\n", ex.LineNumber);
                _log.LogWarning(">>> '{Text}'\n", ex.Line);
            }
            _log.LogWarning("{Error}\n", ex.Message);
            return false;
        }
        return true;
    }

    /// <summary>An appendonly.aof in dir and no usable manifest: a Redis before 7.0 wrote it (Redis's aofUpgradePrepare conditions).</summary>
    private bool UpgradeNeeded(AofManifest m)
    {
        var fn = Cfg.AppendFilename;
        if (!File.Exists(fn)) return false;
        if (!Directory.Exists(DirName) || m.IsEmpty) return true;
        return m.Incr.Count == 0 && m.Base is { } b && b.FileName == fn && !File.Exists(PathOf(fn));
    }

    /// <summary>Moves the old single file into the directory as the base of a new manifest.</summary>
    private AofManifest Upgrade()
    {
        var fn = Cfg.AppendFilename;
        Directory.CreateDirectory(DirName);
        var m = new AofManifest { BaseSeq = 1, Base = new AofFileInfo(fn, 1, AofFileType.Base) };
        if (!PersistManifest(m)) throw new IOException("can't persist the AOF manifest");
        File.Move(fn, PathOf(fn), overwrite: true);
        FileSync.SyncDirectory(DirName);
        FileSync.SyncDirectory(".");
        _log.LogInformation("Successfully migrated an old-style AOF file ({File}) into the AOF directory ({Dir}).", fn, DirName);
        return m;
    }

    /// <summary>A base file written in the foreground (server start with nothing to load).</summary>
    private void WriteBaseNow(string path)
    {
        var rw = DatasetSnapshotFor(_server, Cfg.AofUseRdbPreamble, out var enc);
        using (var f = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            rw.Run(f); // the execution lock is re-entrant: steps run here
            f.Flush(flushToDisk: true);
        }
        if (enc?.Error is { } err) throw new IOException(err);
    }

    internal static DatasetSnapshot DatasetSnapshotFor(RedisServer server, bool rdb, out AofCommandEncoder? encoder)
    {
        encoder = null;
        if (rdb) return Rdb.RdbSnapshotEncoder.Begin(server, aofBase: true);
        var enc = encoder = new AofCommandEncoder();
        bool ts = server.Config.AofTimestampEnabled;
        return DatasetSnapshot.Begin(server, enc, false, h =>
        {
            if (ts) h.WriteRaw(AofEncoding.Timestamp(Clock.UnixMs() / 1000));
            enc.Functions(h, server);
        }, (_, _) => { });
    }

    /// <summary>CONFIG SET appendonly: follows the new value. Returns an error text or null.</summary>
    public static string? ApplyConfig(RedisServer server)
    {
        var aof = For(server);
        if (server.Config.AppendOnly && aof.Status == AofStatus.Off) return aof.StartAppendOnly() ? null : "Failed to start AOF";
        if (!server.Config.AppendOnly && aof.Status != AofStatus.Off) aof.StopAppendOnly();
        return null;
    }

    /// <summary>Redis's startAppendOnly: wait for a rewrite that creates the base, writes kept in a temp incr file.</summary>
    private bool StartAppendOnly()
    {
        if (!LoadManifestIfNeeded()) return false;
        Status = AofStatus.WaitRewrite;
        Attach();
        if (_server.Rdb.BgsaveInProgress)
        {
            _server.Aof.RewriteScheduled = true;
            _log.LogWarning("AOF was enabled but there is already another background operation. An AOF background was scheduled to start when possible.");
            return true;
        }
        if (Rewrite is not null)
        {
            _log.LogWarning("AOF was enabled but there is already an AOF rewriting in background. Stopping background AOF and starting a rewrite now.");
            Rewrite.Cancel();
        }
        if (AofRewrite.Start(_server, this)) return true;
        Status = AofStatus.Off;
        _log.LogWarning("Redis needs to enable the AOF but can't trigger a background AOF rewrite operation. Check the above logs for more info about the error.");
        return false;
    }

    /// <summary>Redis's stopAppendOnly: flush and fsync, close, cancel a rewrite in progress.</summary>
    private void StopAppendOnly()
    {
        FlushAndSync();
        if (Rewrite is not null)
        {
            _log.LogInformation("Killing running AOF rewrite child: {Pid}", Environment.ProcessId);
            Rewrite.Cancel();
        }
        CloseIncr(sync: true);
        _buf.Reset();
        Status = AofStatus.Off;
        _server.Aof.RewriteScheduled = false;
    }

    /// <summary>BGREWRITEAOF: "started", "scheduled", or an error text.</summary>
    public string BackgroundRewrite(out bool error)
    {
        error = false;
        if (Rewrite is not null) { error = true; return "ERR Background append only file rewriting already in progress"; }
        if (_server.Rdb.BgsaveInProgress)
        {
            _server.Aof.RewriteScheduled = true;
            return "Background append only file rewriting scheduled";
        }
        if (!LoadManifestIfNeeded()) { error = true; return RewriteFailed; }
        if (AofRewrite.Start(_server, this)) return "Background append only file rewriting started";
        error = true;
        return RewriteFailed;
    }

    private const string RewriteFailed = "ERR Can't execute an AOF background rewriting. Please check the server logs for more information.";

    /// <summary>Each cron tick: write what background work propagated, start scheduled or automatic rewrites.</summary>
    public void CronTick(long tick)
    {
        Flush();
        var st = _server.Aof;
        if (Rewrite is not null || _server.Rdb.BgsaveInProgress) return;
        if (st.RewriteScheduled)
        {
            if (RewriteLimited()) return;
            if (!AofRewrite.Start(_server, this)) st.RewriteScheduled = false; // logged; not retried every tick
            return;
        }
        var cfg = Cfg;
        if (Status != AofStatus.On || cfg.AutoAofRewritePercentage <= 0 || CurrentSize <= cfg.AutoAofRewriteMinSize) return;
        long baseSize = RewriteBaseSize > 0 ? RewriteBaseSize : 1;
        long growth = CurrentSize * 100 / baseSize - 100;
        if (growth < cfg.AutoAofRewritePercentage || RewriteLimited()) return;
        _log.LogInformation("Starting automatic rewriting of AOF on {Growth}% growth", growth);
        AofRewrite.Start(_server, this);
    }

    private int _rewriteDelayMinutes;
    private long _nextRewriteUnix;

    /// <summary>
    /// Redis's aofRewriteLimited: after 3 consecutive failed rewrites, the next automatic or scheduled
    /// one waits 1 minute, then 2, 4, ... up to 60; a success resets it. BGREWRITEAOF is never held back.
    /// </summary>
    private bool RewriteLimited()
    {
        if (_server.Aof.RewritesConsecutiveFailures < 3)
        {
            _rewriteDelayMinutes = 0;
            _nextRewriteUnix = 0;
            return false;
        }
        long now = Clock.UnixMs() / 1000;
        if (_nextRewriteUnix != 0)
        {
            if (now < _nextRewriteUnix) return true;
            _nextRewriteUnix = 0;
            return false;
        }
        _rewriteDelayMinutes = _rewriteDelayMinutes == 0 ? 1 : Math.Min(_rewriteDelayMinutes * 2, 60);
        _nextRewriteUnix = now + _rewriteDelayMinutes * 60L;
        _log.LogWarning("Background AOF rewrite has repeatedly failed and triggered the limit, will retry in {Minutes} minutes", _rewriteDelayMinutes);
        return true;
    }

    /// <summary>
    /// SHUTDOWN, before the final RDB save (Redis's finishShutdown): stop a rewrite, write and fsync
    /// the AOF. False when the first rewrite after CONFIG SET appendonly yes is still running and the
    /// shutdown is not forced: the dataset would not be in the AOF yet.
    /// </summary>
    public bool BeforeShutdown(bool force)
    {
        if (Status == AofStatus.Off) return true;
        if (Rewrite is not null)
        {
            if (Status == AofStatus.WaitRewrite)
            {
                if (!force)
                {
                    _log.LogWarning("Writing initial AOF, can't exit.");
                    return false;
                }
                _log.LogWarning("Writing initial AOF. Exit anyway.");
            }
            _log.LogWarning("There is a child rewriting the AOF. Killing it!");
            Rewrite.Cancel();
        }
        _log.LogInformation("Calling fsync() on the AOF file.");
        if (FlushAndSync() is int errno and not 0)
            _log.LogWarning("Fail to fsync the AOF file: {Error}.", System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno));
        return true;
    }

    /// <summary>DEBUG LOADAOF: empty the dataset and load the AOF directory again. False: the load failed.</summary>
    public bool DebugLoadAof()
    {
        if (Status == AofStatus.On) Flush();
        foreach (var db in _server.Databases) db.Clear();
        if (!LoadManifestFromDisk(out var m)) return false;
        Manifest = m;
        DeleteHistoryFiles();
        var loader = new AofLoader(_server, DirName);
        Loading = true;
        AofLoadStatus st;
        try { st = loader.LoadAll(m); }
        finally { Loading = false; }
        if (st is not (AofLoadStatus.Ok or AofLoadStatus.Empty or AofLoadStatus.Truncated or AofLoadStatus.NotExist)) return false;
        _server.Dirty = 0;
        _log.LogWarning("Append Only File loaded by DEBUG LOADAOF");
        return true;
    }
}
