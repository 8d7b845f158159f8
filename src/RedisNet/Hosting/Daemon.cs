using System.Diagnostics;
using System.IO.Pipes;

namespace RedisNet.Hosting;

/// <summary>
/// `daemonize yes` without fork(): the process re-launches its own executable as a detached child
/// (new session, standard streams on /dev/null) and waits until the child reports it accepts
/// connections over an inherited pipe. Exit 0 then; exit 1 when the pipe closes first (the child
/// failed and exited). The child knows its role from the environment variable holding the pipe.
/// </summary>
public static class Daemon
{
    public const string ReadyFdVariable = "REDISNET_DAEMON_READY_FD";
    /// <summary>Carries config read from stdin ("-") to the child, whose stdin is no longer the parent's.</summary>
    public const string StdinConfigVariable = "REDISNET_DAEMON_STDIN_CONFIG";
    private static AnonymousPipeClientStream? _ready;

    /// <summary>True in the re-launched child (set by DetachChild, which also clears the variable).</summary>
    public static bool IsChild { get; private set; }

    /// <summary>Parent side: starts the child with the same arguments and waits for its readiness byte.</summary>
    public static int LaunchChild(IReadOnlyList<string> args, string workingDirectory)
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.Inheritable);
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, WorkingDirectory = workingDirectory };
        // Under `dotnet redis-server.dll` the process is the dotnet host: pass the assembly again.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            psi.ArgumentList.Add(typeof(Daemon).Assembly.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var clientFd = pipe.GetClientHandleAsString();
        psi.Environment[ReadyFdVariable] = clientFd;
        if (Config.ConfigParser.StdinText != null) psi.Environment[StdinConfigVariable] = Config.ConfigParser.StdinText;
        KeepDescriptorsFromChild(int.Parse(clientFd));
        using var child = Process.Start(psi);
        pipe.DisposeLocalCopyOfClientHandle();
        if (child is null) return 1;
        var buf = new byte[1];
        int n;
        try { n = pipe.Read(buf, 0, 1); }
        catch (IOException) { n = 0; }
        return n == 1 && buf[0] == (byte)'1' ? 0 : 1;
    }

    /// <summary>
    /// The runtime dup()s the standard streams without close-on-exec, and the parent may have
    /// inherited more: marks every descriptor above 2 (but the readiness pipe) close-on-exec so the
    /// daemon keeps none of them, e.g. the write end of a pipe its caller waits to see closed.
    /// </summary>
    private static void KeepDescriptorsFromChild(int keep)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            if (int.TryParse(Path.GetFileName(entry), out int fd) && fd > 2 && fd != keep)
                Native.fcntl(fd, Native.F_SETFD, Native.FD_CLOEXEC);
    }

    /// <summary>
    /// Child side, first thing in Main: leave the parent's session and terminal, point the standard
    /// streams at /dev/null (logs go to the log file), and keep the pipe to report readiness.
    /// </summary>
    public static void DetachChild()
    {
        var handle = Environment.GetEnvironmentVariable(ReadyFdVariable);
        if (handle is null) return;
        IsChild = true;
        Environment.SetEnvironmentVariable(ReadyFdVariable, null);
        // Read once by the config loader; the daemon's own children (none today) must not see it.
        ConfigStdinHandOver();
        Native.setsid();
        int devNull = Native.open("/dev/null", Native.O_RDWR);
        if (devNull >= 0)
        {
            // The runtime holds dup()s of the standard streams made before Main: they must go to
            // /dev/null too, or whoever reads our caller's stdout never sees it closed.
            var std = new HashSet<string>();
            for (int fd = 0; fd <= 2; fd++) if (LinkOf(fd) is { } t) std.Add(t);
            foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
                if (int.TryParse(Path.GetFileName(entry), out int fd) && fd > 2 && fd != devNull && LinkOf(fd) is { } t && std.Contains(t))
                    Native.dup2(devNull, fd);
            Native.dup2(devNull, 0);
            Native.dup2(devNull, 1);
            Native.dup2(devNull, 2);
            if (devNull > 2) Native.close(devNull);
        }
        try { _ready = new AnonymousPipeClientStream(PipeDirection.Out, handle); }
        catch (IOException) { }
        catch (ArgumentException) { }
    }

    private static void ConfigStdinHandOver()
    {
        if (Environment.GetEnvironmentVariable(StdinConfigVariable) is { } text)
        {
            Config.ConfigParser.StdinText = text;
            Environment.SetEnvironmentVariable(StdinConfigVariable, null);
        }
    }

    private static string? LinkOf(int fd)
    {
        try { return new FileInfo($"/proc/self/fd/{fd}").LinkTarget; }
        catch (IOException) { return null; }
    }

    /// <summary>Tells the waiting parent the server accepts connections; later calls do nothing.</summary>
    public static void SignalReady()
    {
        var ready = Interlocked.Exchange(ref _ready, null);
        if (ready is null) return;
        try
        {
            ready.WriteByte((byte)'1');
            ready.Flush();
        }
        catch (IOException) { }
        ready.Dispose();
    }
}
