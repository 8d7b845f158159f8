using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using RedisNet.Persistence.Rdb;
using RedisNet.Server;

namespace RedisNet.Persistence;

/// <summary>
/// Loading `dir`/`dbfilename` into the databases (Redis's rdbLoad and loadDataFromDisk): at startup
/// and for DEBUG RELOAD. Logs Redis's lines ("Loading RDB produced by version", "Done loading RDB,
/// keys loaded: N, keys expired: M.", "DB loaded from disk: S seconds"); a damaged file gets Redis's
/// fatal lines and the caller exits with code 1; a missing file is an empty dataset.
/// </summary>
public static class RdbLoading
{
    public enum Outcome { Loaded, Missing, Fatal, Aborted }

    /// <summary>Thrown at a loading yield when a shutdown was accepted meanwhile.</summary>
    private sealed class LoadingAbortedException() : Exception("loading aborted by a shutdown");

    /// <summary>
    /// Startup: loads the dump, or the AOF directory when the AOF is on. Fatal: exit 1; Aborted: a
    /// SHUTDOWN or signal came during the load, the server stops without finishing it.
    /// <paramref name="startServing"/> runs first, under the lock, so no command runs before loading
    /// begins; it must not serve clients on the calling thread (which holds the lock reentrantly).
    /// </summary>
    public static Outcome LoadAtStartup(RedisServer server, Action startServing)
    {
        long start = Stopwatch.GetTimestamp();
        Outcome outcome;
        lock (server.ExecLock)
        {
            // Set before serving starts, so the first command a client gets in (at a yield) sees it.
            server.Rdb.Loading = !server.Config.AppendOnly && File.Exists(RdbFile.PathIn(server.Config.Dir, server.Config.DbFilename));
            startServing();
            try
            {
                // With appendonly yes the AOF is the source (Redis's loadDataFromDisk), served the same way.
                if (server.Config.AppendOnly)
                    outcome = Aof.AppendOnlyFile.For(server).StartOnServerStart(serveClients: true) ? Outcome.Loaded : Outcome.Fatal;
                else
                {
                    outcome = LoadFile(server, allowDuplicates: false, serveClients: true);
                    if (outcome == Outcome.Loaded)
                        server.Log.LogInformation("DB loaded from disk: {Seconds} seconds",
                            Stopwatch.GetElapsedTime(start).TotalSeconds.ToString("F3", CultureInfo.InvariantCulture));
                }
            }
            catch (LoadingAbortedException) { outcome = Outcome.Aborted; }
            // Also cleared when the file vanished in between. Otherwise it stays set: the listener is
            // up, and until the process is gone clients get -LOADING, not a half dataset.
            server.Rdb.Loading = outcome is Outcome.Fatal or Outcome.Aborted;
        }
        return outcome;
    }

