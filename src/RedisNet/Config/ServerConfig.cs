namespace RedisNet.Config;

/// <summary>
/// Typed configuration values read by the running server. Hot paths read these fields directly;
/// the directive table (Config/DirectiveTable*.cs) maps redis.conf names, aliases, parsing, CONFIG GET
/// formatting and CONFIG SET onto them. Defaults are redis-server 7.0's built-in defaults.
/// Enum-valued directives are kept as their canonical lower-case names.
/// </summary>
public sealed class ServerConfig
{
    // Network
    public int Port = 6379;
    public string[] Bind = { "*", "-::*" };
    public string? BindSourceAddr;
    public string? UnixSocket;
    public int UnixSocketPerm;
    public int TcpBacklog = 511;
    public bool ProtectedMode = true;
    public int MaxClients = 10000;
    public int Timeout;
    public int TcpKeepAlive = 300;
    public int SocketMarkId;

    // Protocol limits
    public long ProtoMaxBulkLen = 512L * 1024 * 1024;
    public long ClientQueryBufferLimit = 1024L * 1024 * 1024;

    // General
    public int Databases = 16;
    public string? RequirePass;
    public bool RequiresAuth => !string.IsNullOrEmpty(RequirePass);
    public int Hz = 10;
    public bool DynamicHz = true;
    public bool ActiveExpireEnabled = true; // DEBUG SET-ACTIVE-EXPIRE
    public int ActiveExpireEffort = 1;
    public bool ActiveRehashing = true;
    public string EnableDebugCommand = "no";  // no | yes | local
    public string EnableProtectedConfigs = "no";
    public string EnableModuleCommand = "no";
    public long SlowlogLogSlowerThan = 10000;
    public int SlowlogMaxLen = 128;
    public long LatencyMonitorThreshold;
    public bool LatencyTracking = true;
    public double[] LatencyTrackingInfoPercentiles = { 50, 99, 99.9 };
    public long BusyReplyThreshold = 5000; // lua-time-limit
    public string IgnoreWarnings = "";
    public bool CrashLogEnabled = true;
    public bool CrashMemcheckEnabled = true;
    public bool UseExitOnPanic;
    public int WatchdogPeriod;
    public string ShutdownOnSigint = "default"; // default | flags among save nosave now force
    public string ShutdownOnSigterm = "default";
    public int ShutdownTimeout = 10;
    public string PropagationErrorBehavior = "ignore";

    // Process
    public string LogLevel = "notice";
    public string LogFile = "";
    public bool SyslogEnabled;
    public string SyslogIdent = "redis";
    public string SyslogFacility = "local0";
    public bool Daemonize;
    public string? PidFile;
    public string Supervised = "no";
    public string Dir = Directory.GetCurrentDirectory();
    public bool AlwaysShowLogo;
    public bool SetProcTitle = true;
    public string ProcTitleTemplate = "{title} {listen-addr} {server-mode}";
    public string OomScoreAdj = "no";
    public int[] OomScoreAdjValues = { 0, 200, 800 };
    public bool DisableThp = true;
    public bool JemallocBgThread = true;
    public int IoThreads = 1;
    public bool IoThreadsDoReads;
    public string? ServerCpulist, BioCpulist, AofRewriteCpulist, BgsaveCpulist;

    // Memory and eviction
    public ulong MaxMemory;
    public string MaxMemoryPolicy
    {
        get => _maxMemoryPolicy;
        set
        {
            _maxMemoryPolicy = value;
            LfuPolicy = value.EndsWith("-lfu", StringComparison.Ordinal);
            LruPolicy = value.EndsWith("-lru", StringComparison.Ordinal);
        }
    }
    private string _maxMemoryPolicy = "noeviction";
    /// <summary>An LFU policy: key accesses update frequency counters instead of the LRU clock.</summary>
    public bool LfuPolicy { get; private set; }
    /// <summary>An LRU policy (allkeys-lru, volatile-lru): RDB records each key's idle time.</summary>
    public bool LruPolicy { get; private set; }
    public int MaxMemorySamples = 5;
    public int MaxMemoryEvictionTenacity = 10;
    /// <summary>maxmemory-clients in bytes; a negative value is a percentage of maxmemory ("10%" is -10).</summary>
    public long MaxMemoryClients;
    public int LfuLogFactor = 10;
    public int LfuDecayTime = 1;
    public bool LazyfreeLazyEviction, LazyfreeLazyExpire, LazyfreeLazyServerDel, LazyfreeLazyUserDel, LazyfreeLazyUserFlush;
    public bool ActiveDefrag;
    public long ActiveDefragIgnoreBytes = 100L << 20;
    public int ActiveDefragThresholdLower = 10, ActiveDefragThresholdUpper = 100;
    public int ActiveDefragCycleMin = 1, ActiveDefragCycleMax = 25;
    public long ActiveDefragMaxScanFields = 1000;

    // Encodings
    public long HashMaxListpackEntries = 512, HashMaxListpackValue = 64;
    public long ZsetMaxListpackEntries = 128, ZsetMaxListpackValue = 64;
    public int ListMaxListpackSize = -2;
    public int ListCompressDepth;
    public long SetMaxIntsetEntries = 512;
    public long HllSparseMaxBytes = 3000;
    public long StreamNodeMaxBytes = 4096;
    public long StreamNodeMaxEntries = 100;

