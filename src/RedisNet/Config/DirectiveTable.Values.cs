using static RedisNet.Config.DirectiveFlags;

namespace RedisNet.Config;

/// <summary>The bool, numeric, enum and string directives, with redis-server 7.0's bounds, flags and defaults.</summary>
public static partial class DirectiveTable
{
    private const DirectiveFlags Mod = None;
    private const long IntMax = int.MaxValue, IntMin = int.MinValue, LongMax = long.MaxValue, UIntMax = uint.MaxValue;

    private static BoolDirective B(string name, string? alias, DirectiveFlags f, bool def, Func<ServerConfig, bool> get, Action<ServerConfig, bool> set,
        Func<bool, string?>? validate = null, Func<Server.RedisServer, string?>? apply = null) =>
        new() { Name = name, Alias = alias, Flags = f, Default = def, Getter = get, Setter = set, Validate = validate, Apply = apply };

    private static NumericDirective N(string name, string? alias, DirectiveFlags f, long min, long max, long def,
        Func<ServerConfig, long> get, Action<ServerConfig, long> set, NumberKind kind = NumberKind.Integer, bool unsigned = false,
        Func<Server.RedisServer, string?>? apply = null) =>
        new() { Name = name, Alias = alias, Flags = f, Min = min, Max = max, Default = def, Getter = get, Setter = set, Kind = kind, Unsigned = unsigned, Apply = apply };

    private static EnumDirective E(string name, DirectiveFlags f, string[] values, string def, Func<ServerConfig, string> get, Action<ServerConfig, string> set,
        Func<Server.RedisServer, string?>? apply = null) =>
        new() { Name = name, Flags = f, Values = values, Default = def, Getter = get, Setter = set, Apply = apply };

    private static StringDirective S(string name, string? alias, DirectiveFlags f, string? def, bool emptyIsNull, Func<ServerConfig, string?> get,
        Action<ServerConfig, string?> set, Func<string, string?>? validate = null) =>
        new() { Name = name, Alias = alias, Flags = f, Default = def, EmptyIsNull = emptyIsNull, Getter = get, Setter = set, Validate = validate };

    private static int ToInt(long v) => (int)Math.Clamp(v, int.MinValue, int.MaxValue);

    private static readonly string[] ProtectedAction = { "no", "yes", "local" };
    private static readonly string[] ShutdownFlags = { "default", "save", "nosave", "now", "force" };

