using Microsoft.Extensions.Logging;

namespace RedisNet.Hosting;

/// <summary>
/// Raises RLIMIT_NOFILE to maxclients + 32 (descriptors for listeners, files and persistence), or
/// lowers maxclients to what the limit allows, logging what Redis logs in either case.
/// (The .NET runtime already raised the soft limit to the hard one before Main, so the "Increased"
/// line only appears when the hard limit itself is raised.)
/// </summary>
public static class OpenFilesLimit
{
    public const int ReservedFds = 32;
    private const ulong DecrementStep = 16;

    /// <summary>Applies the limit; returns the maxclients to use, or -1 when the server cannot start.</summary>
    public static int Adjust(int maxClients, ILogger log)
    {
        ulong maxFiles = (ulong)maxClients + ReservedFds;
        if (Native.getrlimit(Native.RLIMIT_NOFILE, out var limit) == -1)
        {
            log.LogWarning("Unable to obtain the current NOFILE limit ({Error}), assuming 1024 and setting the max clients configuration accordingly.",
                Native.StrError(System.Runtime.InteropServices.Marshal.GetLastPInvokeError()));
            return 1024 - ReservedFds;
        }
        ulong oldLimit = limit.Cur;
        if (oldLimit >= maxFiles) return maxClients;

        ulong best = maxFiles;
        int error = 0;
        while (best > oldLimit)
        {
            var want = new Native.RLimit { Cur = best, Max = best };
            if (Native.setrlimit(Native.RLIMIT_NOFILE, ref want) != -1) break;
            error = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (best < DecrementStep) { best = oldLimit; break; }
            best -= DecrementStep;
        }
        if (best < oldLimit) best = oldLimit;
        if (best >= maxFiles)
        {
            log.LogInformation("Increased maximum number of open files to {Max} (it was originally set to {Old}).", maxFiles, oldLimit);
            return maxClients;
        }
        if (best <= ReservedFds)
        {
            log.LogWarning("Your current 'ulimit -n' of {Old} is not enough for the server to start. Please increase your open file limit to at least {Max}. Exiting.", oldLimit, maxFiles);
            return -1;
        }
        int reduced = (int)best - ReservedFds;
        log.LogWarning("You requested maxclients of {Requested} requiring at least {Max} max file descriptors.", maxClients, maxFiles);
        log.LogWarning("Server can't set maximum open files to {Max} because of OS error: {Error}.", maxFiles, Native.StrError(error));
        log.LogWarning("Current maximum open files is {Best}. maxclients has been reduced to {Reduced} to compensate for low ulimit. If you need higher maxclients increase 'ulimit -n'.", best, reduced);
        return reduced;
    }

    /// <summary>Redis warns when the kernel will silently cap the listen backlog.</summary>
    public static void CheckTcpBacklog(int backlog, ILogger log)
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
