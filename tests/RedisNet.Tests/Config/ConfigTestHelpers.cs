using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using RedisNet.Tests.Infrastructure;

namespace RedisNet.Tests.Config;

/// <summary>Helpers for config tests: flat RESP2 array decoding and running a server binary to completion.</summary>
public static class ConfigTestHelpers
{
    /// <summary>Decodes a RESP2 array of bulk strings (CONFIG GET's reply) into name/value pairs.</summary>
    public static Dictionary<string, string> Pairs(byte[] reply)
    {
        var items = new List<string>();
        var s = Encoding.Latin1.GetString(reply);
        int pos = s.IndexOf("\r\n", StringComparison.Ordinal);
        if (s[0] != '*') throw new InvalidOperationException("not an array: " + s);
        int n = int.Parse(s[1..pos]);
        pos += 2;
        for (int i = 0; i < n; i++)
        {
            int eol = s.IndexOf("\r\n", pos, StringComparison.Ordinal);
            int len = int.Parse(s[(pos + 1)..eol]);
            items.Add(s.Substring(eol + 2, len));
            pos = eol + 2 + len + 2;
        }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < items.Count; i += 2) map[items[i]] = items[i + 1];
        return map;
    }

    /// <summary>Runs the server (RedisNet or redis-server) until it exits; returns exit code, stdout and stderr.</summary>
    public static (int Code, string Stdout, string Stderr) RunToExit(bool redisNet, string workDir, string? stdin, params string[] args)
    {
        var psi = redisNet ? new ProcessStartInfo("dotnet") { ArgumentList = { ServerProcess.RedisNetDll } } : new ProcessStartInfo(ServerProcess.OracleBinary);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = psi.RedirectStandardError = psi.RedirectStandardInput = true;
        psi.UseShellExecute = false;
        psi.WorkingDirectory = workDir;
        using var p = Process.Start(psi)!;
        if (stdin != null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        var outTask = p.StandardOutput.ReadToEndAsync();
        var errTask = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(30_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("server did not exit: " + string.Join(' ', args));
        }
        return (p.ExitCode, outTask.Result, errTask.Result);
    }

    /// <summary>Starts RedisNet (or redis-server) and waits until it answers PING (PONG, or NOAUTH when a password is set).</summary>
    public static Process StartServer(bool redisNet, string workDir, int port, params string[] args)
    {
        var psi = redisNet ? new ProcessStartInfo("dotnet") { ArgumentList = { ServerProcess.RedisNetDll } } : new ProcessStartInfo(ServerProcess.OracleBinary);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        psi.WorkingDirectory = workDir;
        var p = Process.Start(psi)!;
        var output = new StringBuilder();
        p.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (p.HasExited) throw new InvalidOperationException($"server exited with {p.ExitCode}:\n{output}");
            try
            {
                using var c = new RespClient(port);
                var reply = c.CallString("PING");
                if (reply == "+PONG\r\n" || reply.StartsWith("-NOAUTH", StringComparison.Ordinal)) return p;
            }
            catch (SocketException) { }
            catch (IOException) { }
            Thread.Sleep(100);
        }
        p.Kill(entireProcessTree: true);
        throw new TimeoutException("server did not answer PING:\n" + output);
    }

    public static void Stop(Process p)
    {
        if (!p.HasExited)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(5000);
        }
        p.Dispose();
    }
}
