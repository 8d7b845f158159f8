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

}
