using Microsoft.Extensions.Logging;
using RedisNet.Persistence.Rdb;
using RedisNet.Server;

namespace RedisNet.Persistence;

/// <summary>
/// When and how the dataset is saved as RDB, as Redis 7.0 decides it: SAVE (rdbSave), BGSAVE
/// (rdbSaveBackground and its done handler), save points checked by the cron with the retry delay
/// after a failed background save, FLUSHALL's save, and the final save at shutdown.
/// Every method runs under the execution lock.
/// </summary>
public static class RdbSaves
{
    /// <summary>Seconds before a failed background save is retried by a save point (CONFIG_BGSAVE_RETRY_DELAY).</summary>
    public const int BgsaveRetryDelaySeconds = 5;

    /// <summary>A foreground save of the whole dataset to `dir`/`dbfilename` (Redis's rdbSave). Logs its outcome.</summary>
    public static bool Save(RedisServer server)
    {
        var cfg = server.Config;
        var log = server.Log;
        var file = RdbFile.OpenTemp(cfg.Dir, log);
        if (file is null) return false;
        try
        {
            RdbSaver.WriteAll(new RdbWriter(cfg.RdbCompression), server, file);
        }
        catch (Exception ex)
        {
            RdbFile.WriteError("rdbSaveRio", ex, log);
            file.Dispose();
            RdbFile.RemoveTemp(cfg.Dir);
            return false;
        }
        if (!RdbFile.Finish(file, log))
        {
            RdbFile.RemoveTemp(cfg.Dir);
            return false;
        }
        if (!RdbFile.Commit(cfg.Dir, cfg.DbFilename, log)) return false;
        log.LogInformation("DB saved on disk");
        server.Dirty = 0;
        server.LastSaveMs = Clock.UnixMs();
        server.Rdb.LastBgsaveFailed = false;
        return true;
    }

    /// <summary>Starts a background save (rdbSaveBackground); false when one is already running.</summary>
    public static bool StartBackground(RedisServer server)
    {
        var rdb = server.Rdb;
        if (rdb.Background is not null) return false;
        rdb.Saves++;
        rdb.DirtyBeforeBgsave = server.Dirty;
        rdb.LastBgsaveTryUnix = Clock.UnixMs() / 1000;
        var job = new BackgroundSave(server, RdbSnapshotEncoder.Begin(server));
        rdb.Background = job;
        rdb.CurrentBgsaveStartMs = job.StartMs;
        // No child process here: the pid is ours.
        server.Log.LogInformation("Background saving started by pid {Pid}", Environment.ProcessId);
        job.Start();
        return true;
    }

    /// <summary>The background save ended (Redis's backgroundSaveDoneHandlerDisk, run when the child exits).</summary>
    internal static void BackgroundDone(RedisServer server, BackgroundSave job, bool ok)
    {
        var rdb = server.Rdb;
        long now = Clock.UnixMs();
        rdb.Background = null;
        rdb.CurrentBgsaveStartMs = -1;
        rdb.LastBgsaveTimeSec = (now - job.StartMs) / 1000;
        if (ok)
        {
            server.Log.LogInformation("Background saving terminated with success");
            server.Dirty = Math.Max(0, server.Dirty - rdb.DirtyBeforeBgsave);
            server.LastSaveMs = now;
            rdb.LastBgsaveFailed = false;
        }
        else
        {
            server.Log.LogWarning("Background saving error");
            rdb.LastBgsaveFailed = true;
        }
    }

    /// <summary>
    /// Stops a running background save and removes its temp file (Redis's killRDBChild with SIGUSR1,
    /// which does not count as a failure). <paramref name="reportLikeSignal"/>: log the line Redis's
    /// parent logs when it reaps the killed child.
    /// </summary>
    public static void CancelBackground(RedisServer server, bool reportLikeSignal)
    {
        var rdb = server.Rdb;
        var job = rdb.Background;
        if (job is null) return;
        job.Cancelled = true;
        job.Snapshot.Cancel();
        if (!job.CancelCommit()) RdbFile.RemoveTemp(job.Dir);
        rdb.Background = null;
        rdb.CurrentBgsaveStartMs = -1;
        rdb.LastBgsaveTimeSec = (Clock.UnixMs() - job.StartMs) / 1000;
        if (reportLikeSignal) server.Log.LogWarning("Background saving terminated by signal 10");
    }

    /// <summary>True while another background job (AOF rewrite) would keep a BGSAVE from starting.</summary>
    public static bool OtherChildActive(RedisServer server) => server.Aof.RewriteInProgress;

    /// <summary>
    /// The cron's part (serverCron): start a background save when a save point is reached (after a
    /// failed one, only once the retry delay passed), or when BGSAVE SCHEDULE asked for one.
    /// </summary>
    public static void Cron(RedisServer server)
    {
        var rdb = server.Rdb;
        if (rdb.Background is not null || rdb.Loading || OtherChildActive(server)) return;
        long now = Clock.UnixMs() / 1000;
        bool mayRetry = now - rdb.LastBgsaveTryUnix > BgsaveRetryDelaySeconds || !rdb.LastBgsaveFailed;
        if (!mayRetry) return;
        foreach (var (seconds, changes) in server.Config.SaveParams)
        {
            if (server.Dirty >= changes && now - server.LastSaveMs / 1000 > seconds)
            {
                server.Log.LogInformation("{Changes} changes in {Seconds} seconds. Saving...", changes, seconds);
                StartBackground(server);
                return;
            }
        }
        if (rdb.BgsaveScheduled && StartBackground(server)) rdb.BgsaveScheduled = false;
    }

    /// <summary>FLUSHALL: a running background save is stopped, and with save points the empty dataset is saved at once.</summary>
    public static void AfterFlushAll(RedisServer server)
    {
        CancelBackground(server, reportLikeSignal: true);
        if (server.Config.SaveParams.Count > 0) Save(server);
    }

    /// <summary>
    /// Redis's finishShutdown: stop a background save, let <paramref name="flushAof"/> write and fsync
    /// the AOF, then save when save points exist (unless NOSAVE) or SAVE was asked. False when the AOF
    /// or the save failed and FORCE was not given: the server must keep running.
    /// </summary>
    public static bool BeforeShutdown(RedisServer server, ShutdownRequest request, Func<bool> flushAof)
    {
        var log = server.Log;
        bool save = request.Save, noSave = request.NoSave;
        // A half-loaded dataset must never overwrite the file it comes from.
        if (server.Rdb.Loading) { save = false; noSave = true; }
        if (server.Rdb.Background is not null)
        {
            log.LogWarning("There is a child saving an .rdb. Killing it!");
            CancelBackground(server, reportLikeSignal: false);
        }
        // Redis's order: the AOF is written and fsynced before the final RDB save.
        if (!flushAof()) return false;
        if ((server.Config.SaveParams.Count > 0 && !noSave) || save)
        {
            log.LogInformation("Saving the final RDB snapshot before exiting.");
            if (!Save(server))
            {
                if (request.Force) log.LogWarning("Error trying to save the DB. Exit anyway.");
                else
                {
                    log.LogWarning("Error trying to save the DB, can't exit.");
                    return false;
                }
            }
        }
        return true;
    }
}
