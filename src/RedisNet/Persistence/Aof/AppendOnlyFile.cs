using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using RedisNet.Protocol;
using RedisNet.Server;

namespace RedisNet.Persistence.Aof;

/// <summary>Redis's aof_state: off, on, or waiting for the first rewrite after CONFIG SET appendonly yes.</summary>
public enum AofStatus { Off, On, WaitRewrite }

/// <summary>
/// The append-only file of a running server (Redis 7.0's multi-part AOF): receives every propagated
/// write as a sink, encodes it as RESP (with SELECT when the db changes and #TS annotations under
/// aof-timestamp-enabled) into a buffer, and writes the buffer to the current incr file before any
/// reply leaves (<see cref="BeforeReplies"/>), fsyncing there under appendfsync always, or once a
/// second from a background thread under everysec. Files live in appenddirname, listed by the
/// manifest; rewrites (<see cref="AofRewrite"/>) add a new base and incr file.
/// All methods but the fsync loop run under the execution lock.
/// </summary>
public sealed partial class AppendOnlyFile : IPropagationSink
{
    private readonly RedisServer _server;
    private readonly ILogger _log;
    private readonly RespWriter _buf = new(16 * 1024);
    private int _selectedDb = -1;
    private long _lastTimestampSec;
    private SafeFileHandle? _incr;
    private string? _incrName;
    private long _incrOffset;
    private volatile bool _stop;
    private Thread? _fsyncThread;
    // Written (file offset reached) vs. known durable, read by the everysec thread.
    private long _written, _synced;
    private int _fsyncRunning;
    private long _lastWriteErrorLog = long.MinValue / 2;
    private const long WriteErrorLogIntervalMs = 30_000; // AOF_WRITE_LOG_ERROR_RATE

    public AofStatus Status { get; internal set; }
    public AofManifest Manifest { get; internal set; } = new();
    /// <summary>INFO's aof_current_size and aof_base_size (the size after the last load or rewrite).</summary>
    public long CurrentSize, RewriteBaseSize;
    public AofRewrite? Rewrite { get; internal set; }
    /// <summary>True while files are being replayed: writes by the loader are not logged again.</summary>
    internal bool Loading;

    public AppendOnlyFile(RedisServer server)
    {
        _server = server;
        _log = server.Log;
    }

    private Config.ServerConfig Cfg => _server.Config;
    public string DirName => Cfg.AppendDirname;
    public string PathOf(string name) => Path.Combine(DirName, name);
    public int BufferLength => _buf.Length;
    public bool FsyncInProgress => Volatile.Read(ref _fsyncRunning) != 0;

