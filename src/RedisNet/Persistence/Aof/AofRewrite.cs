using Microsoft.Extensions.Logging;
using RedisNet.Server;

namespace RedisNet.Persistence.Aof;

/// <summary>
/// BGREWRITEAOF without fork (Redis 7.0's rewriteAppendOnlyFileBackground and its done handler): at
/// the start, under the execution lock, writes switch to a new incr file and a
/// <see cref="DatasetSnapshot"/> of that instant begins; a background thread writes the snapshot as
/// the new base (RDB with aof-use-rdb-preamble, else commands) to a temp file; then, under the lock
/// again, the temp file becomes the next base, the manifest is replaced atomically and the files the
/// new base covers are deleted. Nothing written during the rewrite is lost: it is in the new incr file.
/// </summary>
public sealed class AofRewrite
{
    private readonly RedisServer _server;
    private readonly AppendOnlyFile _aof;
    private readonly DatasetSnapshot _snapshot;
    private readonly AofCommandEncoder? _encoder;
    private readonly bool _rdb;
    private readonly string _tempBase;
    private readonly string? _tempIncr;
    private readonly long _startMs;
    private bool _cancelled;

    private ILogger Log => _server.Log;

    private AofRewrite(RedisServer server, AppendOnlyFile aof, string? tempIncr)
    {
        _server = server;
        _aof = aof;
        _tempIncr = tempIncr;
        _rdb = server.Config.AofUseRdbPreamble;
        _tempBase = $"temp-rewriteaof-bg-{Environment.ProcessId}.aof";
        _startMs = Clock.UnixMs();
        _snapshot = AppendOnlyFile.DatasetSnapshotFor(server, _rdb, out _encoder);
    }