    /// <summary>
    /// Loads the file into the current databases (call under the execution lock). With
    /// <paramref name="allowDuplicates"/> (DEBUG RELOAD MERGE) a key or function in the file replaces
    /// the one in memory; otherwise a duplicate is a corrupt file. <paramref name="serveClients"/>
    /// (startup): the lock is released about every 2 MB and around key-load-delay sleeps, so
    /// clients get their -LOADING replies and INFO its loading_* fields while the file loads.
    /// </summary>
    public static Outcome LoadFile(RedisServer server, bool allowDuplicates, bool serveClients = false)
    {
        var cfg = server.Config;
        var log = server.Log;
        var rdb = server.Rdb;
        FileStream file;
        try
        {
            file = new FileStream(RdbFile.PathIn(cfg.Dir, cfg.DbFilename), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException) { return Outcome.Missing; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.LogWarning("Fatal error loading the DB: {Error}. Exiting.", RdbFile.StrError(ex));
            return Outcome.Fatal;
        }
        var functions = server.Scripting.Functions;
        var options = new RdbLoadOptions
        {
            VerifyChecksum = cfg.RdbChecksum && !rdb.SkipChecksumValidation,
            LoadFunction = code => functions.Load(code, allowDuplicates, out _),
            AllowDuplicates = allowDuplicates,
            Log = log,
            Progress = pos =>
            {
                rdb.LoadingLoadedBytes = pos;
                if (serveClients) Yield(server, 0);
            },
            PerKey = KeyLoadDelay(server, ms => { if (serveClients) Yield(server, ms); else Thread.Sleep(ms); }),
            ProgressBytes = cfg.LoadingProcessEventsIntervalBytes,
        };
        rdb.Loading = true;
        rdb.LoadingStartUnix = Clock.UnixMs() / 1000;
        rdb.LoadingTotalBytes = file.Length;
        rdb.LoadingLoadedBytes = 0;
        try
        {
            var result = RdbLoader.Load(new RdbReader(file), server, options);
            rdb.LoadKeysLoaded = result.KeysLoaded;
            rdb.LoadKeysExpired = result.KeysExpired;
            log.LogInformation("Done loading RDB, keys loaded: {Loaded}, keys expired: {Expired}.", result.KeysLoaded, result.KeysExpired);
            return Outcome.Loaded;
        }
        catch (RdbFormatException ex)
        {
            ReportFatal(log, ex.Message);
            return Outcome.Fatal;
        }
        finally
        {
            rdb.Loading = false;
            file.Dispose();
        }
    }

    /// <summary>
    /// The lines Redis 7.0 logs before exiting on a bad file: bad signature or version are "invalid
    /// argument" errors; a CRC mismatch names both checksums; an unknown value type is reported as
    /// corruption; everything else (truncation, bad encodings) goes through its short-read path.
    /// </summary>
    public static void ReportFatal(ILogger log, string message)
    {
        if (message.StartsWith("Wrong signature", StringComparison.Ordinal) || message.StartsWith("Can't handle RDB format version", StringComparison.Ordinal))
        {
            log.LogWarning("{Message}", message);
            log.LogWarning("Fatal error loading the DB: Invalid argument. Exiting.");
        }
        else if (message.StartsWith("Wrong RDB checksum", StringComparison.Ordinal))
        {
            log.LogWarning("{Message}", message);
            log.LogWarning("Internal error in RDB reading offset 0, function at rdb.c:3225 -> RDB CRC error");
        }
        else if (message.StartsWith("FATAL:", StringComparison.Ordinal)) log.LogWarning("{Message}", message);
        else if (message.StartsWith("Unknown RDB encoding type", StringComparison.Ordinal))
            log.LogWarning("Internal error in RDB reading offset 0, function at rdb.c:2681 -> {Message}", message);
        else
        {
            // Redis sends every failed read (lengths, strings, values) to this one report; the detail
            // is kept at debug level.
            log.LogDebug("RDB loading failed: {Message}", message);
            log.LogWarning("Short read or OOM loading DB. Unrecoverable error, aborting now.");
            log.LogWarning("Internal error in RDB reading offset 0, function at rdb.c:3249 -> Unexpected EOF reading RDB file");
        }
    }

    /// <summary>Lets the commands waiting for the execution lock run (the loader holds it otherwise), sleeping meanwhile.</summary>
    internal static void Yield(RedisServer server, int sleepMs)
    {
        Monitor.Exit(server.ExecLock);
        try { if (sleepMs > 0) Thread.Sleep(sleepMs); else Thread.Yield(); }
        finally { Monitor.Enter(server.ExecLock); }
        if (server.Rdb.AbortLoading) throw new LoadingAbortedException();
    }

    /// <summary>
    /// key-load-delay: microseconds slept per key loaded (negative: 1 µs with probability 1/|n|), for
    /// tests; <paramref name="sleep"/> sleeps whole milliseconds (serving clients meanwhile at startup).
    /// </summary>
    internal static Action? KeyLoadDelay(RedisServer server, Action<int> sleep)
    {
        int delay = server.Config.KeyLoadDelay;
        if (delay == 0) return null;
        double pendingUs = 0;
        return () =>
        {
            pendingUs += delay > 0 ? delay : 1.0 / -delay;
            if (pendingUs < 1000) return;
            int ms = (int)(pendingUs / 1000);
            pendingUs -= ms * 1000.0;
            sleep(ms);
        };
    }
}
