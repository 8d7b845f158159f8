using System.Diagnostics;
using RedisNet.Server;

namespace RedisNet.Commands.ServerCommands;

/// <summary>INFO sections stats, replication, cpu, cluster and keyspace.</summary>
public static class InfoStats
{
    public static void Stats(InfoWriter w, RedisServer server)
    {
        var s = server.Stats;
        w.Section("Stats");
        w.Field("total_connections_received", s.TotalConnectionsReceived)
         .Field("total_commands_processed", s.TotalCommandsProcessed)
         .Field("instantaneous_ops_per_sec", server.Instantaneous.OpsPerSec)
         .Field("total_net_input_bytes", Interlocked.Read(ref s.NetInputBytes))
         .Field("total_net_output_bytes", Interlocked.Read(ref s.NetOutputBytes))
         .Field("total_net_repl_input_bytes", 0)
         .Field("total_net_repl_output_bytes", 0)
         .Field2("instantaneous_input_kbps", server.Instantaneous.InputKbps)
         .Field2("instantaneous_output_kbps", server.Instantaneous.OutputKbps)
         .Field("instantaneous_input_repl_kbps", "0.00")
         .Field("instantaneous_output_repl_kbps", "0.00")
         .Field("rejected_connections", s.RejectedConnections)
         .Field("sync_full", 0)
         .Field("sync_partial_ok", 0)
         .Field("sync_partial_err", 0)
         .Field("expired_keys", s.ExpiredKeys)
         .Field2("expired_stale_perc", s.ExpiredStalePerc)
         .Field("expired_time_cap_reached_count", s.ExpiredTimeCapReachedCount)
         .Field("expire_cycle_cpu_milliseconds", s.ExpireCycleCpuMilliseconds)
         .Field("evicted_keys", s.EvictedKeys)
         .Field("evicted_clients", 0)
         .Field("total_eviction_exceeded_time", 0)
         .Field("current_eviction_exceeded_time", 0)
         .Field("keyspace_hits", s.KeyspaceHits)
         .Field("keyspace_misses", s.KeyspaceMisses)
         .Field("pubsub_channels", server.PubSub.ChannelCount)
         .Field("pubsub_patterns", server.PubSub.PatternCount)
         .Field("pubsubshard_channels", server.PubSub.ShardChannelCount)
         .Field("latest_fork_usec", 0)
         .Field("total_forks", 0)
         .Field("migrate_cached_sockets", 0)
         .Field("slave_expires_tracked_keys", 0)
         .Field("active_defrag_hits", 0)
         .Field("active_defrag_misses", 0)
         .Field("active_defrag_key_hits", 0)
         .Field("active_defrag_key_misses", 0)
         .Field("total_active_defrag_time", 0)
         .Field("current_active_defrag_time", 0)
         .Field("tracking_total_keys", server.Tracking.TotalKeys)
         .Field("tracking_total_items", server.Tracking.TotalItems)
         .Field("tracking_total_prefixes", server.Tracking.TotalPrefixes)
         .Field("unexpected_error_replies", s.UnexpectedErrorReplies)
         .Field("total_error_replies", s.TotalErrorReplies)
         .Field("dump_payload_sanitizations", s.DumpPayloadSanitizations)
         .Field("total_reads_processed", s.TotalReadsProcessed)
         .Field("total_writes_processed", s.TotalWritesProcessed)
         .Field("io_threaded_reads_processed", s.IoThreadedReadsProcessed)
         .Field("io_threaded_writes_processed", s.IoThreadedWritesProcessed)
         .Field("reply_buffer_shrinks", 0)
         .Field("reply_buffer_expands", 0);
    }

    public static void Replication(InfoWriter w, RedisServer server)
    {
        w.Section("Replication");
        w.Field("role", "master")
         .Field("connected_slaves", 0)
         .Field("master_failover_state", "no-failover")
         .Field("master_replid", server.ReplId)
         .Field("master_replid2", new string('0', 40))
         .Field("master_repl_offset", 0)
         .Field("second_repl_offset", -1)
         .Field("repl_backlog_active", 0)
         .Field("repl_backlog_size", server.Config.ReplBacklogSize)
         .Field("repl_backlog_first_byte_offset", 0)
         .Field("repl_backlog_histlen", 0);
    }

    public static void Cpu(InfoWriter w, RedisServer server)
    {
        using var p = Process.GetCurrentProcess();
        string sys = Seconds(p.PrivilegedProcessorTime), user = Seconds(p.UserProcessorTime);
        w.Section("CPU");
        // Commands run on whichever thread holds the execution lock: the process totals stand in for the main thread.
        w.Field("used_cpu_sys", sys)
         .Field("used_cpu_user", user)
         .Field("used_cpu_sys_children", "0.000000")
         .Field("used_cpu_user_children", "0.000000")
         .Field("used_cpu_sys_main_thread", sys)
         .Field("used_cpu_user_main_thread", user);
    }

    /// <summary>"%ld.%06ld" seconds, as Redis prints rusage times.</summary>
    private static string Seconds(TimeSpan t)
    {
        long us = t.Ticks / 10;
        return $"{us / 1_000_000}.{us % 1_000_000:D6}";
    }

    public static void Cluster(InfoWriter w, RedisServer server)
    {
        w.Section("Cluster");
        w.Field("cluster_enabled", server.Config.ClusterEnabled ? 1 : 0);
    }

    public static void Keyspace(InfoWriter w, RedisServer server)
    {
        w.Section("Keyspace");
        foreach (var db in server.Databases)
        {
            if (db.Count == 0) continue;
            w.Field("db" + db.Index, $"keys={db.Count},expires={db.VolatileCount},avg_ttl={db.AvgTtlEstimate}");
        }
    }
}
