using System.Runtime.InteropServices;

namespace RedisNet.Hosting;

// DllImport rather than LibraryImport: the project does not enable unsafe code.
/// <summary>The few libc calls process management needs and .NET does not expose.</summary>
internal static class Native
{
    public const int O_RDWR = 2;

    [DllImport("libc", SetLastError = true)]
    public static extern int setsid();

    [DllImport("libc", SetLastError = true)]
    public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int dup2(int oldfd, int newfd);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc")]
    public static extern int isatty(int fd);

    public const int F_SETFD = 2, FD_CLOEXEC = 1;

    [DllImport("libc", SetLastError = true)]
    public static extern int fcntl(int fd, int cmd, int arg);

    [DllImport("libc", SetLastError = true)]
    public static extern int kill(int pid, int sig);

    [DllImport("libc", SetLastError = true)]
    public static extern long syscall(long number);

    [DllImport("libc", SetLastError = true)]
    public static extern int setpriority(int which, int who, int prio);

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_setaffinity(int pid, nint cpusetsize, byte[] mask);

    /// <summary>
    /// Pins the calling thread to a Redis cpulist ("0-3,5", as bgsave_cpulist / aof_rewrite_cpulist):
    /// the thread that stands in for a forked child goes where the operator put the child. Best effort.
    /// </summary>
    public static void PinCurrentThread(string? cpulist)
    {
        if (string.IsNullOrEmpty(cpulist) || !OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return;
        var mask = new byte[128]; // 1024 cpus
        bool any = false;
        foreach (var part in cpulist.Split(','))
        {
            var range = part.Split('-');
            if (!int.TryParse(range[0], out int from)) return;
            int to = from;
            if (range.Length > 1 && !int.TryParse(range[1], out to)) return;
            for (int cpu = from; cpu <= to && cpu < mask.Length * 8; cpu++) { mask[cpu / 8] |= (byte)(1 << (cpu % 8)); any = true; }
        }
        if (!any) return;
        try
        {
            long tid = syscall(SysGettid);
            if (tid > 0) sched_setaffinity((int)tid, mask.Length, mask);
        }
        catch (EntryPointNotFoundException) { }
        catch (DllNotFoundException) { }
    }

    private const long SysGettid = 186; // x86-64
    private const int PrioProcess = 0;

    /// <summary>
    /// Gives the calling thread a nice value (Linux schedules threads individually). Background
    /// saves and rewrites run at a low priority so that, on a busy core, the scheduler lets a
    /// woken command thread preempt them at once: the work a forked child would do elsewhere must
    /// not add milliseconds to command latency. Best effort: ignored where unsupported.
    /// </summary>
    public static void NiceCurrentThread(int nice)
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != Architecture.X64) return;
        try
        {
            long tid = syscall(SysGettid);
            if (tid > 0) setpriority(PrioProcess, (int)tid, nice);
        }
        catch (EntryPointNotFoundException) { }
        catch (DllNotFoundException) { }
    }

}
