namespace RedisNet.Config;

/// <summary>
/// Every redis-server 7.0 config directive, by name and alias (case-insensitive), as CONFIG GET/SET
/// and redis.conf see them. Built once; the definitions are in DirectiveTable.Values.cs and
/// SpecialDirectives.cs.
/// </summary>
public static partial class DirectiveTable
{
    private static readonly Dictionary<string, Directive> ByName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Primary directives in definition order (CONFIG REWRITE walks them in this order).</summary>
    public static readonly List<Directive> All = new();

    /// <summary>
    /// Directives whose value the server acts on today. Others are accepted and stored; setting one to
    /// a non-default value is reported once at startup. Add a name here when its feature lands.
    /// </summary>
    public static readonly HashSet<string> ImplementedNames = new(StringComparer.Ordinal)
    {
        "port", "bind", "unixsocket", "unixsocketperm", "tcp-backlog", "protected-mode", "maxclients", "timeout",
        "tcp-keepalive", "proto-max-bulk-len", "client-query-buffer-limit", "databases", "requirepass", "hz",
        "dynamic-hz", "slowlog-log-slower-than", "slowlog-max-len", "loglevel", "logfile", "dir",
        "enable-debug-command", "enable-protected-configs", "ignore-warnings", "always-show-logo", "io-threads",
        // Process edge (Hosting/, Logging/) and the server commands' latency tracking.
        "pidfile", "daemonize", "supervised", "syslog-enabled", "syslog-ident", "syslog-facility",
        "latency-tracking", "latency-tracking-info-percentiles", "latency-monitor-threshold",
        // Data types (encodings and their limits), keyspace events, client-side caching, LFU counters.
        "list-max-listpack-size", "hash-max-listpack-entries", "hash-max-listpack-value", "set-max-intset-entries",
        "zset-max-listpack-entries", "zset-max-listpack-value", "hll-sparse-max-bytes", "stream-node-max-bytes",
        "stream-node-max-entries", "notify-keyspace-events", "tracking-table-max-keys", "lfu-log-factor", "lfu-decay-time",
        "busy-reply-threshold",
        // Persistence: RDB saves and loading, the append-only file, DUMP/RESTORE.
        "save", "dbfilename", "rdbcompression", "rdbchecksum", "stop-writes-on-bgsave-error", "rdb-key-save-delay",
        "key-load-delay", "shutdown-on-sigterm", "shutdown-on-sigint", "sanitize-dump-payload",
        "appendonly", "appendfsync", "appendfilename", "appenddirname", "aof-use-rdb-preamble", "aof-load-truncated",
        "aof-timestamp-enabled", "no-appendfsync-on-rewrite", "auto-aof-rewrite-percentage", "auto-aof-rewrite-min-size",
        "aof-rewrite-incremental-fsync", "aof-disable-auto-gc", "rdb-save-incremental-fsync",
        "loading-process-events-interval-bytes",
    };

    static DirectiveTable()
    {
        foreach (var d in ValueDirectives()) Register(d);
        foreach (var d in SpecialDirectives.Create()) Register(d);
    }

    private static void Register(Directive d)
    {
        d.Implemented = ImplementedNames.Contains(d.Name);
        All.Add(d);
        ByName.Add(d.Name, d);
        if (d.Alias != null) ByName.Add(d.Alias, d);
    }

    public static Directive? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Every name CONFIG GET can list: primary names and aliases, each with its directive.</summary>
    public static IEnumerable<(string Name, Directive Directive)> Names()
    {
        foreach (var d in All)
        {
            yield return (d.Name, d);
            if (d.Alias != null) yield return (d.Alias, d);
        }
    }
}
