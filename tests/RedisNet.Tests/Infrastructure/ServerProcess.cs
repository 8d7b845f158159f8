using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RedisNet.Tests.Infrastructure;

/// <summary>
/// A server started for a test on a free port: RedisNet (the built redis-server.dll next to the
/// tests) or Debian's redis-server, the oracle. Disposing stops it.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    public int Port { get; }
    public string Kind { get; }
    public string WorkDir { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static string RedisNetDll => Path.Combine(AppContext.BaseDirectory, "redis-server.dll");

    /// <summary>
    /// Debian's redis-server, found on PATH explicitly: a bare "redis-server" would resolve to the
    /// RedisNet apphost next to the tests (Process.Start looks in the executable's directory first).
    /// </summary>
    public static string OracleBinary { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "redis-server"))
            .FirstOrDefault(p => File.Exists(p) && !Path.GetFullPath(p).StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal))
        ?? "/usr/bin/redis-server";

    public static ServerProcess StartRedisNet(params string[] args) => new("redisnet", args);
    public static ServerProcess StartRedis(params string[] args) => new("redis", args);

    private ServerProcess(string kind, string[] args, int? port = null)
    {
        Kind = kind;
        Port = port ?? FreePort();
        WorkDir = Directory.CreateTempSubdirectory("redisnet-test-").FullName;
        var psi = kind == "redis"
            ? new ProcessStartInfo(OracleBinary)
            : new ProcessStartInfo("dotnet") { ArgumentList = { RedisNetDll } };
        // Leading non-option args (a config file path) come first, as redis-server expects.
        foreach (var a in args.TakeWhile(a => !a.StartsWith("--"))) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("--port"); psi.ArgumentList.Add(Port.ToString());
        psi.ArgumentList.Add("--dir"); psi.ArgumentList.Add(WorkDir);
        // No save points unless a test asks (a later --save adds to the empty list): both servers alike.
        psi.ArgumentList.Add("--save"); psi.ArgumentList.Add("");
        foreach (var a in args.SkipWhile(a => !a.StartsWith("--"))) psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = true;
        psi.UseShellExecute = false;
        psi.WorkingDirectory = WorkDir;
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + kind);
        _process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitReady();
    }

    public bool HasExited => _process.HasExited;
    public int Pid => _process.Id;

    private void WaitReady()
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Kind} exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var c = new RespClient(Port);
                var reply = c.CallString("PING");
                if (reply == "+PONG\r\n" || reply.StartsWith("-NOAUTH")) return;
            }
            catch (SocketException) { }
            catch (IOException) { }
            Thread.Sleep(50);
        }
        throw new TimeoutException($"{Kind} did not answer PING on {Port}:\n{Output}");
    }

    public RespClient Client() => new(Port);

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int p = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return p;
    }

    /// <summary>Sends a signal (e.g. 15 for SIGTERM) to the server.</summary>
    public void Signal(int signal) => Process.Start("kill", $"-{signal} {_process.Id}")!.WaitForExit();

    public bool WaitForExit(int ms) => _process.WaitForExit(ms);
    public int ExitCode => _process.ExitCode;

    public void Dispose() => ProcessCleanup.Stop(_process, WorkDir);
}
