using System.Diagnostics;
using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Persistence;

/// <summary>Helpers for the RDB save/load tests: INFO fields, waiting, redis-check-rdb, the oracle on a directory.</summary>
internal static class RdbTestKit
{
    /// <summary>One INFO field's value ("" when absent).</summary>
    public static string Info(RespClient c, string field)
    {
        var text = Encoding.Latin1.GetString(c.Call("INFO", "everything"));
        foreach (var line in text.Split("\r\n"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal)) return line[(field.Length + 1)..];
        return "";
    }

    public static void WaitFor(Func<bool> condition, string what, int ms = 20_000)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.ElapsedMilliseconds > ms) Assert.Fail("timed out waiting for " + what);
            Thread.Sleep(20);
        }
    }

    public static void WaitBgsaveDone(RespClient c) => WaitFor(() => Info(c, "rdb_bgsave_in_progress") == "0", "the background save to end");

    /// <summary>Runs redis-check-rdb 7.0 on a file and asserts it accepts it.</summary>
    public static void AssertCheckRdbAccepts(string path)
    {
        var check = Process.Start(new ProcessStartInfo("redis-check-rdb", path) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string output = check.StandardOutput.ReadToEnd() + check.StandardError.ReadToEnd();
        check.WaitForExit();
        Assert.True(check.ExitCode == 0, output);
        Assert.Contains("RDB looks OK", output);
    }

    /// <summary>The oracle started on <paramref name="dir"/> (loading its dump.rdb), with DEBUG enabled.</summary>
    public static ServerProcess OracleOn(string dir) =>
        ServerProcess.StartRedis("--dir", dir, "--dbfilename", "dump.rdb", "--enable-debug-command", "yes");

    public static string Digest(RespClient c) => Encoding.Latin1.GetString(c.Call("DEBUG", "DIGEST"));

    public static string NewDir(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The log lines (without the "pid:role date time" prefix), in order.</summary>
    public static List<string> LogMessages(string output)
    {
        var lines = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            var l = line.TrimEnd('\r');
            // "1234:M 22 Nov 2026 08:24:24.548 * message"
            if (l.Length == 0 || !char.IsDigit(l[0]) || !l.Contains(':')) continue;
            var parts = l.Split(' ', 6);
            if (parts.Length == 6) lines.Add(parts[5]);
        }
        return lines;
    }

    /// <summary>Starts a server on <paramref name="dir"/> without waiting for it to answer (ServerProcess waits for PONG).</summary>
    public static Process StartUnwaited(string kind, string dir, int port, params string[] args)
    {
        var psi = kind == "redis"
            ? new ProcessStartInfo(ServerProcess.OracleBinary)
            : new ProcessStartInfo("dotnet") { ArgumentList = { ServerProcess.RedisNetDll } };
        foreach (var a in new[] { "--port", port.ToString(), "--dir", dir }.Concat(args)) psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = dir;
        return Process.Start(psi)!;
    }

    /// <summary>Runs a server binary to its exit (it is expected to fail at startup); returns exit code and output.</summary>
    public static (int Code, string Output) RunToExit(string kind, string dir)
    {
        using var p = StartUnwaited(kind, dir, ServerProcess.FreePort());
        var stderr = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(30_000)) { p.Kill(true); Assert.Fail(kind + " did not exit:\n" + output); }
        return (p.ExitCode, output + stderr.Result);
    }
}
