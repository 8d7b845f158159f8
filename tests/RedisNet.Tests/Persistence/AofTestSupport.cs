using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using RedisNet.Tests.Differential;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Persistence;

/// <summary>Shared steps of the AOF tests: a directory of their own, the servers on it, redis-check-aof, digests.</summary>
internal static class AofTestSupport
{
    /// <summary>A fresh directory for a server's files (not the ServerProcess work dir, which is deleted on dispose).</summary>
    public static string NewDir() => Directory.CreateTempSubdirectory("aof-test-").FullName;

    public static ServerProcess RedisNetOn(string dir, params string[] args) =>
        ServerProcess.StartRedisNet([.. args, "--dir", dir, "--enable-debug-command", "yes"]);

    public static ServerProcess RedisOn(string dir, params string[] args) =>
        ServerProcess.StartRedis([.. args, "--dir", dir, "--enable-debug-command", "yes"]);

    public static string Digest(RespClient c) => c.CallString("DEBUG", "DIGEST");

    public static string Info(RespClient c, string field) => InfoFields.Field(c.Call("INFO", "persistence"), field, ':');

    /// <summary>Waits until no AOF rewrite is running or scheduled.</summary>
    public static void WaitRewriteDone(RespClient c)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (Info(c, "aof_rewrite_in_progress") == "0" && Info(c, "aof_rewrite_scheduled") == "0") return;
            Thread.Sleep(50);
        }
        throw new TimeoutException("AOF rewrite did not finish");
    }

    /// <summary>Runs redis-check-aof on the directory's manifest; returns its exit code and output.</summary>
    public static (int Code, string Output) CheckAof(string dir, string manifest = "appendonly.aof.manifest")
    {
        var psi = new ProcessStartInfo("redis-check-aof") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(dir, "appendonlydir", manifest));
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    public static void AssertCheckAofAccepts(string dir)
    {
        var (code, output) = CheckAof(dir);
        Assert.True(code == 0, output);
        Assert.Contains("All AOF files and manifest are valid", output);
    }

    public static string Manifest(string dir) => File.ReadAllText(Path.Combine(dir, "appendonlydir", "appendonly.aof.manifest"));

    /// <summary>The text of the newest incr file, with 13-digit unix ms times masked.</summary>
    public static string IncrText(string dir)
    {
        var incr = Directory.GetFiles(Path.Combine(dir, "appendonlydir"), "*.incr.aof").OrderBy(f => f.Length).ThenBy(f => f).Last();
        return Regex.Replace(Encoding.Latin1.GetString(File.ReadAllBytes(incr)), @"\b\d{13}\b", "T");
    }

    /// <summary>Copies a directory tree (a server's files, so another server can load them).</summary>
    public static string CopyDir(string from)
    {
        var to = NewDir();
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
        return to;
    }

    public static void Run(RespClient c, string script)
    {
        foreach (var raw in script.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var reply = c.CallString(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Assert.False(reply.StartsWith('-'), $"{line}: {reply}");
        }
    }

    /// <summary>
    /// SHUTDOWN and wait for the exit: Redis under everysec may postpone a write while a background
    /// fsync runs (its documented trade-off), so a killed oracle can miss its last writes.
    /// </summary>
    public static void Shutdown(ServerProcess s, RespClient c)
    {
        try { c.SendRaw(RespClient.Encode([RespClient.Bytes("SHUTDOWN")])); c.IsClosedByServer(10_000); }
        catch (IOException) { }
        catch (System.Net.Sockets.SocketException) { }
        Assert.True(s.WaitForExit(15_000), "server did not exit");
    }

    /// <summary>Waits for a line in the server's log (its stdout arrives asynchronously).</summary>
    public static void AssertLogged(ServerProcess s, string text)
    {
        var sw = Stopwatch.StartNew();
        while (!s.Output.Contains(text) && sw.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(20);
        Assert.Contains(text, s.Output);
    }

    public static void Delete(string dir)
    {
        try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
