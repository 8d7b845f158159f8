using Microsoft.Extensions.Logging;

namespace RedisNet.Hosting;

/// <summary>Redis warns at startup when the kernel will silently cap the listen backlog.</summary>
public static class TcpBacklog
{
    public static void Check(int backlog, ILogger log)
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/net/core/somaxconn").Trim();
            if (int.TryParse(text, out int somaxconn) && somaxconn > 0 && somaxconn < backlog)
                log.LogWarning("WARNING: The TCP backlog setting of {Backlog} cannot be enforced because /proc/sys/net/core/somaxconn is set to the lower value of {Max}.", backlog, somaxconn);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
