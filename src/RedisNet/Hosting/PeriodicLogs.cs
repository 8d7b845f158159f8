using Microsoft.Extensions.Logging;
using RedisNet.Logging;
using RedisNet.Server;

namespace RedisNet.Hosting;

/// <summary>
/// The cron's periodic log lines, every 5 seconds as in Redis: per non-empty database at verbose
/// ("DB 0: 1 keys (1 volatile) in 4 slots HT.") and the client count at debug. Runs under the lock.
/// </summary>
public sealed class PeriodicLogs(RedisServer server, RedisLoggerProvider provider)
{
    private long _lastMs = Clock.UnixMs();

    public void Tick(long tick)
    {
        long now = server.Clock.NowMs;
        if (now - _lastMs < 5000) return;
        _lastMs = now;
        if (provider.IsEnabled(LogLevel.Debug))
        {
            for (int i = 0; i < server.Databases.Length; i++)
            {
                var db = server.Databases[i];
                if (db.Count > 0 || db.VolatileCount > 0)
                    server.Log.LogDebug("DB {Db}: {Keys} keys ({Volatile} volatile) in {Slots} slots HT.", i, db.Count, db.VolatileCount, db.Table.BucketCount);
            }
        }
        if (provider.IsEnabled(LogLevel.Trace))
        {
            int replicas = 0;
            foreach (var c in server.Clients.Values)
                if ((c.Flags & ClientFlags.Replica) != 0) replicas++;
            server.Log.LogTrace("{Clients} clients connected ({Replicas} replicas), {Bytes} bytes in use",
                server.Clients.Count - replicas, replicas, GC.GetTotalMemory(false));
        }
    }
}