    /// <summary>Called by Propagation for every write, in execution order.</summary>
    public void Feed(int db, IReadOnlyList<byte[]> argv)
    {
        if (Loading || Status == AofStatus.Off || (Status == AofStatus.WaitRewrite && Rewrite is null)) return;
        if (Cfg.AofTimestampEnabled) AppendTimestamp(force: false);
        if (db != _selectedDb)
        {
            AppendCommand(_buf, [AofEncoding.Select, System.Text.Encoding.ASCII.GetBytes(db.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            _selectedDb = db;
        }
        AppendCommand(_buf, argv);
    }

    internal void AppendTimestamp(bool force)
    {
        long now = Clock.UnixMs() / 1000;
        if (!force && now <= _lastTimestampSec) return;
        _lastTimestampSec = now;
        _buf.WriteRaw(AofEncoding.Timestamp(now));
    }

    public static void AppendCommand(RespWriter w, IReadOnlyList<byte[]> argv)
    {
        w.WriteArrayHeader(argv.Count);
        for (int i = 0; i < argv.Count; i++) w.WriteBulk(argv[i]);
    }

    /// <summary>
    /// Writes what was buffered to the incr file before replies are sent, so an acknowledged write
    /// is in the file (and on disk under appendfsync always). Redis's flushAppendOnlyFile in beforeSleep.
    /// </summary>
    public void Flush()
    {
        if (_buf.Length == 0 || _incr is null) return;
        try
        {
            RandomAccess.Write(_incr, _buf.WrittenSpan, _incrOffset);
        }
        catch (IOException ex)
        {
            // Redis logs this at most every 30 s while the error lasts, keeps the buffer, retries on
            // the next flush (each cron tick) and refuses writes meanwhile (MISCONF).
            var st = _server.Aof;
            st.WriteError = RdbFile.StrError(ex);
            long now = Environment.TickCount64;
            if (now - _lastWriteErrorLog > WriteErrorLogIntervalMs)
            {
                _log.LogWarning("Error writing to the AOF file: {Error}", st.WriteError);
                _lastWriteErrorLog = now;
            }
            if (Cfg.AppendFsync == "always")
            {
                _log.LogWarning("Can't recover from AOF write error when the AOF fsync policy is 'always'. Exiting...");
                FileSync.Exit(1);
            }
            return;
        }
        _incrOffset += _buf.Length;
        CurrentSize += _buf.Length;
        if (_server.Aof.WriteError is not null)
        {
            _log.LogWarning("AOF write error looks solved, Redis can write again.");
            _server.Aof.WriteError = null;
        }
        _buf.Reset();
        _buf.ShrinkIfLarge();
        Volatile.Write(ref _written, _incrOffset);
        if (Cfg.AppendFsync == "always" && !(Cfg.NoAppendfsyncOnRewrite && Rewrite is not null)) SyncNow();
    }

    /// <summary>fdatasync of the current incr file; a failure under always is fatal, as in Redis.</summary>
    private void SyncNow()
    {
        if (_incr is null) return;
        if (!FileSync.DataSync(_incr))
        {
            _log.LogWarning("Can't persist AOF for fsync error when the AOF fsync policy is 'always'. Exiting...");
            FileSync.Exit(1);
        }
        Volatile.Write(ref _synced, _incrOffset);
    }

    /// <summary>everysec: once a second, fsync what was written since the last one, off the execution lock.</summary>
    private void FsyncLoop()
    {
        long lastSync = Environment.TickCount64;
        while (!_stop)
        {
            Thread.Sleep(100);
            if (Cfg.AppendFsync != "everysec" || Environment.TickCount64 - lastSync < 1000) continue;
            var h = _incr;
            long target = Volatile.Read(ref _written);
            if (h is null || target == Volatile.Read(ref _synced)) continue;
            if (Cfg.NoAppendfsyncOnRewrite && Rewrite is not null) continue;
            Volatile.Write(ref _fsyncRunning, 1);
            int errno = FileSync.DataSyncErrno(h);
            var st = _server.Aof;
            if (errno == 0 || errno is 9 or 22) // EBADF/EINVAL: not a sync error (Redis ignores them too)
            {
                if (errno == 0) Volatile.Write(ref _synced, target);
                st.FsyncError = null;
            }
            else
            {
                var why = System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno);
                if (st.FsyncError is null) _log.LogWarning("Fail to fsync the AOF file: {Error}", why); // once, as Redis
                st.FsyncError = why;
            }
            Volatile.Write(ref _fsyncRunning, 0);
            lastSync = Environment.TickCount64;
        }
    }

    internal void StartFsyncThread()
    {
        if (_fsyncThread is not null) return;
        _fsyncThread = new Thread(FsyncLoop) { IsBackground = true, Name = "aof-fsync" };
        _fsyncThread.Start();
    }

    /// <summary>Opens (creating if needed) an incr file for appending; the next write starts with SELECT.</summary>
    internal void OpenIncr(string name)
    {
        var h = File.OpenHandle(PathOf(name), FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        // The file being left may hold writes the everysec thread has not synced yet.
        CloseIncr(sync: true);
        _incr = h;
        _incrName = name;
        _incrOffset = RandomAccess.GetLength(h);
        Volatile.Write(ref _written, _incrOffset);
        Volatile.Write(ref _synced, _incrOffset);
        _selectedDb = -1;
    }

    internal string? IncrName => _incrName;
    /// <summary>The open incr file was renamed (temp incr file → its manifest name); the handle stays valid.</summary>
    internal void RenamedIncr(string name) => _incrName = name;
    internal long IncrSize => _incrOffset;

    /// <summary>Flushes and closes the current incr file (fsynced when asked).</summary>
    internal void CloseIncr(bool sync)
    {
        if (_incr is null) return;
        Flush();
        if (sync) FileSync.DataSync(_incr);
        _incr.Dispose();
        _incr = null;
        _incrName = null;
    }

    /// <summary>Writes the manifest through a temp file, fsync and rename (Redis's persistAofManifest).</summary>
    internal bool PersistManifest(AofManifest m)
    {
        var name = AofManifest.ManifestName(Cfg.AppendFilename);
        var temp = PathOf(AofManifest.TempManifestName(Cfg.AppendFilename));
        try
        {
            using (var f = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                f.Write(System.Text.Encoding.UTF8.GetBytes(m.ToString()));
                f.Flush(flushToDisk: true);
            }
            File.Move(temp, PathOf(name), overwrite: true);
            FileSync.SyncDirectory(DirName);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning("Can't persist the AOF manifest file {Name}: {Error}", name, ex.Message);
            return false;
        }
    }

    /// <summary>Deletes the history files and drops them from the manifest (Redis's aofDelHistoryFiles).</summary>
    internal void DeleteHistoryFiles()
    {
        if (Cfg.AofDisableAutoGc || Manifest.History.Count == 0) return; // aof-disable-auto-gc keeps them (tests, debugging)
        foreach (var h in Manifest.History)
        {
            _log.LogInformation("Removing the history file {Name} in the background", h.FileName);
            try { File.Delete(PathOf(h.FileName)); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        Manifest.History.Clear();
        PersistManifest(Manifest);
    }

    /// <summary>SHUTDOWN / CONFIG SET appendonly no: everything buffered is written and fsynced.</summary>
    /// <returns>The fsync's errno (0: done, or no file open).</returns>
    public int FlushAndSync()
    {
        Flush();
        if (_incr is null) return 0;
        int errno = FileSync.DataSyncErrno(_incr);
        if (errno == 0) Volatile.Write(ref _synced, _incrOffset);
        return errno;
    }

    /// <summary>Stops the fsync thread (server shutdown).</summary>
    public void Dispose()
    {
        _stop = true;
        CloseIncr(sync: true);
    }
}
