using Microsoft.Extensions.Logging;

namespace RedisNet.Hosting;

/// <summary>
/// The pid file: written at startup when `pidfile` is set, or at /var/run/redis.pid when daemonized
/// without one (Redis's default); removed at shutdown with Redis's log line. A file that cannot be
/// written is ignored, as Redis does.
/// </summary>
public sealed class PidFile
{
    public const string DefaultPath = "/var/run/redis.pid";
    public string? Path { get; }

    public PidFile(string? configured, bool daemonized)
    {
        Path = !string.IsNullOrEmpty(configured) ? configured : daemonized ? DefaultPath : null;
    }

    public void Write()
    {
        if (Path is null) return;
        try { File.WriteAllText(Path, Environment.ProcessId + "\n"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public void Remove(ILogger log)
    {
        if (Path is null) return;
        log.LogInformation("Removing the pid file.");
        try { File.Delete(Path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
