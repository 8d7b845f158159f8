using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using RedisNet.Server;

namespace RedisNet.Networking;

/// <summary>
/// Accepts TCP (every `bind` address) and unix-socket connections and starts a Connection for each.
/// Applies maxclients and protected-mode at accept time, with Redis's replies.
/// </summary>
public sealed class Listener : IDisposable
{
    private readonly RedisServer _server;
    private readonly List<Socket> _sockets = new();
    private readonly CancellationTokenSource _stop = new();

    public const string ProtectedModeError =
        "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. " +
        "In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: " +
        "1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. " +
        "2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. " +
        "3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. " +
        "4) Set up an authentication password for the default user. " +
        "NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.\r\n";

    public Listener(RedisServer server) => _server = server;

    public IReadOnlyList<Socket> Sockets => _sockets;

    /// <summary>Binds every configured address. Throws with Redis's wording when a bind fails.</summary>
    public void Bind()
    {
        var cfg = _server.Config;
        if (cfg.Port != 0)
        {
            foreach (var raw in cfg.Bind)
            {
                bool optional = raw.StartsWith('-');
                var addr = optional ? raw[1..] : raw;
                IPAddress ip = addr switch
                {
                    "*" => IPAddress.Any,
                    "::*" => IPAddress.IPv6Any,
                    _ => IPAddress.Parse(addr),
                };
                var s = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    if (ip.AddressFamily == AddressFamily.InterNetworkV6) s.DualMode = false;
                    s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                    s.Bind(new IPEndPoint(ip, cfg.Port));
                    s.Listen(cfg.TcpBacklog);
                    _sockets.Add(s);
                    _server.BoundPort = ((IPEndPoint)s.LocalEndPoint!).Port;
                }
                catch (SocketException ex)
                {
                    s.Dispose();
                    // "-addr" means: skip it if the address family is not available.
                    if (optional && (ex.SocketErrorCode is SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable or SocketError.ProtocolNotSupported)) continue;
                    throw new IOException($"Warning: Could not create server TCP listening socket {addr}:{cfg.Port}: {Describe(ex)}", ex);
                }
            }
        }
        if (!string.IsNullOrEmpty(cfg.UnixSocket))
        {
            try { File.Delete(cfg.UnixSocket); } catch { }
            var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            s.Bind(new UnixDomainSocketEndPoint(cfg.UnixSocket));
            s.Listen(cfg.TcpBacklog);
            if (cfg.UnixSocketPerm != 0) File.SetUnixFileMode(cfg.UnixSocket, (UnixFileMode)cfg.UnixSocketPerm);
            _sockets.Add(s);
        }
    }

    private static string Describe(SocketException ex) => ex.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => "bind: Address already in use",
        SocketError.AddressNotAvailable => "bind: Cannot assign requested address",
        SocketError.AccessDenied => "bind: Permission denied",
        _ => ex.Message,
    };

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
                _server.Log.LogWarning("Accepting client connection: {Error}", ex.Message);
                continue;
            }
            if (!unix)
            {
                sock.NoDelay = true;
                if (_server.Config.TcpKeepAlive > 0)
                {
                    sock.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
                    try { sock.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, _server.Config.TcpKeepAlive); } catch { }
                }
            }
            if (!Admit(sock, unix)) continue;
            var conn = new Connection(sock, _server, unix);
            _ = conn.RunAsync();
        }
    }

    /// <summary>maxclients and protected-mode checks; refused clients get Redis's error and are closed.</summary>
    private bool Admit(Socket sock, bool unix)
    {
        string? refusal = null;
        lock (_server.ExecLock)
        {
            _server.Stats.TotalConnectionsReceived++;
            if (_server.Clients.Count >= _server.Config.MaxClients)
            {
                refusal = "-ERR max number of clients reached\r\n";
                _server.Stats.RejectedConnections++;
            }
            else if (!unix && _server.Config.ProtectedMode && !_server.Config.RequiresAuth
                     && IsDefaultBind(_server.Config.Bind) && !Endpoints.IsLoopback(sock.RemoteEndPoint))
                refusal = ProtectedModeError;
        }
        if (refusal is null) return true;
        try { sock.Send(Encoding.ASCII.GetBytes(refusal)); } catch { }
        sock.Dispose();
        return false;
    }

    // Protected mode only applies when no explicit bind was configured (Redis 7.0: bind is the default).
    private static bool IsDefaultBind(string[] bind) => bind.Length == 2 && bind[0] == "*" && bind[1] == "-::*";

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var s in _sockets) s.Dispose();
        if (!string.IsNullOrEmpty(_server.Config.UnixSocket)) try { File.Delete(_server.Config.UnixSocket); } catch { }
    }
}
