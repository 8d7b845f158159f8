using Microsoft.Extensions.Logging;
using RedisNet.Commands;
using RedisNet.Config;
using RedisNet.Keyspace;

namespace RedisNet.Server;

/// <summary>
/// The server's shared state: databases, clients, config, statistics, and the execution lock.
/// Every command runs while holding <see cref="ExecLock"/>, which gives all writes one total order
/// (see docs/ARCHITECTURE.md, "Threading model").
/// </summary>
public sealed class RedisServer
{
    public readonly object ExecLock = new();
    /// <summary>
    /// Connections waiting for <see cref="ExecLock"/> to run a batch (counted only when the lock was
    /// taken). Background work that holds the lock in steps (a snapshot walk) ends its step early
    /// when this is not zero, so a command waits microseconds for it, not a whole step.
    /// </summary>
    public int LockWaiters;
    public readonly ServerConfig Config;
    public Database[] Databases;
    public readonly CommandTable Commands;
    public readonly Clock Clock = new();
    public readonly KeyspaceObservers Observers = new();
    public readonly Propagation Propagation = new();
    /// <summary>WATCHed keys of every client (MULTI/EXEC's optimistic locking).</summary>
    public readonly WatchedKeys WatchedKeys;
    /// <summary>Clients blocked on keys and the keys made ready for them.</summary>
    public readonly Blocking Blocking = new();
    /// <summary>Keyspace notifications (notify-keyspace-events).</summary>
    public readonly KeyspaceEvents Events;
    public readonly ServerStats Stats = new();
    /// <summary>EVAL script cache, function libraries and the running script (Scripting/).</summary>
    public readonly Scripting.ScriptingState Scripting;
    public readonly SlowLog SlowLog = new();
    /// <summary>LATENCY LATEST/HISTORY events (latency-monitor-threshold).</summary>
    public readonly LatencyMonitor Latency = new();
    /// <summary>instantaneous_ops_per_sec and friends, sampled by the cron.</summary>
    public readonly InstantaneousMetrics Instantaneous = new();
    /// <summary>Unix ms of the last successful save (LASTSAVE, rdb_last_save_time); server start until one happens.</summary>
    public long LastSaveMs = Clock.UnixMs();
    /// <summary>RDB saves and loading, for INFO persistence.</summary>
    public readonly Persistence.RdbState Rdb = new();
    /// <summary>The append-only file, for INFO persistence.</summary>
    public readonly Persistence.Aof.AofState Aof = new();
    /// <summary>Replication ID shown by INFO replication (40 hex chars, distinct from run_id as in Redis).</summary>
    public string ReplId = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
    public readonly Dictionary<long, Client> Clients = new();
    public readonly List<Client> Monitors = new();
    public readonly Random Rng = new();
    public readonly ILoggerFactory LoggerFactory;
    public readonly ILogger Log;
    /// <summary>For the lines Redis's forked child writes (role C): background saves and AOF rewrites.</summary>
    public readonly ILogger ChildLog;
    public readonly string RunId = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
    public readonly long StartTimeMs = Clock.UnixMs();

    /// <summary>Changes since the last save (rdb_changes_since_last_save); commands bump it via ctx.Dirty().</summary>
    public long Dirty;
    /// <summary>True on a replica with a master link: expired keys wait for the master's DEL.</summary>
    public bool IsReplicaOfMaster;
    /// <summary>Set by CLIENT PAUSE: until this Unix ms, commands of the paused kind wait.</summary>
    public long PauseUntilMs;
    public bool PauseWritesOnly;
    /// <summary>TCP port actually bound (port 0 asks for none); INFO server tcp_port shows it.</summary>
    public int BoundPort;

    /// <summary>RESET: parts that keep per-client state (MULTI, WATCH, pub/sub, tracking) clear it here.</summary>
    public event Action<Client>? ClientReset;
    internal void OnClientReset(Client c) => ClientReset?.Invoke(c);
    /// <summary>A client is gone (disconnect, CLIENT KILL): per-feature registries drop it.</summary>
    public event Action<Client>? ClientRemoved;
    /// <summary>Channels, patterns and their subscribers; also publishes keyspace events.</summary>
    public readonly PubSub.PubSubHub PubSub;
    /// <summary>Client-side caching: the tracking table and BCAST prefixes.</summary>
    public readonly TrackingTable Tracking;
    /// <summary>Keys of db 0 by hash slot; only kept on cluster nodes (cluster-enabled yes).</summary>
    public readonly Cluster.SlotIndex? SlotIndex;

    /// <summary>Asks the host to shut down (SHUTDOWN, SIGTERM); set by the hosting layer.</summary>
    public Func<ShutdownRequest, bool>? ShutdownHandler;

    public RedisServer(ServerConfig config, CommandTable commands, ILoggerFactory loggerFactory)
    {
        Config = config;
        Commands = commands;
        LoggerFactory = loggerFactory;
        Log = loggerFactory.CreateLogger("redis");
        ChildLog = loggerFactory.CreateLogger(Logging.RedisLoggerProvider.ChildCategory);
        Events = new KeyspaceEvents(config);
        Scripting = new Scripting.ScriptingState(this);
        PubSub = new PubSub.PubSubHub(this);
        Tracking = new TrackingTable(this);
        WatchedKeys = new WatchedKeys(Clock);
        Observers.Register(WatchedKeys);
        ClientReset += c => MultiState.Discard(this, c);
        Databases = new Database[config.Databases];
        for (int i = 0; i < Databases.Length; i++) Databases[i] = new Database(this, i);
        if (config.ClusterEnabled)
        {
            SlotIndex = new Cluster.SlotIndex();
            Observers.Register(SlotIndex);
        }
    }

    public Client CreateClient(IClientTransport? transport)
    {
        var c = new Client(this, transport);
        if (transport != null) Clients[c.Id] = c;
        return c;
    }

    public void RemoveClient(Client c)
    {
        Clients.Remove(c.Id);
        MultiState.Discard(this, c);
        if ((c.Flags & ClientFlags.Monitor) != 0) Monitors.Remove(c);
        ClientRemoved?.Invoke(c);
    }

    public long KeyCount()
    {
        long n = 0;
        foreach (var db in Databases) n += db.Count;
        return n;
    }
}

/// <summary>How SHUTDOWN (or a signal) asked to stop.</summary>
public sealed record ShutdownRequest(bool NoSave, bool Save, bool Now, bool Force, bool Abort, bool FromSignal);
