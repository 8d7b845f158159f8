using System.Text;

namespace RedisNet.Server;

/// <summary>
/// CLIENT LIST / CLIENT INFO lines, with Redis 7.0's fields in its order. Values we do not track
/// (buffer internals) are estimates of the same kind so tools parsing the line keep working.
/// </summary>
public static class ClientList
{
    public enum ClientType { Normal, Replica, PubSub, Master, Invalid }

    /// <summary>Redis's getClientTypeByName: "slave" and "replica" are the same type.</summary>
    public static ClientType TypeByName(string name) => name.ToLowerInvariant() switch
    {
        "normal" => ClientType.Normal,
        "slave" or "replica" => ClientType.Replica,
        "pubsub" => ClientType.PubSub,
        "master" => ClientType.Master,
        _ => ClientType.Invalid,
    };

    public static ClientType TypeOf(Client c)
    {
        if ((c.Flags & ClientFlags.Master) != 0) return ClientType.Master;
        if ((c.Flags & ClientFlags.Replica) != 0 && (c.Flags & ClientFlags.Monitor) == 0) return ClientType.Replica;
        if ((c.Flags & ClientFlags.PubSub) != 0) return ClientType.PubSub;
        return ClientType.Normal;
    }

    /// <summary>The peer address as CLIENT LIST/KILL show it ("ip:port", or "socketpath:0").</summary>
    public static string Addr(RedisServer server, Client c)
    {
        if ((c.Flags & ClientFlags.UnixSocket) != 0) return server.Config.UnixSocket + ":0";
        return c.Transport?.RemoteAddress ?? "";
    }

    public static string LocalAddr(RedisServer server, Client c)
    {
        if ((c.Flags & ClientFlags.UnixSocket) != 0) return server.Config.UnixSocket + ":0";
        return c.Transport?.LocalAddress ?? "";
    }

    /// <summary>The flags letters, in Redis's order; "N" when none apply.</summary>
    public static string Flags(Client c)
    {
        var f = c.Flags;
        var sb = new StringBuilder(4);
        if ((f & ClientFlags.Monitor) != 0) sb.Append('O');
        else if ((f & ClientFlags.Replica) != 0) sb.Append('S');
        if ((f & ClientFlags.Master) != 0) sb.Append('M');
        if ((f & ClientFlags.PubSub) != 0) sb.Append('P');
        if ((f & ClientFlags.Multi) != 0) sb.Append('x');
        if ((f & ClientFlags.Blocked) != 0) sb.Append('b');
        if ((f & ClientFlags.Tracking) != 0) sb.Append('t');
        if ((f & ClientFlags.Tracking) != 0 && c.Tracking!.Has(TrackingMode.BrokenRedirect)) sb.Append('R');
        if ((f & ClientFlags.Tracking) != 0 && c.Tracking!.Has(TrackingMode.Bcast)) sb.Append('B');
        if ((f & ClientFlags.DirtyCas) != 0) sb.Append('d');
        if ((f & ClientFlags.CloseAfterReply) != 0) sb.Append('c');
        if ((f & ClientFlags.Unblocked) != 0) sb.Append('u');
        if ((f & ClientFlags.ClosingAsap) != 0) sb.Append('A');
        if ((f & ClientFlags.UnixSocket) != 0) sb.Append('U');
        if ((f & ClientFlags.ReadOnly) != 0) sb.Append('r');
        if ((f & ClientFlags.NoEvict) != 0) sb.Append('e');
        if (sb.Length == 0) sb.Append('N');
        return sb.ToString();
    }

    /// <summary>
    /// One client's line (without the trailing newline). <paramref name="current"/> is the client
    /// running CLIENT LIST/INFO: its cmd is the running command and its argv counts toward argv-mem.
    /// </summary>
    public static void Append(StringBuilder sb, RedisServer server, Client c, Client current)
    {
        long now = server.Clock.NowMs;
        bool self = ReferenceEquals(c, current);
        var ctx = c.Context;
        long argvMem = 0;
        if (self) for (int i = 0; i < ctx.ArgCount; i++) argvMem += ctx.Arg(i).Length;
        int qbuf = c.Transport?.QueryBufferLength ?? 0;
        long obl = c.Output.Length;
        var cmd = self ? ctx.Command : c.LastCommand;
        // A typical empty client costs ~20KB in Redis (query and reply buffers); keep the same scale.
        bool inMulti = (c.Flags & ClientFlags.Multi) != 0;
        long multiMem = c.Multi?.ArgvMemory ?? 0;
        long totMem = 20_480 + argvMem + obl + qbuf + multiMem;
        sb.Append("id=").Append(c.Id)
          .Append(" addr=").Append(Addr(server, c))
          .Append(" laddr=").Append(LocalAddr(server, c))
          .Append(" fd=").Append(c.Transport?.Fd ?? -1)
          .Append(" name=").Append(c.Name)
          .Append(" age=").Append((now - c.CreatedMs) / 1000)
          .Append(" idle=").Append(self ? 0 : (now - c.LastInteractionMs) / 1000)
          .Append(" flags=").Append(Flags(c))
          .Append(" db=").Append(c.Db.Index)
          .Append(" sub=").Append(c.PubSub?.Channels.Count ?? 0)
          .Append(" psub=").Append(c.PubSub?.Patterns.Count ?? 0)
          .Append(" ssub=").Append(c.PubSub?.ShardChannels.Count ?? 0)
          .Append(" multi=").Append(inMulti ? c.Multi!.Commands.Count : -1)
          .Append(" qbuf=").Append(qbuf)
          .Append(" qbuf-free=").Append(qbuf == 0 ? 0 : Math.Max(0, 20_474 - qbuf))
          .Append(" argv-mem=").Append(argvMem)
          .Append(" multi-mem=").Append(multiMem)
          .Append(" rbs=16384 rbp=16384")
          .Append(" obl=").Append(obl)
          .Append(" oll=0 omem=0")
          .Append(" tot-mem=").Append(totMem)
          .Append(" events=r")
          .Append(" cmd=").Append(cmd?.Name ?? "NULL")
          .Append(" user=").Append(c.User)
          .Append(" redir=").Append((c.Flags & ClientFlags.Tracking) != 0 ? c.Tracking!.Redirect : -1)
          .Append(" resp=").Append(c.Resp);
    }

    /// <summary>CLIENT LIST output: one line per client, each ending in "\n", in connection order.</summary>
    public static string Format(RedisServer server, IEnumerable<Client> clients, Client current)
    {
        var sb = new StringBuilder();
        foreach (var c in clients.OrderBy(c => c.Id))
        {
            Append(sb, server, c, current);
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
