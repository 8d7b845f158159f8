using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using RedisNet.Server;

namespace RedisNet.Networking;

/// <summary>
/// Accepts TCP (every `bind` address) and unix-socket connections and starts a Connection for each.
/// Applies maxclients and protected-mode at accept time, with Redis's replies and log lines.
/// </summary>
public sealed class Listener : IDisposable
{
    private readonly RedisServer _server;
    private readonly List<Socket> _sockets = new();
    private readonly CancellationTokenSource _stop = new();

    public const string MaxClientsError = "-ERR max number of clients reached\r\n";

    public const string ProtectedModeError =
        "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. " +
        "In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: " +
        "1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. " +
        "2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. " +
        "3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. " +
        "4) Setup a an authentication password for the default user. " +
        "NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.\r\n";

    public Listener(RedisServer server) => _server = server;

    public IReadOnlyList<Socket> Sockets => _sockets;
    public bool HasTcp { get; private set; }
    public bool HasUnix { get; private set; }

    /// <summary>
    /// Binds every configured address, logging Redis's warnings. False (after logging why) when the
    /// server must not start: a mandatory address failed, or the unix socket could not be opened.
    /// </summary>
    public bool Bind()
    {
        var cfg = _server.Config;
        var log = _server.Log;
        if (cfg.Port != 0)
        {
            if (BindTcpAddresses() != null)
            {
                log.LogWarning("Failed listening on port {Port} (TCP), aborting.", cfg.Port);
                return false;
            }
            HasTcp = _sockets.Count > 0;
        }
        if (!string.IsNullOrEmpty(cfg.UnixSocket))
        {
            try { File.Delete(cfg.UnixSocket); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                s.Bind(new UnixDomainSocketEndPoint(cfg.UnixSocket));
                s.Listen(cfg.TcpBacklog);
                if (cfg.UnixSocketPerm != 0) File.SetUnixFileMode(cfg.UnixSocket, (UnixFileMode)cfg.UnixSocketPerm);
            }
            catch (SocketException ex)
            {
                s.Dispose();
                log.LogWarning("Failed opening Unix socket: bind: {Error}", SocketErrors.DescribeUnixBind(ex, cfg.UnixSocket));
                return false;
            }
            _sockets.Add(s);
            HasUnix = true;
        }
        if (!HasTcp && !HasUnix)
        {
            log.LogWarning("Configured to not listen anywhere, exiting.");
            return false;
        }
        return true;
    }

    /// <summary>
    /// CONFIG SET port/bind: binds the configured TCP addresses anew and, only when that succeeds,
    /// closes the old TCP listeners and serves the new ones (the unix socket is untouched).
    /// Returns null, or an error text (the reason is logged) with the old listeners kept.
    /// </summary>
    public string? RebindTcp()
    {
        var unix = _sockets.Where(s => s.AddressFamily == AddressFamily.Unix).ToList();
        var oldTcp = _sockets.Where(s => s.AddressFamily != AddressFamily.Unix).ToList();
        _sockets.Clear();
        var cfg = _server.Config;
        string? failure = cfg.Port != 0 ? BindTcpAddresses() : null;
        var newTcp = _sockets.ToList();
        _sockets.Clear();
        if (failure != null)
        {
            foreach (var s in newTcp) s.Dispose();
            _sockets.AddRange(oldTcp);
            _sockets.AddRange(unix);
            return failure;
        }
        foreach (var s in oldTcp) s.Dispose();
        _sockets.AddRange(newTcp);
        _sockets.AddRange(unix);
        HasTcp = newTcp.Count > 0;
        foreach (var s in newTcp) _ = AcceptLoop(s);
        return null;
    }

    /// <summary>
    /// Binds every `bind` address on the configured port, logging Redis's warning per failure; "-addr"
    /// may be skipped when the address or its family is not available here. Returns the first
    /// mandatory failure's text, or null.
    /// </summary>
    private string? BindTcpAddresses()
    {
        var cfg = _server.Config;
        foreach (var raw in cfg.Bind)
        {
            bool optional = raw.StartsWith('-');
            var addr = optional ? raw[1..] : raw;
            var error = TryBindTcp(addr, cfg.Port, cfg.TcpBacklog, out var errno);
            if (error is null) continue;
            _server.Log.LogWarning("Warning: Could not create server TCP listening socket {Addr}:{Port}: {Error}", addr, cfg.Port, error);
            if (optional && errno is SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable
                    or SocketError.ProtocolNotSupported or SocketError.ProtocolFamilyNotSupported or SocketError.SocketNotSupported)
                continue;
            return error;
        }
        return null;
    }

