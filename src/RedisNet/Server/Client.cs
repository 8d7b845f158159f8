using RedisNet.Commands;
using RedisNet.Keyspace;
using RedisNet.Protocol;

namespace RedisNet.Server;

/// <summary>What the network layer does for a client: flush its reply buffer, close it.</summary>
public interface IClientTransport
{
    /// <summary>Schedules sending what was written to the client's Output. Call under the execution lock.</summary>
    void RequestFlush();
    /// <summary>Closes the connection once pending replies are sent (or at once with <paramref name="now"/>).</summary>
    void Close(bool now = false);
    string RemoteAddress { get; }
    string LocalAddress { get; }
    int Fd { get; }
    /// <summary>Bytes received and not yet consumed (CLIENT LIST qbuf).</summary>
    int QueryBufferLength { get; }
}

[Flags]
public enum ClientFlags
{
    None = 0,
    Replica = 1 << 0,      // S
    Master = 1 << 1,       // M
    PubSub = 1 << 2,       // P
    Multi = 1 << 3,        // x
    Blocked = 1 << 4,      // b
    Monitor = 1 << 5,      // O
    CloseAfterReply = 1 << 6, // c
    Unblocked = 1 << 7,    // u
    ReadOnly = 1 << 8,     // r (cluster READONLY)
    NoEvict = 1 << 9,      // e
    Tracking = 1 << 10,    // t
    NoTouch = 1 << 11,     // T? (7.2) not in 7.0
    UnixSocket = 1 << 12,  // U
    DirtyCas = 1 << 13,    // d
    ClosingAsap = 1 << 14, // A
}

public enum ReplyMode { On, Off, Skip, SkipNext }

/// <summary>
/// A client's state: the connection-independent part (Redis's client struct). The network layer
/// owns one per connection; scripts, the AOF loader and the master link get their own fake ones.
/// </summary>
public sealed class Client
{
    private static long _nextId;

    public readonly long Id = Interlocked.Increment(ref _nextId);
    public IClientTransport? Transport;
    public RespWriter Output = new();
    /// <summary>
    /// Non-zero while a command is writing this client's reply (its own batch, or a blocked command
    /// being served): RequestFlush then leaves Output in place and the runner flushes afterwards, so
    /// a handler never writes into a buffer already handed to the sender.
    /// </summary>
    public int OutputPinned;
    public readonly CommandContext Context;
    public Database Db;
    public string? Name;
    public ClientFlags Flags;
    public ReplyMode ReplyMode;
    public bool Authenticated;
    public string User = "default";
    public int Resp = 2;
    public readonly long CreatedMs;
    public long LastInteractionMs;
    public CommandDef? LastCommand;
    /// <summary>CLIENT SETINFO lib-name / lib-ver (7.2 adds them; kept for CLIENT INFO).</summary>
    public string? LibName, LibVersion;
    public bool IsFake => Transport is null;
    /// <summary>Per-feature state, null until the client uses the feature.</summary>
    public BlockState? BlockState;
    public MultiState? Multi;
    public PubSub.PubSubState? PubSub;
    public TrackingState? Tracking;

    public Client(RedisServer server, IClientTransport? transport)
    {
        Transport = transport;
        Db = server.Databases[0];
        CreatedMs = server.Clock.NowMs;
        LastInteractionMs = CreatedMs;
        Authenticated = !server.Config.RequiresAuth;
        Context = new CommandContext(server, this);
    }

    public void SetResp(int version)
    {
        Resp = version;
        Output.Resp3 = version == 3;
    }
}
