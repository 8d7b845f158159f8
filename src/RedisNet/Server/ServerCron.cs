using System.Diagnostics;

namespace RedisNet.Server;

/// <summary>
/// Periodic work, `hz` times a second (Redis's serverCron): the active expire cycle, idle client
/// timeouts, and whatever later parts register (save points, replication pings, cluster gossip).
/// Each tick runs under the execution lock, so it is one more serialized step between batches.
/// </summary>
public sealed class ServerCron : IDisposable
{
    private readonly RedisServer _server;
    private readonly List<Action<long>> _jobs = new();
    private Thread? _thread;
    private volatile bool _stop;
    private long _tick;
    private int _expireDb;

    /// <summary>Active expire uses at most this share of each tick (Redis: 25% of CPU per second).</summary>
    private const int ExpireTimePercent = 25;

    public ServerCron(RedisServer server) => _server = server;

    /// <summary>Adds a job run every tick with the tick number, under the execution lock.</summary>
    public void Register(Action<long> job) => _jobs.Add(job);

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "redis-cron" };
        _thread.Start();
    }

    private void Run()
    {
        while (!_stop)
        {
            int hz = Math.Clamp(_server.Config.Hz, 1, 500);
            Thread.Sleep(1000 / hz);
            if (_stop) return;
            lock (_server.ExecLock) Tick(hz);
        }
    }

    internal void Tick(int hz)
    {
        _server.Clock.Refresh();
        _tick++;
        // A paused server keeps its dataset constant (no expiry until the pause ends), as Redis does.
        if (_server.Config.ActiveExpireEnabled && !_server.IsReplicaOfMaster && !ClientPause.IsActive(_server)) ActiveExpire(hz);
        if (_server.Config.Timeout > 0 && _tick % hz == 0) CloseIdleClients();
        foreach (var job in _jobs) job(_tick);
    }

    private void ActiveExpire(int hz)
    {
        long budgetTicks = Stopwatch.Frequency * ExpireTimePercent / 100 / hz;
        long start = Stopwatch.GetTimestamp();
        long deadline = start + budgetTicks;
        var dbs = _server.Databases;
        for (int i = 0; i < dbs.Length; i++)
        {
            var db = dbs[(_expireDb + i) % dbs.Length];
            if (db.VolatileCount > 0) db.ActiveExpire(_server.Rng, deadline);
            if (Stopwatch.GetTimestamp() > deadline) { _server.Stats.ExpiredTimeCapReachedCount++; break; }
        }
        _expireDb = (_expireDb + 1) % dbs.Length;
        _server.Stats.ExpireCycleCpuMilliseconds += (Stopwatch.GetTimestamp() - start) * 1000 / Stopwatch.Frequency;
    }

    private void CloseIdleClients()
    {
        long limit = _server.Clock.NowMs - _server.Config.Timeout * 1000L;
        foreach (var c in _server.Clients.Values)
        {
            // Replicas, masters, blocked and pub/sub clients are exempt, as in Redis.
            if ((c.Flags & (ClientFlags.Replica | ClientFlags.Master | ClientFlags.Blocked | ClientFlags.PubSub)) != 0) continue;
            if (c.LastInteractionMs < limit) c.Transport?.Close(now: true);
        }
    }

    public void Dispose() => _stop = true;
}