    /// <summary>Binds one TCP address; returns Redis's error text ("bind: Address already in use") or null.</summary>
    private string? TryBindTcp(string addr, int port, int backlog, out SocketError errno)
    {
        errno = SocketError.Success;
        IPAddress? ip = addr switch
        {
            "*" => IPAddress.Any,
            "::*" => IPAddress.IPv6Any,
            _ => ResolveBindAddress(addr),
        };
        if (ip is null)
        {
            errno = SocketError.HostNotFound;
            return "Name or service not known";
        }
        Socket s;
        try { s = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp); }
        catch (SocketException ex)
        {
            errno = ex.SocketErrorCode;
            return "socket: " + SocketErrors.Describe(ex);
        }
        try
        {
            if (ip.AddressFamily == AddressFamily.InterNetworkV6) s.DualMode = false; // IPV6_V6ONLY, as Redis
            // SO_REUSEADDR only: .NET's ReuseAddress option also sets SO_REUSEPORT on Linux, which
            // would let a second server bind the same port instead of failing as Redis does.
            s.SetRawSocketOption(1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
            s.Bind(new IPEndPoint(ip, port));
        }
        catch (SocketException ex)
        {
            s.Dispose();
            errno = ex.SocketErrorCode;
            return "bind: " + SocketErrors.Describe(ex);
        }
        try { s.Listen(backlog); }
        catch (SocketException ex)
        {
            s.Dispose();
            errno = ex.SocketErrorCode;
            return "listen: " + SocketErrors.Describe(ex);
        }
        _sockets.Add(s);
        _server.BoundPort = ((IPEndPoint)s.LocalEndPoint!).Port;
        return null;
    }

    /// <summary>A literal address, or a host name looked up in the family its spelling implies (':' = IPv6).</summary>
    private static IPAddress? ResolveBindAddress(string addr)
    {
        if (IPAddress.TryParse(addr, out var ip)) return ip;
        if (Uri.CheckHostName(addr) != UriHostNameType.Dns) return null;
        try
        {
            foreach (var a in Dns.GetHostAddresses(addr))
                if (a.AddressFamily == AddressFamily.InterNetwork) return a;
        }
        catch (SocketException) { }
        return null;
    }

    public void Start()
    {
        foreach (var s in _sockets) _ = AcceptLoop(s);
    }

    private async Task AcceptLoop(Socket listen)
    {
        bool unix = listen.AddressFamily == AddressFamily.Unix;
        while (!_stop.IsCancellationRequested)
        {
            Socket sock;
            try { sock = await listen.AcceptAsync(_stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException ex)
            {
                _server.Log.LogWarning("Accepting client connection: {Error}", SocketErrors.Describe(ex));
                // Out of descriptors: let a client go away before trying again.
                if (ex.SocketErrorCode == SocketError.TooManyOpenSockets) await Task.Delay(10).ConfigureAwait(false);
                continue;
            }
            if (unix) _server.Log.LogDebug("Accepted connection to {Path}", _server.Config.UnixSocket);
            else
            {
                _server.Log.LogDebug("Accepted {Addr}", Endpoints.Format(sock.RemoteEndPoint));
                sock.NoDelay = true;
                SetKeepAlive(sock, _server.Config.TcpKeepAlive);
            }
            if (!Admit(sock, unix)) continue;
            var conn = new Connection(sock, _server, unix);
            _ = conn.RunAsync();
        }
    }

    /// <summary>tcp-keepalive N: probes after N idle seconds, then every N/3 seconds, 3 of them (as Redis).</summary>
    private static void SetKeepAlive(Socket sock, int interval)
    {
        if (interval <= 0) return;
        try
        {
            sock.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            sock.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, interval);
            sock.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, Math.Max(1, interval / 3));
            sock.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
        }
        catch (SocketException) { }
    }

    /// <summary>
    /// maxclients, then protected mode (no password for the default user: only 127.0.0.1, ::1 and the
    /// unix socket may connect). Refused clients get Redis's error, are closed, and count as rejected.
    /// </summary>
    private bool Admit(Socket sock, bool unix)
    {
        string? refusal = null;
        // A busy script holds the lock for long: admit without it then (nothing else changes the client table).
        bool locked = Scripting.ScriptBusy.Acquire(_server);
        try
        {
            var cfg = _server.Config;
            if (_server.Clients.Count >= cfg.MaxClients) refusal = MaxClientsError;
            else if (!unix && cfg.ProtectedMode && !cfg.RequiresAuth && !IsLocalPeer(sock.RemoteEndPoint)) refusal = ProtectedModeError;
            if (refusal is null) _server.Stats.TotalConnectionsReceived++;
            else _server.Stats.RejectedConnections++;
        }
        finally { if (locked) Monitor.Exit(_server.ExecLock); }
        if (refusal is null) return true;
        try { sock.Send(Encoding.ASCII.GetBytes(refusal)); } catch (SocketException) { }
        sock.Dispose();
        return false;
    }

    /// <summary>Redis compares the peer's address text with "127.0.0.1" and "::1" (127.0.0.2 is not local).</summary>
    public static bool IsLocalPeer(EndPoint? ep)
    {
        if (ep is not IPEndPoint ip) return true;
        var a = ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address;
        return a.Equals(IPAddress.Loopback) || a.Equals(IPAddress.IPv6Loopback);
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var s in _sockets) s.Dispose();
        if (HasUnix) try { File.Delete(_server.Config.UnixSocket!); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
