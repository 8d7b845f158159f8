namespace RedisNet.Config;

/// <summary>
/// Typed configuration values read by the running server. Hot paths read these fields directly;
/// the directive table (Config/Directives*.cs) maps redis.conf names, aliases, parsing, CONFIG GET
/// formatting and CONFIG SET onto them. Defaults are redis-server 7.0's built-in defaults.
/// </summary>
public sealed class ServerConfig
{
    // Network
    public int Port = 6379;
    public string[] Bind = { "*", "-::*" };
    public string? UnixSocket;
    public int UnixSocketPerm;
    public int TcpBacklog = 511;
    public bool ProtectedMode = true;
    public int MaxClients = 10000;
    public int Timeout;
    public int TcpKeepAlive = 300;

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
    public string EnableDebugCommand = "no";  // no | yes | local
    public string EnableProtectedConfigs = "no";
    public long SlowlogLogSlowerThan = 10000;
    public int SlowlogMaxLen = 128;
    public long LatencyMonitorThreshold;
    /// <summary>maxmemory-policy; OBJECT FREQ/IDLETIME depend on whether it is an LFU policy.</summary>
    public string MaxMemoryPolicy = "noeviction";

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

    /// <summary>The config file this server was started with (CONFIG REWRITE writes it); null if none.</summary>
    public string? ConfigFile;
}
