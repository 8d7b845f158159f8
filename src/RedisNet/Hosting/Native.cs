using System.Runtime.InteropServices;

namespace RedisNet.Hosting;

// DllImport rather than LibraryImport: the project does not enable unsafe code.
/// <summary>The few libc calls process management needs and .NET does not expose.</summary>
internal static class Native
{
    public const int RLIMIT_NOFILE = 7;
    public const int O_RDWR = 2;

    [StructLayout(LayoutKind.Sequential)]
    public struct RLimit
    {
        public ulong Cur;
        public ulong Max;
    }

    [DllImport("libc", SetLastError = true)]
    public static extern int setsid();

    [DllImport("libc", SetLastError = true)]
    public static extern int getrlimit(int resource, out RLimit limit);

    [DllImport("libc", SetLastError = true)]
    public static extern int setrlimit(int resource, ref RLimit limit);

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

    [DllImport("libc")]
    private static extern IntPtr strerror(int errnum);

    /// <summary>The C library's text for an errno ("Operation not permitted"), as Redis prints it.</summary>
    public static string StrError(int errno) => Marshal.PtrToStringUTF8(strerror(errno)) ?? $"errno {errno}";
}