    private static IEnumerable<Directive> ValueDirectives()
    {
        // bool
        yield return B("rdbchecksum", null, Immutable, true, c => c.RdbChecksum, (c, v) => c.RdbChecksum = v);
        yield return B("daemonize", null, Immutable, false, c => c.Daemonize, (c, v) => c.Daemonize = v);
        yield return B("io-threads-do-reads", null, Immutable, false, c => c.IoThreadsDoReads, (c, v) => c.IoThreadsDoReads = v);
        yield return B("always-show-logo", null, Immutable, false, c => c.AlwaysShowLogo, (c, v) => c.AlwaysShowLogo = v);
        yield return B("protected-mode", null, Mod, true, c => c.ProtectedMode, (c, v) => c.ProtectedMode = v);
        yield return B("rdbcompression", null, Mod, true, c => c.RdbCompression, (c, v) => c.RdbCompression = v);
        yield return B("rdb-del-sync-files", null, Mod, false, c => c.RdbDelSyncFiles, (c, v) => c.RdbDelSyncFiles = v);
        yield return B("activerehashing", null, Mod, true, c => c.ActiveRehashing, (c, v) => c.ActiveRehashing = v);
        yield return B("stop-writes-on-bgsave-error", null, Mod, true, c => c.StopWritesOnBgsaveError, (c, v) => c.StopWritesOnBgsaveError = v);
        yield return B("set-proc-title", null, Immutable, true, c => c.SetProcTitle, (c, v) => c.SetProcTitle = v);
        yield return B("dynamic-hz", null, Mod, true, c => c.DynamicHz, (c, v) => c.DynamicHz = v);
        yield return B("lazyfree-lazy-eviction", null, Mod, false, c => c.LazyfreeLazyEviction, (c, v) => c.LazyfreeLazyEviction = v);
        yield return B("lazyfree-lazy-expire", null, Mod, false, c => c.LazyfreeLazyExpire, (c, v) => c.LazyfreeLazyExpire = v);
        yield return B("lazyfree-lazy-server-del", null, Mod, false, c => c.LazyfreeLazyServerDel, (c, v) => c.LazyfreeLazyServerDel = v);
        yield return B("lazyfree-lazy-user-del", null, Mod, false, c => c.LazyfreeLazyUserDel, (c, v) => c.LazyfreeLazyUserDel = v);
        yield return B("lazyfree-lazy-user-flush", null, Mod, false, c => c.LazyfreeLazyUserFlush, (c, v) => c.LazyfreeLazyUserFlush = v);
        yield return B("repl-disable-tcp-nodelay", null, Mod, false, c => c.ReplDisableTcpNodelay, (c, v) => c.ReplDisableTcpNodelay = v);
        yield return B("repl-diskless-sync", null, Mod, true, c => c.ReplDisklessSync, (c, v) => c.ReplDisklessSync = v);
        yield return B("aof-rewrite-incremental-fsync", null, Mod, true, c => c.AofRewriteIncrementalFsync, (c, v) => c.AofRewriteIncrementalFsync = v);
        yield return B("no-appendfsync-on-rewrite", null, Mod, false, c => c.NoAppendfsyncOnRewrite, (c, v) => c.NoAppendfsyncOnRewrite = v);
        yield return B("cluster-require-full-coverage", null, Mod, true, c => c.ClusterRequireFullCoverage, (c, v) => c.ClusterRequireFullCoverage = v);
        yield return B("rdb-save-incremental-fsync", null, Mod, true, c => c.RdbSaveIncrementalFsync, (c, v) => c.RdbSaveIncrementalFsync = v);
        yield return B("aof-load-truncated", null, Mod, true, c => c.AofLoadTruncated, (c, v) => c.AofLoadTruncated = v);
        yield return B("aof-use-rdb-preamble", null, Mod, true, c => c.AofUseRdbPreamble, (c, v) => c.AofUseRdbPreamble = v);
        yield return B("aof-timestamp-enabled", null, Mod, false, c => c.AofTimestampEnabled, (c, v) => c.AofTimestampEnabled = v);
        yield return B("cluster-replica-no-failover", "cluster-slave-no-failover", Mod, false, c => c.ClusterReplicaNoFailover, (c, v) => c.ClusterReplicaNoFailover = v);
        yield return B("replica-lazy-flush", "slave-lazy-flush", Mod, false, c => c.ReplicaLazyFlush, (c, v) => c.ReplicaLazyFlush = v);
        yield return B("replica-serve-stale-data", "slave-serve-stale-data", Mod, true, c => c.ReplicaServeStaleData, (c, v) => c.ReplicaServeStaleData = v);
        yield return B("replica-read-only", "slave-read-only", Mod, true, c => c.ReplicaReadOnly, (c, v) => c.ReplicaReadOnly = v);
        yield return B("replica-ignore-maxmemory", "slave-ignore-maxmemory", Mod, true, c => c.ReplicaIgnoreMaxmemory, (c, v) => c.ReplicaIgnoreMaxmemory = v);
        yield return B("replica-ignore-disk-write-errors", null, Mod, false, c => c.ReplicaIgnoreDiskWriteErrors, (c, v) => c.ReplicaIgnoreDiskWriteErrors = v);
        yield return B("jemalloc-bg-thread", null, Mod, true, c => c.JemallocBgThread, (c, v) => c.JemallocBgThread = v);
        yield return B("activedefrag", null, Mod, false, c => c.ActiveDefrag, (c, v) => c.ActiveDefrag = v,
            v => v ? "Active defragmentation cannot be enabled: it requires a Redis server compiled with a modified Jemalloc like the one shipped by default with the Redis source distribution" : null);
        yield return B("syslog-enabled", null, Immutable, false, c => c.SyslogEnabled, (c, v) => c.SyslogEnabled = v);
        yield return B("cluster-enabled", null, Immutable, false, c => c.ClusterEnabled, (c, v) => c.ClusterEnabled = v);
        yield return B("appendonly", null, DenyLoading, false, c => c.AppendOnly, (c, v) => c.AppendOnly = v,
            apply: Persistence.Aof.AppendOnlyFile.ApplyConfig);
        yield return B("cluster-allow-reads-when-down", null, Mod, false, c => c.ClusterAllowReadsWhenDown, (c, v) => c.ClusterAllowReadsWhenDown = v);
        yield return B("cluster-allow-pubsubshard-when-down", null, Mod, true, c => c.ClusterAllowPubsubshardWhenDown, (c, v) => c.ClusterAllowPubsubshardWhenDown = v);
        yield return B("crash-log-enabled", null, Mod, true, c => c.CrashLogEnabled, (c, v) => c.CrashLogEnabled = v);
        yield return B("crash-memcheck-enabled", null, Mod, true, c => c.CrashMemcheckEnabled, (c, v) => c.CrashMemcheckEnabled = v);
        yield return B("use-exit-on-panic", null, Hidden, false, c => c.UseExitOnPanic, (c, v) => c.UseExitOnPanic = v);
        yield return B("disable-thp", null, Immutable, true, c => c.DisableThp, (c, v) => c.DisableThp = v);
        yield return B("cluster-allow-replica-migration", null, Mod, true, c => c.ClusterAllowReplicaMigration, (c, v) => c.ClusterAllowReplicaMigration = v);
        yield return B("replica-announced", null, Mod, true, c => c.ReplicaAnnounced, (c, v) => c.ReplicaAnnounced = v);
        yield return B("latency-tracking", null, Mod, true, c => c.LatencyTracking, (c, v) => c.LatencyTracking = v);
        yield return B("aof-disable-auto-gc", null, Mod, false, c => c.AofDisableAutoGc, (c, v) => c.AofDisableAutoGc = v);
        yield return B("tls-cluster", null, Mod, false, c => c.TlsCluster, (c, v) => c.TlsCluster = v);
        yield return B("tls-replication", null, Mod, false, c => c.TlsReplication, (c, v) => c.TlsReplication = v);
        yield return B("tls-prefer-server-ciphers", null, Mod, false, c => c.TlsPreferServerCiphers, (c, v) => c.TlsPreferServerCiphers = v);
        yield return B("tls-session-caching", null, Mod, true, c => c.TlsSessionCaching, (c, v) => c.TlsSessionCaching = v);

        // string
        yield return S("aclfile", null, Immutable, "", false, c => c.AclFile, (c, v) => c.AclFile = v ?? "");
        yield return S("unixsocket", null, Immutable, null, true, c => c.UnixSocket, (c, v) => c.UnixSocket = v);
        yield return S("pidfile", null, Immutable, null, true, c => c.PidFile, (c, v) => c.PidFile = v);
        yield return S("replica-announce-ip", "slave-announce-ip", Mod, null, true, c => c.ReplicaAnnounceIp, (c, v) => c.ReplicaAnnounceIp = v);
        yield return S("masteruser", null, Sensitive, null, true, c => c.MasterUser, (c, v) => c.MasterUser = v);
        yield return S("cluster-announce-ip", null, Mod, null, true, c => c.ClusterAnnounceIp, (c, v) => c.ClusterAnnounceIp = v);
        yield return S("cluster-config-file", null, Immutable, "nodes.conf", false, c => c.ClusterConfigFile, (c, v) => c.ClusterConfigFile = v ?? "");
        yield return S("cluster-announce-hostname", null, Mod, null, true, c => c.ClusterAnnounceHostname, (c, v) => c.ClusterAnnounceHostname = v, ValidHostname);
        yield return S("syslog-ident", null, Immutable, "redis", false, c => c.SyslogIdent, (c, v) => c.SyslogIdent = v ?? "");
        yield return S("dbfilename", null, Protected, "dump.rdb", false, c => c.DbFilename, (c, v) => c.DbFilename = v ?? "",
            v => IsBaseName(v) ? null : "dbfilename can't be a path, just a filename");
        yield return S("appendfilename", null, Immutable, "appendonly.aof", false, c => c.AppendFilename, (c, v) => c.AppendFilename = v ?? "",
            v => v.Length == 0 ? "appendfilename can't be empty" : IsBaseName(v) ? null : "appendfilename can't be a path, just a filename");
        yield return S("appenddirname", null, Immutable, "appendonlydir", false, c => c.AppendDirname, (c, v) => c.AppendDirname = v ?? "",
            v => v.Length == 0 ? "appenddirname can't be empty" : IsBaseName(v) ? null : "appenddirname can't be a path, just a dirname");
        yield return S("server_cpulist", null, Immutable, null, true, c => c.ServerCpulist, (c, v) => c.ServerCpulist = v);
        yield return S("bio_cpulist", null, Immutable, null, true, c => c.BioCpulist, (c, v) => c.BioCpulist = v);
        yield return S("aof_rewrite_cpulist", null, Immutable, null, true, c => c.AofRewriteCpulist, (c, v) => c.AofRewriteCpulist = v);
        yield return S("bgsave_cpulist", null, Immutable, null, true, c => c.BgsaveCpulist, (c, v) => c.BgsaveCpulist = v);
        yield return S("ignore-warnings", null, Mod, "", false, c => c.IgnoreWarnings, (c, v) => c.IgnoreWarnings = v ?? "");
        yield return S("proc-title-template", null, Mod, "{title} {listen-addr} {server-mode}", false, c => c.ProcTitleTemplate,
            (c, v) => c.ProcTitleTemplate = v ?? "", v => ProcTitle.IsValidTemplate(v) ? null : "template format is invalid or contains unknown variables");
        yield return S("bind-source-addr", null, Mod, null, true, c => c.BindSourceAddr, (c, v) => c.BindSourceAddr = v);
        yield return S("logfile", null, Immutable, "", false, c => c.LogFile, (c, v) => c.LogFile = v ?? "");
        yield return S("masterauth", null, Sensitive, null, true, c => c.MasterAuth, (c, v) => c.MasterAuth = v);
        yield return S("requirepass", null, Sensitive, null, true, c => c.RequirePass, (c, v) => c.RequirePass = v);
        yield return S("tls-cert-file", null, Mod, null, true, c => c.TlsCertFile, (c, v) => c.TlsCertFile = v);
        yield return S("tls-key-file", null, Mod, null, true, c => c.TlsKeyFile, (c, v) => c.TlsKeyFile = v);
        yield return S("tls-key-file-pass", null, Mod, null, true, c => c.TlsKeyFilePass, (c, v) => c.TlsKeyFilePass = v);
        yield return S("tls-client-cert-file", null, Mod, null, true, c => c.TlsClientCertFile, (c, v) => c.TlsClientCertFile = v);
        yield return S("tls-client-key-file", null, Mod, null, true, c => c.TlsClientKeyFile, (c, v) => c.TlsClientKeyFile = v);
        yield return S("tls-client-key-file-pass", null, Mod, null, true, c => c.TlsClientKeyFilePass, (c, v) => c.TlsClientKeyFilePass = v);
        yield return S("tls-dh-params-file", null, Mod, null, true, c => c.TlsDhParamsFile, (c, v) => c.TlsDhParamsFile = v);
        yield return S("tls-ca-cert-file", null, Mod, null, true, c => c.TlsCaCertFile, (c, v) => c.TlsCaCertFile = v);
        yield return S("tls-ca-cert-dir", null, Mod, null, true, c => c.TlsCaCertDir, (c, v) => c.TlsCaCertDir = v);
        yield return S("tls-protocols", null, Mod, null, true, c => c.TlsProtocols, (c, v) => c.TlsProtocols = v);
        yield return S("tls-ciphers", null, Mod, null, true, c => c.TlsCiphers, (c, v) => c.TlsCiphers = v);
        yield return S("tls-ciphersuites", null, Mod, null, true, c => c.TlsCiphersuites, (c, v) => c.TlsCiphersuites = v);

        // enum
        yield return E("supervised", Immutable, new[] { "upstart", "systemd", "auto", "no" }, "no", c => c.Supervised, (c, v) => c.Supervised = v);
        yield return E("syslog-facility", Immutable, new[] { "user", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7" },
            "local0", c => c.SyslogFacility, (c, v) => c.SyslogFacility = v);
        yield return E("repl-diskless-load", DenyLoading, new[] { "disabled", "on-empty-db", "swapdb" }, "disabled", c => c.ReplDisklessLoad, (c, v) => c.ReplDisklessLoad = v);
        yield return E("loglevel", Mod, new[] { "debug", "verbose", "notice", "warning" }, "notice", c => c.LogLevel, (c, v) => c.LogLevel = v,
            s => { s.Config.LogLevelChanged?.Invoke(s.Config.LogLevel); return null; });
        yield return E("maxmemory-policy", Mod, new[] { "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction" },
            "noeviction", c => c.MaxMemoryPolicy, (c, v) => c.MaxMemoryPolicy = v);
        yield return E("appendfsync", Mod, new[] { "everysec", "always", "no" }, "everysec", c => c.AppendFsync, (c, v) => c.AppendFsync = v);
        // "relative" is a synonym of "yes": Redis shows (and rewrites) the first name of the value.
        yield return E("oom-score-adj", Mod, new[] { "no", "yes", "relative", "absolute" }, "no", c => c.OomScoreAdj,
            (c, v) => c.OomScoreAdj = v == "relative" ? "yes" : v);
        yield return E("acl-pubsub-default", Mod, new[] { "allchannels", "resetchannels" }, "resetchannels", c => c.AclPubsubDefault, (c, v) => c.AclPubsubDefault = v);
        yield return E("sanitize-dump-payload", Mod, new[] { "no", "yes", "clients" }, "no", c => c.SanitizeDumpPayload, (c, v) => c.SanitizeDumpPayload = v);
        yield return E("enable-protected-configs", Immutable, ProtectedAction, "no", c => c.EnableProtectedConfigs, (c, v) => c.EnableProtectedConfigs = v);
        yield return E("enable-debug-command", Immutable, ProtectedAction, "no", c => c.EnableDebugCommand, (c, v) => c.EnableDebugCommand = v);
        yield return E("enable-module-command", Immutable, ProtectedAction, "no", c => c.EnableModuleCommand, (c, v) => c.EnableModuleCommand = v);
        yield return E("cluster-preferred-endpoint-type", Mod, new[] { "ip", "hostname", "unknown-endpoint" }, "ip",
            c => c.ClusterPreferredEndpointType, (c, v) => c.ClusterPreferredEndpointType = v);
        yield return E("propagation-error-behavior", Mod, new[] { "ignore", "panic", "panic-on-replicas" }, "ignore",
            c => c.PropagationErrorBehavior, (c, v) => c.PropagationErrorBehavior = v);
        yield return E("tls-auth-clients", Mod, new[] { "no", "yes", "optional" }, "yes", c => c.TlsAuthClients, (c, v) => c.TlsAuthClients = v);
        yield return ShutdownOn("shutdown-on-sigint", c => c.ShutdownOnSigint, (c, v) => c.ShutdownOnSigint = v);
        yield return ShutdownOn("shutdown-on-sigterm", c => c.ShutdownOnSigterm, (c, v) => c.ShutdownOnSigterm = v);

        // int
        yield return N("databases", null, Immutable, 1, IntMax, 16, c => c.Databases, (c, v) => c.Databases = ToInt(v));
        yield return N("port", null, Mod, 0, 65535, 6379, c => c.Port, (c, v) => c.Port = ToInt(v),
            apply: s => s.Config.RebindListeners?.Invoke() != null ? "Unable to listen on this port. Check server logs." : null);
        yield return N("io-threads", null, Immutable, 1, 128, 1, c => c.IoThreads, (c, v) => c.IoThreads = ToInt(v));
        yield return N("auto-aof-rewrite-percentage", null, Mod, 0, IntMax, 100, c => c.AutoAofRewritePercentage, (c, v) => c.AutoAofRewritePercentage = ToInt(v));
        yield return N("cluster-replica-validity-factor", "cluster-slave-validity-factor", Mod, 0, IntMax, 10, c => c.ClusterReplicaValidityFactor, (c, v) => c.ClusterReplicaValidityFactor = ToInt(v));
        yield return N("list-max-listpack-size", "list-max-ziplist-size", Mod, IntMin, IntMax, -2, c => c.ListMaxListpackSize, (c, v) => c.ListMaxListpackSize = ToInt(v));
        yield return N("tcp-keepalive", null, Mod, 0, IntMax, 300, c => c.TcpKeepAlive, (c, v) => c.TcpKeepAlive = ToInt(v));
        yield return N("cluster-migration-barrier", null, Mod, 0, IntMax, 1, c => c.ClusterMigrationBarrier, (c, v) => c.ClusterMigrationBarrier = ToInt(v));
        yield return N("active-defrag-cycle-min", null, Mod, 1, 99, 1, c => c.ActiveDefragCycleMin, (c, v) => c.ActiveDefragCycleMin = ToInt(v));
        yield return N("active-defrag-cycle-max", null, Mod, 1, 99, 25, c => c.ActiveDefragCycleMax, (c, v) => c.ActiveDefragCycleMax = ToInt(v));
        yield return N("active-defrag-threshold-lower", null, Mod, 0, 1000, 10, c => c.ActiveDefragThresholdLower, (c, v) => c.ActiveDefragThresholdLower = ToInt(v));
        yield return N("active-defrag-threshold-upper", null, Mod, 0, 1000, 100, c => c.ActiveDefragThresholdUpper, (c, v) => c.ActiveDefragThresholdUpper = ToInt(v));
        yield return N("lfu-log-factor", null, Mod, 0, IntMax, 10, c => c.LfuLogFactor, (c, v) => c.LfuLogFactor = ToInt(v));
        yield return N("lfu-decay-time", null, Mod, 0, IntMax, 1, c => c.LfuDecayTime, (c, v) => c.LfuDecayTime = ToInt(v));
        yield return N("replica-priority", "slave-priority", Mod, 0, IntMax, 100, c => c.ReplicaPriority, (c, v) => c.ReplicaPriority = ToInt(v));
        yield return N("repl-diskless-sync-delay", null, Mod, 0, IntMax, 5, c => c.ReplDisklessSyncDelay, (c, v) => c.ReplDisklessSyncDelay = ToInt(v));
        yield return N("maxmemory-samples", null, Mod, 1, IntMax, 5, c => c.MaxMemorySamples, (c, v) => c.MaxMemorySamples = ToInt(v));
        yield return N("maxmemory-eviction-tenacity", null, Mod, 0, 100, 10, c => c.MaxMemoryEvictionTenacity, (c, v) => c.MaxMemoryEvictionTenacity = ToInt(v));
        yield return N("timeout", null, Mod, 0, IntMax, 0, c => c.Timeout, (c, v) => c.Timeout = ToInt(v));
        yield return N("replica-announce-port", "slave-announce-port", Mod, 0, 65535, 0, c => c.ReplicaAnnouncePort, (c, v) => c.ReplicaAnnouncePort = ToInt(v));
        yield return N("tcp-backlog", null, Immutable, 0, IntMax, 511, c => c.TcpBacklog, (c, v) => c.TcpBacklog = ToInt(v));
        yield return N("cluster-port", null, Immutable, 0, 65535, 0, c => c.ClusterPort, (c, v) => c.ClusterPort = ToInt(v));
        yield return N("cluster-announce-bus-port", null, Mod, 0, 65535, 0, c => c.ClusterAnnounceBusPort, (c, v) => c.ClusterAnnounceBusPort = ToInt(v));
        yield return N("cluster-announce-port", null, Mod, 0, 65535, 0, c => c.ClusterAnnouncePort, (c, v) => c.ClusterAnnouncePort = ToInt(v));
        yield return N("cluster-announce-tls-port", null, Mod, 0, 65535, 0, c => c.ClusterAnnounceTlsPort, (c, v) => c.ClusterAnnounceTlsPort = ToInt(v));
        yield return N("repl-timeout", null, Mod, 1, IntMax, 60, c => c.ReplTimeout, (c, v) => c.ReplTimeout = ToInt(v));
        yield return N("repl-ping-replica-period", "repl-ping-slave-period", Mod, 1, IntMax, 10, c => c.ReplPingReplicaPeriod, (c, v) => c.ReplPingReplicaPeriod = ToInt(v));
        yield return N("list-compress-depth", null, Mod, 0, IntMax, 0, c => c.ListCompressDepth, (c, v) => c.ListCompressDepth = ToInt(v));
        yield return N("rdb-key-save-delay", null, Hidden, IntMin, IntMax, 0, c => c.RdbKeySaveDelay, (c, v) => c.RdbKeySaveDelay = ToInt(v));
        yield return N("key-load-delay", null, Hidden, IntMin, IntMax, 0, c => c.KeyLoadDelay, (c, v) => c.KeyLoadDelay = ToInt(v));
        yield return N("active-expire-effort", null, Mod, 1, 10, 1, c => c.ActiveExpireEffort, (c, v) => c.ActiveExpireEffort = ToInt(v));
        // Redis accepts any hz but runs (and reports) it clamped to 1..500.
        yield return N("hz", null, Mod, 0, IntMax, 10, c => c.Hz, (c, v) => c.Hz = (int)Math.Clamp(v, 1, 500));
        yield return N("min-replicas-to-write", "min-slaves-to-write", Mod, 0, IntMax, 0, c => c.MinReplicasToWrite, (c, v) => c.MinReplicasToWrite = ToInt(v));
        yield return N("min-replicas-max-lag", "min-slaves-max-lag", Mod, 0, IntMax, 10, c => c.MinReplicasMaxLag, (c, v) => c.MinReplicasMaxLag = ToInt(v));
        yield return N("watchdog-period", null, Hidden, 0, IntMax, 0, c => c.WatchdogPeriod, (c, v) => c.WatchdogPeriod = ToInt(v));
        yield return N("shutdown-timeout", null, Mod, 0, IntMax, 10, c => c.ShutdownTimeout, (c, v) => c.ShutdownTimeout = ToInt(v));
        yield return N("repl-diskless-sync-max-replicas", null, Mod, 0, IntMax, 0, c => c.ReplDisklessSyncMaxReplicas, (c, v) => c.ReplDisklessSyncMaxReplicas = ToInt(v));
        yield return N("socket-mark-id", null, Immutable, 0, UIntMax, 0, c => c.SocketMarkId, (c, v) => c.SocketMarkId = ToInt(v), unsigned: true);
        yield return N("tls-port", null, Mod, 0, 65535, 0, c => c.TlsPort, (c, v) => c.TlsPort = ToInt(v));
        yield return N("tls-session-cache-size", null, Mod, 0, IntMax, 20480, c => c.TlsSessionCacheSize, (c, v) => c.TlsSessionCacheSize = ToInt(v));
        yield return N("tls-session-cache-timeout", null, Mod, 0, IntMax, 300, c => c.TlsSessionCacheTimeout, (c, v) => c.TlsSessionCacheTimeout = ToInt(v));
        yield return N("maxclients", null, Mod, 1, UIntMax, 10000, c => c.MaxClients, (c, v) => c.MaxClients = (int)Math.Min(v, int.MaxValue), unsigned: true,
            apply: MaxClientsApply);
        yield return N("unixsocketperm", null, Immutable, 0, 511, 0, c => c.UnixSocketPerm, (c, v) => c.UnixSocketPerm = ToInt(v), NumberKind.Octal, unsigned: true);

        // long / size_t / memory
        yield return N("active-defrag-max-scan-fields", null, Mod, 1, LongMax, 1000, c => c.ActiveDefragMaxScanFields, (c, v) => c.ActiveDefragMaxScanFields = v);
        yield return N("slowlog-max-len", null, Mod, 0, LongMax, 128, c => c.SlowlogMaxLen, (c, v) => c.SlowlogMaxLen = (int)Math.Min(v, int.MaxValue));
        yield return N("acllog-max-len", null, Mod, 0, LongMax, 128, c => c.AclLogMaxLen, (c, v) => c.AclLogMaxLen = v);
        yield return N("busy-reply-threshold", "lua-time-limit", Mod, 0, LongMax, 5000, c => c.BusyReplyThreshold, (c, v) => c.BusyReplyThreshold = v);
        yield return N("cluster-node-timeout", null, Mod, 0, LongMax, 15000, c => c.ClusterNodeTimeout, (c, v) => c.ClusterNodeTimeout = v);
        yield return N("slowlog-log-slower-than", null, Mod, -1, LongMax, 10000, c => c.SlowlogLogSlowerThan, (c, v) => c.SlowlogLogSlowerThan = v);
        yield return N("latency-monitor-threshold", null, Mod, 0, LongMax, 0, c => c.LatencyMonitorThreshold, (c, v) => c.LatencyMonitorThreshold = v);
        yield return N("proto-max-bulk-len", null, Mod, 1024 * 1024, LongMax, 512L * 1024 * 1024, c => c.ProtoMaxBulkLen, (c, v) => c.ProtoMaxBulkLen = v, NumberKind.Memory);
        yield return N("stream-node-max-entries", null, Mod, 0, LongMax, 100, c => c.StreamNodeMaxEntries, (c, v) => c.StreamNodeMaxEntries = v);
        yield return N("repl-backlog-size", null, Mod, 1, LongMax, 1024 * 1024, c => c.ReplBacklogSize, (c, v) => c.ReplBacklogSize = v, NumberKind.Memory);
        yield return N("maxmemory", null, Mod, 0, -1, 0, c => (long)c.MaxMemory, (c, v) => c.MaxMemory = (ulong)v, NumberKind.Memory, unsigned: true);
        yield return N("cluster-link-sendbuf-limit", null, Mod, 0, -1, 0, c => (long)c.ClusterLinkSendbufLimit, (c, v) => c.ClusterLinkSendbufLimit = (ulong)v, NumberKind.Memory, unsigned: true);
        yield return N("hash-max-listpack-entries", "hash-max-ziplist-entries", Mod, 0, LongMax, 512, c => c.HashMaxListpackEntries, (c, v) => c.HashMaxListpackEntries = v, unsigned: true);
        yield return N("set-max-intset-entries", null, Mod, 0, LongMax, 512, c => c.SetMaxIntsetEntries, (c, v) => c.SetMaxIntsetEntries = v, unsigned: true);
        yield return N("zset-max-listpack-entries", "zset-max-ziplist-entries", Mod, 0, LongMax, 128, c => c.ZsetMaxListpackEntries, (c, v) => c.ZsetMaxListpackEntries = v, unsigned: true);
        yield return N("active-defrag-ignore-bytes", null, Mod, 1, LongMax, 100L << 20, c => c.ActiveDefragIgnoreBytes, (c, v) => c.ActiveDefragIgnoreBytes = v, NumberKind.Memory, unsigned: true);
        yield return N("hash-max-listpack-value", "hash-max-ziplist-value", Mod, 0, LongMax, 64, c => c.HashMaxListpackValue, (c, v) => c.HashMaxListpackValue = v, NumberKind.Memory, unsigned: true);
        yield return N("stream-node-max-bytes", null, Mod, 0, LongMax, 4096, c => c.StreamNodeMaxBytes, (c, v) => c.StreamNodeMaxBytes = v, NumberKind.Memory, unsigned: true);
        yield return N("zset-max-listpack-value", "zset-max-ziplist-value", Mod, 0, LongMax, 64, c => c.ZsetMaxListpackValue, (c, v) => c.ZsetMaxListpackValue = v, NumberKind.Memory, unsigned: true);
        yield return N("hll-sparse-max-bytes", null, Mod, 0, LongMax, 3000, c => c.HllSparseMaxBytes, (c, v) => c.HllSparseMaxBytes = v, NumberKind.Memory, unsigned: true);
        yield return N("tracking-table-max-keys", null, Mod, 0, LongMax, 1000000, c => c.TrackingTableMaxKeys, (c, v) => c.TrackingTableMaxKeys = v, unsigned: true);
        yield return N("client-query-buffer-limit", null, Mod, 1024 * 1024, LongMax, 1024L * 1024 * 1024, c => c.ClientQueryBufferLimit, (c, v) => c.ClientQueryBufferLimit = v, NumberKind.Memory, unsigned: true);
        yield return N("maxmemory-clients", null, Mod, -100, LongMax, 0, c => c.MaxMemoryClients, (c, v) => c.MaxMemoryClients = v, NumberKind.MemoryOrPercent);
        yield return N("repl-backlog-ttl", null, Mod, 0, LongMax, 3600, c => c.ReplBacklogTtl, (c, v) => c.ReplBacklogTtl = v);
        yield return N("auto-aof-rewrite-min-size", null, Mod, 0, LongMax, 64L * 1024 * 1024, c => c.AutoAofRewriteMinSize, (c, v) => c.AutoAofRewriteMinSize = v, NumberKind.Memory);
        yield return N("loading-process-events-interval-bytes", null, Hidden, 1024, IntMax, 2 * 1024 * 1024, c => c.LoadingProcessEventsIntervalBytes, (c, v) => c.LoadingProcessEventsIntervalBytes = v);
    }

    private static EnumDirective ShutdownOn(string name, Func<ServerConfig, string> get, Action<ServerConfig, string> set) => new()
    {
        Name = name, Flags = MultiArg, Values = ShutdownFlags, Default = "default", Getter = get, Setter = set, Flagset = true,
        Validate = v => v.Contains("nosave") && v.Split(' ').Contains("save") ? "shutdown options SAVE and NOSAVE can't be used simultaneously" : null,
    };

    /// <summary>CONFIG SET maxclients: refused (and restored) when the file descriptor limit cannot follow.</summary>
    private static string? MaxClientsApply(Server.RedisServer s)
    {
        int wanted = s.Config.MaxClients;
        OpenFilesLimit.Adjust(s.Config, s.Log);
        return s.Config.MaxClients == wanted ? null
            : $"The operating system is not able to handle the specified number of clients, try with {s.Config.MaxClients}";
    }

    private static bool IsBaseName(string path) => !path.Contains('/');

    private static string? ValidHostname(string v)
    {
        if (v.Length >= 256) return "Hostnames must be less than 256 characters";
        foreach (var c in v)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '.')) return "Hostnames may only contain alphanumeric characters, hyphens or dots";
        return null;
    }
}
