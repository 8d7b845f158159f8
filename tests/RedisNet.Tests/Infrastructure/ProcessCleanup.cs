using System.Diagnostics;

namespace RedisNet.Tests.Infrastructure;

/// <summary>How tests stop what they started: kill the process tree, then remove its work directory.</summary>
public static class ProcessCleanup
{
    public static void Stop(Process process, string workDir)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { }
        process.Dispose();
        try { Directory.Delete(workDir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
