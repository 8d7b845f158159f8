using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace RedisNet.Persistence;

/// <summary>
/// Writing an RDB file safely (Redis's rdbSave file handling): the bytes go to temp-&lt;pid&gt;.rdb in
/// `dir`, which is flushed and fsynced, then renamed over `dbfilename`, then the directory is
/// fsynced, so a crash at any point leaves either the old dump or the new one, never half of one.
/// Failures are logged with Redis's lines and strerror texts.
/// </summary>
public static class RdbFile
{
    /// <summary>The temp file name Redis uses: temp-&lt;pid&gt;.rdb (the saving process's pid; ours, as we do not fork).</summary>
    public static string TempName => $"temp-{Environment.ProcessId}.rdb";

    public static string PathIn(string dir, string name) => System.IO.Path.Combine(dir, name);

    /// <summary>Opens the temp file for writing; null (logged as Redis does) when it can't be created.</summary>
    public static FileStream? OpenTemp(string dir, ILogger log)
    {
        try
        {
            return new FileStream(PathIn(dir, TempName), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.LogWarning("Failed opening the temp RDB file {Tmp} (in server root dir {Dir}) for saving: {Error}",
                TempName, Directory.Exists(dir) ? dir : "unknown", StrError(ex));
            return null;
        }
    }

    /// <summary>Flushes, fsyncs and closes the temp file; false (logged) on a write error: the caller removes the temp file.</summary>
    public static bool Finish(FileStream file, ILogger log)
    {
        string op = "fflush";
        try
        {
            file.Flush(false);
            op = "fsync";
            file.Flush(true);
            op = "fclose";
            file.Dispose();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(op, ex, log);
            try { file.Dispose(); } catch (IOException) { }
            return false;
        }
    }

    /// <summary>Renames the finished temp file over the target and fsyncs the directory; false (logged) on failure.</summary>
    public static bool Commit(string dir, string dbfilename, ILogger log)
    {
        var target = PathIn(dir, dbfilename);
        try
        {
            File.Move(PathIn(dir, TempName), target, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.LogWarning("Error moving temp DB file {Tmp} on the final destination {File} (in server root dir {Dir}): {Error}",
                TempName, dbfilename, Directory.Exists(dir) ? dir : "unknown", StrError(ex));
            RemoveTemp(dir);
            return false;
        }
        if (!FileSync.SyncDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(target)) ?? "."))
        {
            log.LogWarning("Write error saving DB on disk(fsyncFileDir): {Error}", Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
            return false;
        }
        return true;
    }

    /// <summary>"Write error saving DB on disk(op): reason".</summary>
    public static void WriteError(string op, Exception ex, ILogger log) =>
        log.LogWarning("Write error saving DB on disk({Op}): {Error}", op, StrError(ex));

    /// <summary>
    /// The line a Redis child logs when it ends ("RDB", "AOF rewrite"). No fork, so no copy-on-write:
    /// what a save holds beyond the dataset is its step buffers, well under a megabyte.
    /// </summary>
    public static string CowLine(string what) => $"Fork CoW for {what}: current 0 MB, peak 0 MB, average 0 MB";

    public static void RemoveTemp(string dir)
    {
        try { File.Delete(PathIn(dir, TempName)); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>The strerror text for an I/O exception (.NET keeps the errno only for some of them).</summary>
    public static string StrError(Exception ex)
    {
        int errno = ex switch
        {
            FileNotFoundException or DirectoryNotFoundException => 2, // ENOENT
            UnauthorizedAccessException => 13,                        // EACCES
            PathTooLongException => 36,                               // ENAMETOOLONG
            IOException io when io.HResult > 0 && io.HResult < 4096 => io.HResult,
            _ => 0,
        };
        return errno != 0 ? Marshal.GetPInvokeErrorMessage(errno) : ex.Message;
    }
}
