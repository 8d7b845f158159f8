using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace RedisNet.Config;

/// <summary>
/// Redis's adjustOpenFilesLimit: maxclients needs maxclients+32 file descriptors. Raise RLIMIT_NOFILE
/// if allowed, else lower maxclients to what the limit allows, with Redis's log lines.
/// </summary>
public static class OpenFilesLimit
{
    public const int ReservedFds = 32;
    private const int RlimitNofile = 7; // Linux

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Cur;
        public ulong Max;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrlimit(int resource, out RLimit rlim);

    [DllImport("libc", SetLastError = true)]
    private static extern int setrlimit(int resource, ref RLimit rlim);

    /// <summary>Adjusts the limit or cfg.MaxClients; returns false when the limit is too low to start at all.</summary>
    public static bool Adjust(ServerConfig cfg, ILogger log)
    {
        if (!OperatingSystem.IsLinux()) return true;
        ulong maxFiles = (ulong)cfg.MaxClients + ReservedFds;
        if (getrlimit(RlimitNofile, out var limit) == -1)
        {
            log.LogWarning("Unable to obtain the current NOFILE limit ({Error}), assuming 1024 and setting the max clients configuration accordingly.",
                Marshal.GetLastPInvokeErrorMessage());
            cfg.MaxClients = 1024 - ReservedFds;
            return true;
        }
        ulong oldLimit = limit.Cur;
        if (oldLimit >= maxFiles) return true;
        ulong best = maxFiles;
        string? error = null;
        while (best > oldLimit)
        {
            var want = new RLimit { Cur = best, Max = best };
            if (setrlimit(RlimitNofile, ref want) != -1) break;
            error = Marshal.GetLastPInvokeErrorMessage();
            if (best < 16) { best = oldLimit; break; }
            best -= 16;
        }
        if (best < oldLimit) best = oldLimit;
        if (best >= maxFiles)
        {
            log.LogInformation("Increased maximum number of open files to {Max} (it was originally set to {Old}).", maxFiles, oldLimit);
            return true;
        }
        int requested = cfg.MaxClients;
        cfg.MaxClients = (int)(best - ReservedFds);
        if (best <= ReservedFds)
        {
            log.LogWarning("Your current 'ulimit -n' of {Old} is not enough for the server to start. Please increase your open file limit to at least {Need}. Exiting.",
                oldLimit, maxFiles);
            return false;
        }
        log.LogWarning("You requested maxclients of {Requested} requiring at least {Need} max file descriptors.", requested, maxFiles);
        log.LogWarning("Server can't set maximum open files to {Need} because of OS error: {Error}.", maxFiles, error);
        log.LogWarning("Current maximum open files is {Best}. maxclients has been reduced to {Max} to compensate for low ulimit. If you need higher maxclients increase 'ulimit -n'.",
            best, cfg.MaxClients);
        return true;
    }
}