    /// <summary>Starts a rewrite (under the execution lock). Returns false, having logged why, if it cannot.</summary>
    public static bool Start(RedisServer server, AppendOnlyFile aof)
    {
        var cfg = server.Config;
        string? tempIncr = null;
        try
        {
            Directory.CreateDirectory(aof.DirName);
            if (aof.Status == AofStatus.On)
            {
                // Writes from now on go to a new incr file, already listed in the manifest.
                aof.Flush();
                var m = aof.Manifest.Clone();
                var name = m.NewIncr(cfg.AppendFilename);
                aof.OpenIncr(name);
                if (!aof.PersistManifest(m)) return false;
                aof.Manifest = m;
                server.Log.LogInformation("Creating AOF incr file {Name} on background rewrite", name);
            }
            else if (aof.Status == AofStatus.WaitRewrite)
            {
                // First rewrite after CONFIG SET appendonly yes: writes wait in a temp incr file until the base exists.
                tempIncr = "temp-" + cfg.AppendFilename + ".incr";
                File.Delete(aof.PathOf(tempIncr));
                aof.OpenIncr(tempIncr);
                server.Log.LogInformation("Creating AOF incr file {Name} on background rewrite", tempIncr);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            server.Log.LogWarning("Can't open the append-only file: {Error}", ex.Message);
            return false;
        }
        var rw = new AofRewrite(server, aof, tempIncr);
        aof.Rewrite = rw;
        var st = server.Aof;
        st.RewriteInProgress = true;
        st.RewriteScheduled = false;
        st.CurrentRewriteStartMs = rw._startMs;
        server.Log.LogInformation("Background append only file rewriting started by pid {Pid}", Environment.ProcessId);
        new Thread(rw.Run) { IsBackground = true, Name = "aof-rewrite" }.Start();
        return true;
    }

    private void Run()
    {
        Hosting.Native.NiceCurrentThread(BackgroundSave.BackgroundNice);
        Hosting.Native.PinCurrentThread(_server.Config.AofRewriteCpulist);
        bool ok;
        string? error = null;
        FileStream? file = null;
        try { file = new FileStream(_tempBase, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _server.ChildLog.LogWarning("Opening the temp file for AOF rewrite in rewriteAppendOnlyFile(): {Error}", RdbFile.StrError(ex));
        }
        try
        {
            if (file is null) ok = false;
            else using (var f = file)
            {
                // aof-rewrite-incremental-fsync: sync every 4 MB, so the final fsync is not one huge burst.
                long synced = 0;
                bool incremental = _server.Config.AofRewriteIncrementalFsync;
                ok = _snapshot.Run(f, betweenSteps: () =>
                {
                    if (!incremental || _snapshot.BytesWritten - synced < 4 << 20) return;
                    f.Flush(flushToDisk: true);
                    synced = _snapshot.BytesWritten;
                });
                error = _encoder?.Error;
                if (ok && error is null) f.Flush(flushToDisk: true);
            }
            if (ok && error is null)
            {
                _server.ChildLog.LogInformation("Successfully created the temporary AOF base file {Name}", _tempBase);
                _server.ChildLog.LogInformation("{Line}", RdbFile.CowLine("AOF rewrite"));
            }
        }
        catch (Exception ex)
        {
            // Any failure (I/O, a value the encoder cannot write) fails this rewrite, never the server.
            ok = false;
            error = ex.Message;
        }
        lock (_server.ExecLock)
        {
            if (_cancelled) return;
            if (ok && error is null && Finish()) return;
            if (error is not null) Log.LogWarning("Error rewriting the append only file: {Error}", error);
            Failed();
        }
    }

    /// <summary>The done handler: new base in place, manifest persisted, covered files deleted.</summary>
    private bool Finish()
    {
        var cfg = _server.Config;
        var st = _server.Aof;
        Log.LogInformation("Background AOF rewrite terminated with success");
        _aof.Flush();
        var m = _aof.Manifest.Clone();
        var newBase = m.NewBase(cfg.AppendFilename, _rdb);
        try
        {
            File.Move(_tempBase, _aof.PathOf(newBase), overwrite: true);
            Log.LogInformation("Successfully renamed the temporary AOF base file {Temp} into {Name}", _tempBase, newBase);
            if (_aof.Status == AofStatus.WaitRewrite && _tempIncr is not null)
            {
                var newIncr = m.NewIncr(cfg.AppendFilename);
                File.Move(_aof.PathOf(_tempIncr), _aof.PathOf(newIncr), overwrite: true);
                _aof.RenamedIncr(newIncr);
                Log.LogInformation("Successfully renamed the temporary AOF incr file {Temp} into {Name}", _tempIncr, newIncr);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogWarning("Error trying to rename the temporary AOF file {Temp} into {Name}: {Error}", _tempBase, newBase, ex.Message);
            return false;
        }
        // With AOF off no incr file is being written: every one of them is covered by the new base.
        m.MarkRewrittenIncrAsHistory(keepLast: _aof.Status != AofStatus.Off);
        if (!_aof.PersistManifest(m)) return false;
        _aof.Manifest = m;
        _aof.CurrentSize = new FileInfo(_aof.PathOf(newBase)).Length + (_aof.Status == AofStatus.Off ? 0 : _aof.IncrSize);
        _aof.RewriteBaseSize = _aof.CurrentSize;
        if (_aof.Status == AofStatus.WaitRewrite) _aof.Status = AofStatus.On;
        st.LastBgrewriteStatus = "ok";
        st.Rewrites++;
        st.RewritesConsecutiveFailures = 0;
        Ended();
        _aof.DeleteHistoryFiles();
        Log.LogInformation("Background AOF rewrite finished successfully");
        return true;
    }

    private void Failed()
    {
        var st = _server.Aof;
        Log.LogWarning("Background AOF rewrite terminated with error");
        st.LastBgrewriteStatus = "err";
        st.RewritesConsecutiveFailures++;
        _snapshot.Cancel(); // the tables may resize again, and the next rewrite may begin its own snapshot
        RemoveTempFiles();
        Ended();
        // Still waiting to switch the AOF on: try again from the cron (limited after repeated failures).
        if (_aof.Status == AofStatus.WaitRewrite) st.RewriteScheduled = true;
    }

    private void Ended()
    {
        var st = _server.Aof;
        st.RewriteInProgress = false;
        st.LastRewriteTimeSec = (Clock.UnixMs() - _startMs) / 1000;
        st.CurrentRewriteStartMs = -1;
        _aof.Rewrite = null;
    }

    private void RemoveTempFiles()
    {
        TryDelete(_tempBase);
        // A failed first rewrite keeps waiting: the temp incr file stays open until the retry replaces it.
    }

    /// <summary>Stops the rewrite (CONFIG SET appendonly no, SHUTDOWN); under the execution lock.</summary>
    public void Cancel()
    {
        _cancelled = true;
        _snapshot.Cancel();
        TryDelete(_tempBase);
        if (_tempIncr is not null && _aof.Status == AofStatus.WaitRewrite) TryDelete(_aof.PathOf(_tempIncr));
        var st = _server.Aof;
        st.RewriteInProgress = false;
        st.CurrentRewriteStartMs = -1;
        _aof.Rewrite = null;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
