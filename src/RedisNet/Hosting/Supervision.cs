using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace RedisNet.Hosting;

/// <summary>
/// `supervised no|upstart|systemd|auto`: tells the service manager about startup, readiness and
/// shutdown as Redis does. systemd gets sd_notify datagrams on $NOTIFY_SOCKET ("STATUS=Redis is
/// loading...", then "STATUS=Ready to accept connections" and "READY=1", then "STOPPING=1");
/// upstart gets a SIGSTOP once. `auto` picks whichever the environment announces.
/// </summary>
public sealed class Supervision
{
    private readonly ILogger _log;
    /// <summary>The mode in effect: "systemd", "upstart" or "no".</summary>
    public string Mode { get; }
    /// <summary>True when a supervisor was actually found (then `daemonize` is ignored).</summary>
    public bool Supervised { get; }

    private Supervision(string mode, bool supervised, ILogger log)
    {
        Mode = mode;
        Supervised = supervised;
        _log = log;
    }

    /// <summary>
    /// Resolves the mode and announces "loading" (Redis does this before its startup lines). A daemon
    /// child does not announce again: its parent already did.
    /// </summary>
    public static Supervision Start(string configured, ILogger log, bool announce = true)
    {
        var mode = configured.ToLowerInvariant();
        if (mode == "auto")
        {
            if (Environment.GetEnvironmentVariable("UPSTART_JOB") != null) mode = "upstart";
            else if (Environment.GetEnvironmentVariable("NOTIFY_SOCKET") != null) mode = "systemd";
            else mode = "no";
        }
        var s = new Supervision(mode, false, log);
        if (!announce) return s;
        return mode switch
        {
            "systemd" => new Supervision(mode, s.StartSystemd(), log),
            "upstart" => new Supervision(mode, StartUpstart(log), log),
            _ => s,
        };
    }

    private bool StartSystemd()
    {
        if (Notify("STATUS=Redis is loading...\n") <= 0) return false;
        _log.LogInformation("Supervised by systemd. Please make sure you set appropriate values for TimeoutStartSec and TimeoutStopSec in your service unit.");
        return true;
    }

    private static bool StartUpstart(ILogger log)
    {
        if (Environment.GetEnvironmentVariable("UPSTART_JOB") is null)
        {
            log.LogWarning("upstart supervision requested, but UPSTART_JOB not found!");
            return false;
        }
        log.LogInformation("supervised by upstart, will stop to signal readiness.");
        Native.kill(Environment.ProcessId, 19 /* SIGSTOP */);
        Environment.SetEnvironmentVariable("UPSTART_JOB", null);
        return true;
    }

    public void Ready()
    {
        if (Mode != "systemd") return;
        Notify("STATUS=Ready to accept connections\n");
        Notify("READY=1\n");
    }

    public void Stopping()
    {
        if (Mode == "systemd") Notify("STOPPING=1\n");
    }

    /// <summary>Sends one sd_notify message; returns bytes sent, 0 or a negative errno as sd_notify does.</summary>
    private int Notify(string message)
    {
        var path = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        if (path is null)
        {
            _log.LogWarning("systemd supervision error: NOTIFY_SOCKET not found!");
            return 0;
        }
        // "@name" is an abstract socket address.
        if (path.StartsWith('@')) path = "\0" + path[1..];
        int rc;
        try
        {
            using var s = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            rc = s.SendTo(Encoding.ASCII.GetBytes(message), new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException ex)
        {
            rc = -Errno(ex);
        }
        if (rc <= 0) _log.LogWarning("systemd supervision error: sd_notify: {Rc}", rc);
        return rc;
    }

    private static int Errno(SocketException ex) => ex.SocketErrorCode switch
    {
        SocketError.AddressNotAvailable => 2,   // ENOENT: no socket at that path
        SocketError.ConnectionRefused => 111,   // ECONNREFUSED: nobody bound it
        SocketError.AccessDenied => 13,         // EACCES
        _ => ex.NativeErrorCode > 0 ? ex.NativeErrorCode : 5,
    };
}
