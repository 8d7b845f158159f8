namespace RedisNet.Config;

/// <summary>
/// Builds the configuration from redis-server's command line: [configfile] [--directive value ...].
/// (Bootstrap version: understands --port, --bind, --databases, --requirepass, --hz, --logfile,
/// --loglevel, --dir, --unixsocket, --maxclients, --timeout; the full directive table replaces it.)
/// </summary>
public static class ConfigLoader
{
    public static ServerConfig Load(IReadOnlyList<string> args)
    {
        var cfg = new ServerConfig();
        for (int i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--")) continue;
            var name = args[i][2..].ToLowerInvariant();
            var values = new List<string>();
            while (i + 1 < args.Count && !args[i + 1].StartsWith("--")) values.Add(args[++i]);
            var v = values.Count > 0 ? values[0] : "";
            switch (name)
            {
                case "port": cfg.Port = int.Parse(v); break;
                case "bind": cfg.Bind = values.ToArray(); break;
                case "databases": cfg.Databases = int.Parse(v); break;
                case "requirepass": cfg.RequirePass = v; break;
                case "hz": cfg.Hz = int.Parse(v); break;
                case "logfile": cfg.LogFile = v; break;
                case "loglevel": cfg.LogLevel = v; break;
                case "dir": cfg.Dir = v; Directory.SetCurrentDirectory(v); break;
                case "unixsocket": cfg.UnixSocket = v; break;
                case "maxclients": cfg.MaxClients = int.Parse(v); break;
                case "timeout": cfg.Timeout = int.Parse(v); break;
                case "protected-mode": cfg.ProtectedMode = v == "yes"; break;
                case "enable-debug-command": cfg.EnableDebugCommand = v; break;
                case "slowlog-log-slower-than": cfg.SlowlogLogSlowerThan = long.Parse(v); break;
                case "slowlog-max-len": cfg.SlowlogMaxLen = int.Parse(v); break;
                case "latency-monitor-threshold": cfg.LatencyMonitorThreshold = long.Parse(v); break;
                case "maxmemory-policy": cfg.MaxMemoryPolicy = v.ToLowerInvariant(); break;
            }
        }
        return cfg;
    }
}
