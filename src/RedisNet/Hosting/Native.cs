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
