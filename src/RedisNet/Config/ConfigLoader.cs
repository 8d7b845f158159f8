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
                case "daemonize": cfg.Daemonize = v == "yes"; break;
                case "pidfile": cfg.PidFile = v; break;
                case "supervised": cfg.Supervised = v; break;
                case "always-show-logo": cfg.AlwaysShowLogo = v == "yes"; break;
                case "syslog-enabled": cfg.SyslogEnabled = v == "yes"; break;
                case "syslog-ident": cfg.SyslogIdent = v; break;
                case "syslog-facility": cfg.SyslogFacility = v; break;
                case "unixsocketperm": cfg.UnixSocketPerm = Convert.ToInt32(v, 8); break;
                case "tcp-backlog": cfg.TcpBacklog = int.Parse(v); break;
                case "tcp-keepalive": cfg.TcpKeepAlive = int.Parse(v); break;
                case "client-query-buffer-limit": cfg.ClientQueryBufferLimit = ParseMemory(v); break;
                case "proto-max-bulk-len": cfg.ProtoMaxBulkLen = ParseMemory(v); break;
            }
        }
        return cfg;
    }

    // "1mb", "512kb", "1gb" or bytes (bootstrap subset of Redis's memory units).
    private static long ParseMemory(string v)
    {
        v = v.ToLowerInvariant();
        foreach (var (suffix, mul) in new[] { ("gb", 1L << 30), ("mb", 1L << 20), ("kb", 1L << 10), ("b", 1L) })
            if (v.EndsWith(suffix)) return long.Parse(v[..^suffix.Length]) * mul;
        return long.Parse(v);
    }
}
