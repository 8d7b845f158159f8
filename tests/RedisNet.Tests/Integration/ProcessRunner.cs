using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using RedisNet.Tests.Infrastructure;

namespace RedisNet.Tests.Integration;

/// <summary>
/// Runs RedisNet (or real redis-server) with exactly the given arguments, for process-level tests that
/// ServerProcess cannot express: early exits, daemonize, port 0, custom environment. Captures stdout
/// and stderr separately; disposing kills what is still running.
/// </summary>
public sealed class ProcessRunner : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new(), _stderr = new();
    public string WorkDir { get; }

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }
    public int Pid => _process.Id;

    private ProcessRunner(ProcessStartInfo psi, string? workDir)
    {
        WorkDir = workDir ?? Directory.CreateTempSubdirectory("redisnet-proc-").FullName;
        psi.WorkingDirectory = WorkDir;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = true;
        psi.UseShellExecute = false;
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (_stdout) _stdout.Append(e.Data).Append('\n'); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_stderr) _stderr.Append(e.Data).Append('\n'); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>`dotnet redis-server.dll args...`</summary>
    public static ProcessRunner RedisNet(IEnumerable<string> args, IDictionary<string, string?>? env = null, string? workDir = null)
    {
        var psi = new ProcessStartInfo("dotnet") { ArgumentList = { ServerProcess.RedisNetDll } };
        return Start(psi, args, env, workDir);
    }

    /// <summary>An executable (the apphost, a symlink to it, redis-server) with args.</summary>
    public static ProcessRunner Exe(string path, IEnumerable<string> args, IDictionary<string, string?>? env = null, string? workDir = null) =>
        Start(new ProcessStartInfo(path), args, env, workDir);

    /// <summary>Through bash, e.g. to lower `ulimit -n` first: `bash -c "ulimit -n 256; exec \"$0\" \"$@\"" exe args...`.</summary>
    public static ProcessRunner Shell(string prelude, string exe, IEnumerable<string> args, string? workDir = null)
    {
        var psi = new ProcessStartInfo("bash") { ArgumentList = { "-c", prelude + "; exec \"$0\" \"$@\"", exe } };
        return Start(psi, args, null, workDir);
    }

    private static ProcessRunner Start(ProcessStartInfo psi, IEnumerable<string> args, IDictionary<string, string?>? env, string? workDir)
    {
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env != null) foreach (var (k, v) in env) psi.Environment[k] = v;
        return new ProcessRunner(psi, workDir);
    }

    /// <summary>Waits for exit and for the output streams to drain; returns the exit code.</summary>
    public int WaitExit(int timeoutMs = 30_000)
    {
        if (!_process.WaitForExit(timeoutMs)) throw new TimeoutException("process did not exit:\n" + Stdout + Stderr);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Writes text to the process's stdin and closes it (config from stdin: "-").</summary>
    public void WriteStdinAndClose(string text)
    {
        _process.StandardInput.Write(text);
        _process.StandardInput.Close();
    }

    /// <summary>Waits until stdout matches the pattern (the server logs its readiness there).</summary>
    public void WaitForOutput(string pattern, int timeoutMs = 30_000)
    {
        var sw = Stopwatch.StartNew();
        while (!Regex.IsMatch(Stdout, pattern, RegexOptions.Multiline))
        {
            if (sw.ElapsedMilliseconds > timeoutMs) throw new TimeoutException($"no /{pattern}/ in output:\n{Stdout}{Stderr}");
            if (_process.HasExited && !Regex.IsMatch(Stdout, pattern, RegexOptions.Multiline))
                throw new InvalidOperationException($"exited ({_process.ExitCode}) without /{pattern}/:\n{Stdout}{Stderr}");
            Thread.Sleep(20);
        }
    }

    public void Signal(int signal) => Kill(_process.Id, signal);

    public static void Kill(int pid, int signal) => Process.Start("kill", $"-{signal} {pid}")!.WaitForExit();

    /// <summary>Polls a condition (a file appearing, a connection closing) with a generous bound.</summary>
    public static bool WaitUntil(Func<bool> condition, int timeoutMs = 20_000)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.ElapsedMilliseconds > timeoutMs) return false;
            Thread.Sleep(20);
        }
        return true;
    }

    /// <summary>The log lines only, without the logo art (lines of the form "pid:R date time L msg").</summary>
    public static IEnumerable<string> LogLines(string output) =>
        output.Split('\n').Where(l => Regex.IsMatch(l, @"^\d+:(\w|signal-handler) "));

    /// <summary>A log line's message, without the "pid:R dd Mon yyyy HH:mm:ss.mmm L " prefix.</summary>
    public static string Message(string line)
    {
        var m = Regex.Match(line, @"^\d+:[A-Z] \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} [.\-*#] (.*)$");
        if (m.Success) return m.Groups[1].Value;
        m = Regex.Match(line, @"^\d+:signal-handler \(\d+\) (.*)$");
        return m.Success ? m.Groups[1].Value : line;
    }

    public void Dispose() => ProcessCleanup.Stop(_process, WorkDir);
}
