using RedisNet.Server;

namespace RedisNet.Commands.ServerCommands;

/// <summary>INFO persistence, in Redis 7.0's field order: RDB, AOF, module fork, then AOF and loading details when they apply.</summary>
public static class InfoPersistence
{
    public static void Persistence(InfoWriter w, RedisServer server)
    {
        var rdb = server.Rdb;
        var aof = server.Aof;
        long now = Clock.UnixMs();
        w.Section("Persistence");
        w.Field("loading", rdb.Loading ? 1 : 0)
         .Field("async_loading", 0)
         .Field("current_cow_peak", 0)
         .Field("current_cow_size", 0)
         .Field("current_cow_size_age", 0)
         .Field("current_fork_perc", "0.00")
         .Field("current_save_keys_processed", rdb.CurrentSaveKeysProcessed)
         .Field("current_save_keys_total", rdb.CurrentSaveKeysTotal)
         .Field("rdb_changes_since_last_save", server.Dirty)
         .Field("rdb_bgsave_in_progress", rdb.BgsaveInProgress ? 1 : 0)
         .Field("rdb_last_save_time", server.LastSaveMs / 1000)
         .Field("rdb_last_bgsave_status", rdb.LastBgsaveStatus)
         .Field("rdb_last_bgsave_time_sec", rdb.LastBgsaveTimeSec)
         .Field("rdb_current_bgsave_time_sec", rdb.CurrentBgsaveStartMs < 0 ? -1 : (now - rdb.CurrentBgsaveStartMs) / 1000)
         .Field("rdb_saves", rdb.Saves)
         .Field("rdb_last_cow_size", 0)
         .Field("rdb_last_load_keys_expired", rdb.LoadKeysExpired)
         .Field("rdb_last_load_keys_loaded", rdb.LoadKeysLoaded)
         .Field("aof_enabled", aof.File is { Status: not RedisNet.Persistence.Aof.AofStatus.Off } ? 1 : 0)
         .Field("aof_rewrite_in_progress", aof.RewriteInProgress ? 1 : 0)
         .Field("aof_rewrite_scheduled", aof.RewriteScheduled ? 1 : 0)
         .Field("aof_last_rewrite_time_sec", aof.LastRewriteTimeSec)
         .Field("aof_current_rewrite_time_sec", aof.CurrentRewriteStartMs < 0 ? -1 : (now - aof.CurrentRewriteStartMs) / 1000)
         .Field("aof_last_bgrewrite_status", aof.LastBgrewriteStatus)
         .Field("aof_rewrites", aof.Rewrites)
         .Field("aof_rewrites_consecutive_failures", aof.RewritesConsecutiveFailures)
         .Field("aof_last_write_status", aof.LastWriteStatus)
         .Field("aof_last_cow_size", 0)
         .Field("module_fork_in_progress", 0)
         .Field("module_fork_last_cow_size", 0);
        if (aof.File is { Status: not RedisNet.Persistence.Aof.AofStatus.Off } f)
        {
            w.Field("aof_current_size", f.CurrentSize)
             .Field("aof_base_size", f.RewriteBaseSize)
             .Field("aof_pending_rewrite", aof.RewriteScheduled ? 1 : 0)
             .Field("aof_buffer_length", f.BufferLength)
             .Field("aof_pending_bio_fsync", f.FsyncInProgress ? 1 : 0)
             .Field("aof_delayed_fsync", 0);
        }
        if (rdb.Loading) LoadingFields(w, rdb);
    }

    /// <summary>Progress of a load, as Redis estimates it (the ETA extrapolates the bytes read so far).</summary>
    private static void LoadingFields(InfoWriter w, Persistence.RdbState rdb)
    {
        long total = rdb.LoadingTotalBytes, loaded = rdb.LoadingLoadedBytes;
        double perc = total > 0 ? (double)loaded / total * 100 : 0;
        long remaining = total > 0 ? total - loaded : 1;
        long elapsed = Clock.UnixMs() / 1000 - rdb.LoadingStartUnix;
        long eta = elapsed == 0 ? 1 : elapsed * remaining / (loaded + 1);
        w.Field("loading_start_time", rdb.LoadingStartUnix)
         .Field("loading_total_bytes", total)
         .Field("loading_rdb_used_mem", rdb.LoadingRdbUsedMem)
         .Field("loading_loaded_bytes", loaded)
         .Field("loading_loaded_perc", perc.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))
         .Field("loading_eta_seconds", eta);
    }
}
