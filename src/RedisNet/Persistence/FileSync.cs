using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RedisNet.Persistence;

// DllImport rather than LibraryImport: the project does not enable unsafe code.
/// <summary>
/// The libc calls durable files need and .NET does not expose: fdatasync on a handle shared between
/// a writer and a syncing thread, fsync of a directory after a rename, and _exit. Used by RDB and AOF.
/// </summary>
internal static class FileSync
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
    public static bool DataSync(SafeFileHandle handle) => DataSyncErrno(handle) == 0;

    /// <summary>fdatasync, returning 0 or the errno (EBADF for a handle closed meanwhile).</summary>
    public static int DataSyncErrno(SafeFileHandle handle)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return fdatasync((int)handle.DangerousGetHandle()) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
        catch (ObjectDisposedException) { return 9; }
        finally { if (added) handle.DangerousRelease(); }
    }

    /// <summary>
    /// Makes a rename or a new file in <paramref name="dir"/> durable (fsync of the directory). False
    /// only on a real error: a directory that can't be opened, or a file system that refuses fsync on
    /// directories (EINVAL, EBADF), is let pass as Redis does.
    /// </summary>
    public static bool SyncDirectory(string dir)
    {
        int fd = open(dir, 0); // O_RDONLY
        if (fd < 0) return true;
        int rc = fsync(fd);
        int errno = Marshal.GetLastPInvokeError();
        close(fd);
        return rc == 0 || errno is 22 or 9;
    }
}
