using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RedisNet.Persistence.Aof;

// DllImport rather than LibraryImport: the project does not enable unsafe code.
/// <summary>fdatasync, which .NET does not expose for a handle shared between a writer and a syncing thread.</summary>
internal static class AofNative
{
    [DllImport("libc", SetLastError = true)]
    private static extern int fdatasync(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc")]
    private static extern void _exit(int status);

    /// <summary>
    /// Ends the process at once, as Redis's exit(1) on an unrecoverable AOF error. Not
    /// Environment.Exit: its shutdown handlers would wait for the execution lock the caller holds.
    /// </summary>
    public static void Exit(int code) => _exit(code);

    /// <summary>Flushes a file's data to disk (Redis's redis_fsync is fdatasync on Linux). Returns false on error.</summary>
    public static bool DataSync(SafeFileHandle handle)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return fdatasync((int)handle.DangerousGetHandle()) == 0;
        }
        catch (ObjectDisposedException) { return false; }
        finally { if (added) handle.DangerousRelease(); }
    }

    /// <summary>Makes a rename or a new file in <paramref name="dir"/> durable (fsync of the directory).</summary>
    public static void SyncDirectory(string dir)
    {
        int fd = open(dir, 0); // O_RDONLY
        if (fd < 0) return;
        fsync(fd);
        close(fd);
    }
}