    // Clients
    public ClientBufferLimit[] ClientOutputBufferLimits = ClientBufferLimit.Defaults();
    public long TrackingTableMaxKeys = 1000000;
    /// <summary>notify-keyspace-events as flags (see <see cref="KeyspaceEventFlags"/>).</summary>
    public int NotifyKeyspaceEvents;
    public string AclFile = "";
    public long AclLogMaxLen = 128;
    public string AclPubsubDefault = "resetchannels";
    public string SanitizeDumpPayload = "no";

    // Persistence
    public List<(long Seconds, long Changes)> SaveParams = new() { (3600, 1), (300, 100), (60, 10000) };
    public string DbFilename = "dump.rdb";
    public bool RdbCompression = true, RdbChecksum = true, RdbDelSyncFiles, RdbSaveIncrementalFsync = true;
    public bool StopWritesOnBgsaveError = true;
    public int RdbKeySaveDelay, KeyLoadDelay;
    public long LoadingProcessEventsIntervalBytes = 2 * 1024 * 1024;
    public bool AppendOnly;
    public string AppendFilename = "appendonly.aof";
    public string AppendDirname = "appendonlydir";
    public string AppendFsync = "everysec";
    public bool NoAppendfsyncOnRewrite;
    public int AutoAofRewritePercentage = 100;
    public long AutoAofRewriteMinSize = 64L * 1024 * 1024;
    public bool AofLoadTruncated = true, AofUseRdbPreamble = true, AofRewriteIncrementalFsync = true;
    public bool AofTimestampEnabled, AofDisableAutoGc;

    // Replication
    public string? ReplicaOfHost;
    public int ReplicaOfPort;
    public string? MasterAuth, MasterUser;
    public bool ReplicaServeStaleData = true, ReplicaReadOnly = true, ReplicaLazyFlush, ReplicaIgnoreMaxmemory = true;
    public bool ReplicaIgnoreDiskWriteErrors, ReplicaAnnounced = true;
    public int ReplicaPriority = 100;
    public string? ReplicaAnnounceIp;
    public int ReplicaAnnouncePort;
    public bool ReplDisklessSync = true;
    public int ReplDisklessSyncDelay = 5, ReplDisklessSyncMaxReplicas;
    public string ReplDisklessLoad = "disabled";
    public int ReplPingReplicaPeriod = 10, ReplTimeout = 60;
    public bool ReplDisableTcpNodelay;
    public long ReplBacklogSize = 1024 * 1024;
    public long ReplBacklogTtl = 3600;
    public int MinReplicasToWrite, MinReplicasMaxLag = 10;

    // Cluster
    public bool ClusterEnabled;
    public string ClusterConfigFile = "nodes.conf";
    public long ClusterNodeTimeout = 15000;
    public int ClusterPort, ClusterAnnouncePort, ClusterAnnounceBusPort, ClusterAnnounceTlsPort;
    public string? ClusterAnnounceIp, ClusterAnnounceHostname;
    public string ClusterPreferredEndpointType = "ip";
    public int ClusterReplicaValidityFactor = 10, ClusterMigrationBarrier = 1;
    public bool ClusterRequireFullCoverage = true, ClusterReplicaNoFailover, ClusterAllowReadsWhenDown;
    public bool ClusterAllowPubsubshardWhenDown = true, ClusterAllowReplicaMigration = true;
    public ulong ClusterLinkSendbufLimit;

    // TLS
    public int TlsPort;
    public string? TlsCertFile, TlsKeyFile, TlsKeyFilePass, TlsClientCertFile, TlsClientKeyFile, TlsClientKeyFilePass;
    public string? TlsDhParamsFile, TlsCaCertFile, TlsCaCertDir, TlsProtocols, TlsCiphers, TlsCiphersuites;
    public string TlsAuthClients = "yes";
    public bool TlsReplication, TlsCluster, TlsPreferServerCiphers, TlsSessionCaching = true;
    public int TlsSessionCacheSize = 20480, TlsSessionCacheTimeout = 300;

    // Directives that are not values (redis.conf only)
    public readonly List<(string From, string To)> RenameCommands = new();
    public readonly List<string[]> Users = new();
    public readonly List<string[]> LoadModules = new();
    public readonly Dictionary<string, string> ModuleConfigs = new(StringComparer.Ordinal);
    /// <summary>`sentinel ...` lines (arguments after "sentinel"), for the Sentinel role.</summary>
    public readonly List<string[]> SentinelLines = new();
    public bool SentinelMode;

    /// <summary>Directives set at startup to a non-default value whose feature RedisNet does not implement yet.</summary>
    public readonly List<string> NotImplementedSet = new();

    /// <summary>Called after CONFIG SET loglevel (the logging provider's level follows it).</summary>
    public Action<string>? LogLevelChanged;
    /// <summary>
    /// Set by the listener owner: re-binds after CONFIG SET port/bind; returns an error text or null.
    /// While unset, the new values are stored and take effect at the next start.
    /// </summary>
    public Func<string?>? RebindListeners;

    /// <summary>The config file this server was started with (CONFIG REWRITE writes it); null if none.</summary>
    public string? ConfigFile;

    /// <summary>While reading redis.conf: the first `save` line replaces the defaults, later ones add.</summary>
    internal bool SaveSeenInFile;
}

/// <summary>One client-output-buffer-limit class (normal, replica, pubsub).</summary>
public record struct ClientBufferLimit(ulong HardBytes, ulong SoftBytes, long SoftSeconds)
{
    public static readonly string[] ClassNames = { "normal", "slave", "pubsub" };

    public static ClientBufferLimit[] Defaults() =>
        new[] { new ClientBufferLimit(0, 0, 0), new ClientBufferLimit(256UL << 20, 64UL << 20, 60), new ClientBufferLimit(32UL << 20, 8UL << 20, 60) };
}
