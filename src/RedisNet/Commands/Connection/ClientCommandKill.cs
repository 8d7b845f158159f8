using RedisNet.Commands.ServerCommands;
using RedisNet.Server;

namespace RedisNet.Commands.Connection;

/// <summary>CLIENT KILL (old "ip:port" form and filters), CLIENT PAUSE, CLIENT UNPAUSE.</summary>
public static class ClientCommandKill
{
    private const CommandFlags AdminFlags = CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale;
    private const AclCategory AdminAcl = AclCategory.Admin | AclCategory.Slow | AclCategory.Dangerous | AclCategory.Connection;

    [RedisCommand("client|kill", Arity = -3, Flags = AdminFlags, Acl = AdminAcl, Group = "connection", Since = "2.4.0", Summary = "Kill the connection of a client", Complexity = "O(N) where N is the number of client connections")]
    public static void Kill(CommandContext ctx)
    {
        var server = ctx.Server;
        if (ctx.ArgCount == 3)
        {
            // Old form: CLIENT KILL ip:port, +OK or an error.
            var addr = ctx.ArgLatin1(2);
            var victim = server.Clients.Values.FirstOrDefault(c => ClientList.Addr(server, c) == addr);
            if (victim is null) { ctx.Error("ERR No such client"); return; }
            ctx.Reply.WriteOk();
            Close(ctx, victim);
            return;
        }
        long id = 0;
        var type = ClientList.ClientType.Invalid;
        string? addrFilter = null, laddrFilter = null, user = null;
        bool skipMe = true;
        for (int i = 2; i < ctx.ArgCount; i += 2)
        {
            if (i + 1 >= ctx.ArgCount) { ctx.SyntaxError(); return; }
            if (ctx.ArgIs(i, "id"u8))
            {
                if (!Protocol.NumberFormat.TryParseInt64(ctx.Arg(i + 1), out id) || id <= 0)
                {
                    ctx.Error("ERR client-id should be greater than 0");
                    return;
                }
            }
            else if (ctx.ArgIs(i, "type"u8))
            {
                type = ClientList.TypeByName(ctx.ArgLatin1(i + 1));
                if (type == ClientList.ClientType.Invalid) { ctx.Error($"ERR Unknown client type '{ctx.ArgLatin1(i + 1)}'"); return; }
            }
            else if (ctx.ArgIs(i, "addr"u8)) addrFilter = ctx.ArgLatin1(i + 1);
            else if (ctx.ArgIs(i, "laddr"u8)) laddrFilter = ctx.ArgLatin1(i + 1);
            else if (ctx.ArgIs(i, "user"u8))
            {
                user = ctx.ArgLatin1(i + 1);
                if (user != "default" && !server.Clients.Values.Any(c => c.User == user)) { ctx.Error($"ERR No such user '{user}'"); return; }
            }
            else if (ctx.ArgIs(i, "skipme"u8))
            {
                if (ctx.ArgIs(i + 1, "yes"u8)) skipMe = true;
                else if (ctx.ArgIs(i + 1, "no"u8)) skipMe = false;
                else { ctx.SyntaxError(); return; }
            }
            else { ctx.SyntaxError(); return; }
        }
        var victims = new List<Client>();
        foreach (var c in server.Clients.Values)
        {
            if (id != 0 && c.Id != id) continue;
            if (type != ClientList.ClientType.Invalid && ClientList.TypeOf(c) != type) continue;
            if (addrFilter != null && ClientList.Addr(server, c) != addrFilter) continue;
            if (laddrFilter != null && ClientList.LocalAddr(server, c) != laddrFilter) continue;
            if (user != null && c.User != user) continue;
            if (skipMe && ReferenceEquals(c, ctx.Client)) continue;
            victims.Add(c);
        }
        ctx.Reply.WriteInteger(victims.Count);
        foreach (var c in victims) Close(ctx, c);
    }

    /// <summary>The caller itself is closed after its reply is sent; others at once.</summary>
    private static void Close(CommandContext ctx, Client victim)
    {
        if (ReferenceEquals(victim, ctx.Client)) victim.Flags |= ClientFlags.CloseAfterReply;
        else
        {
            victim.Flags |= ClientFlags.ClosingAsap;
            // Gone from CLIENT LIST and MONITOR feeds at once, as Redis's freeClient; the socket follows.
            ctx.Server.RemoveClient(victim);
            victim.Transport?.Close(now: true);
        }
    }

    [RedisCommand("client|pause", Arity = -3, Flags = AdminFlags, Acl = AdminAcl, Group = "connection", Since = "2.9.50", Summary = "Stop processing commands from clients for some time", Complexity = "O(1)")]
    public static void Pause(CommandContext ctx)
    {
        if (ctx.ArgCount > 4) { HelpReply.SubcommandSyntaxError(ctx); return; }
        bool writesOnly = false;
        if (ctx.ArgCount == 4)
        {
            if (ctx.ArgIs(3, "write"u8)) writesOnly = true;
            else if (!ctx.ArgIs(3, "all"u8)) { ctx.Error("ERR CLIENT PAUSE mode must be WRITE or ALL"); return; }
        }
        if (!ctx.TryArgLong(2, out long ms, "ERR timeout is not an integer or out of range")) return;
        if (ms < 0) { ctx.Error("ERR timeout is negative"); return; }
        long now = Clock.UnixMs();
        long until = ms > long.MaxValue - now ? long.MaxValue : now + ms;
        ClientPause.Pause(ctx.Server, until, writesOnly);
        ctx.Reply.WriteOk();
    }

    [RedisCommand("client|unpause", Arity = 2, Flags = AdminFlags, Acl = AdminAcl, Group = "connection", Since = "6.2.0", Summary = "Resume processing of clients that were paused", Complexity = "O(N) Where N is the number of paused clients")]
    public static void Unpause(CommandContext ctx)
    {
        ClientPause.Unpause(ctx.Server);
        ctx.Reply.WriteOk();
    }
}
