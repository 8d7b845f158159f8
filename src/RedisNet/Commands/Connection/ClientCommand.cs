using System.Text;
using RedisNet.Commands.ServerCommands;
using RedisNet.Server;

namespace RedisNet.Commands.Connection;

/// <summary>CLIENT ID, SETNAME, GETNAME, INFO, LIST, NO-EVICT, REPLY, UNBLOCK, HELP (tracking: ClientTracking.cs).</summary>
[RedisContainer("client", Arity = -2, Acl = AclCategory.Slow, Group = "connection", Since = "2.4.0", Summary = "A container for client connection commands", Complexity = "Depends on subcommand.")]
public static class ClientCommand
{
    private const CommandFlags Plain = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale;
    private const CommandFlags AdminFlags = CommandFlags.Admin | Plain;
    private const AclCategory AdminAcl = AclCategory.Admin | AclCategory.Slow | AclCategory.Dangerous | AclCategory.Connection;

    [RedisCommand("client|id", Arity = 2, Flags = Plain, Acl = AclCategory.Slow | AclCategory.Connection, Group = "connection", Since = "5.0.0", Summary = "Returns the client ID for the current connection", Complexity = "O(1)")]
    public static void Id(CommandContext ctx) => ctx.Reply.WriteInteger(ctx.Client.Id);

    [RedisCommand("client|setname", Arity = 3, Flags = Plain, Acl = AclCategory.Slow | AclCategory.Connection, Group = "connection", Since = "2.6.9", Summary = "Set the current connection name", Complexity = "O(1)")]
    public static void SetName(CommandContext ctx)
    {
        if (TrySetName(ctx, ctx.Arg(2))) ctx.Reply.WriteOk();
    }

    /// <summary>Validates and sets the connection name (also HELLO SETNAME); an empty name clears it.</summary>
    public static bool TrySetName(CommandContext ctx, ReadOnlySpan<byte> name)
    {
        foreach (var b in name)
        {
            if (b < '!' || b > '~')
            {
                ctx.Error("ERR Client names cannot contain spaces, newlines or special characters.");
                return false;
            }
        }
        ctx.Client.Name = name.Length == 0 ? null : Encoding.ASCII.GetString(name);
        return true;
    }

    [RedisCommand("client|getname", Arity = 2, Flags = Plain, Acl = AclCategory.Slow | AclCategory.Connection, Group = "connection", Since = "2.6.9", Summary = "Get the current connection name", Complexity = "O(1)")]
    public static void GetName(CommandContext ctx)
    {
        if (ctx.Client.Name is null) ctx.Reply.WriteNull();
        else ctx.Reply.WriteBulk(ctx.Client.Name);
    }

    [RedisCommand("client|info", Arity = 2, Flags = Plain, Acl = AclCategory.Slow | AclCategory.Connection, Tips = "nondeterministic_output", Group = "connection", Since = "6.2.0", Summary = "Returns information about the current client connection.", Complexity = "O(1)")]
    public static void Info(CommandContext ctx)
    {
        var sb = new StringBuilder();
        ClientList.Append(sb, ctx.Server, ctx.Client, ctx.Client);
        sb.Append('\n');
        ctx.Reply.WriteVerbatim(sb.ToString());
    }

    [RedisCommand("client|list", Arity = -2, Flags = AdminFlags, Acl = AdminAcl, Tips = "nondeterministic_output", Group = "connection", Since = "2.4.0", Summary = "Get the list of client connections", Complexity = "O(N) where N is the number of client connections")]
    public static void List(CommandContext ctx)
    {
        IEnumerable<Client> clients = ctx.Server.Clients.Values;
        if (ctx.ArgCount == 4 && ctx.ArgIs(2, "type"u8))
        {
            var type = ClientList.TypeByName(ctx.ArgLatin1(3));
            if (type == ClientList.ClientType.Invalid) { ctx.Error($"ERR Unknown client type '{ctx.ArgLatin1(3)}'"); return; }
            clients = clients.Where(c => ClientList.TypeOf(c) == type);
        }
        else if (ctx.ArgCount > 3 && ctx.ArgIs(2, "id"u8))
        {
            var ids = new HashSet<long>();
            for (int i = 3; i < ctx.ArgCount; i++)
            {
                if (!Protocol.NumberFormat.TryParseInt64(ctx.Arg(i), out long id) || id <= 0) { ctx.Error("ERR Invalid client ID"); return; }
                ids.Add(id);
            }
            clients = clients.Where(c => ids.Contains(c.Id));
        }
        else if (ctx.ArgCount != 2) { ctx.SyntaxError(); return; }
        ctx.Reply.WriteVerbatim(ClientList.Format(ctx.Server, clients, ctx.Client));
    }

    [RedisCommand("client|no-evict", Arity = 3, Flags = AdminFlags, Acl = AdminAcl, Group = "connection", Since = "7.0.0", Summary = "Set client eviction mode for the current connection", Complexity = "O(1)")]
    public static void NoEvict(CommandContext ctx)
    {
        if (ctx.ArgIs(2, "on"u8)) ctx.Client.Flags |= ClientFlags.NoEvict;
        else if (ctx.ArgIs(2, "off"u8)) ctx.Client.Flags &= ~ClientFlags.NoEvict;
        else { ctx.SyntaxError(); return; }
        ctx.Reply.WriteOk();
    }

    [RedisCommand("client|reply", Arity = 3, Flags = Plain, Acl = AclCategory.Slow | AclCategory.Connection, Group = "connection", Since = "3.2.0", Summary = "Instruct the server whether to reply to commands", Complexity = "O(1)")]
    public static void Reply(CommandContext ctx)
    {
        // The executor drops replies while the mode is OFF, and the next command's after SKIP.
        if (ctx.ArgIs(2, "on"u8))
        {
            ctx.Client.ReplyMode = ReplyMode.On;
            ctx.Reply.WriteOk();
        }
        else if (ctx.ArgIs(2, "off"u8)) ctx.Client.ReplyMode = ReplyMode.Off;
        else if (ctx.ArgIs(2, "skip"u8))
        {
            if (ctx.Client.ReplyMode != ReplyMode.Off) ctx.Client.ReplyMode = ReplyMode.SkipNext;
        }
        else ctx.SyntaxError();
    }

    [RedisCommand("client|unblock", Arity = -3, Flags = AdminFlags, Acl = AdminAcl, Group = "connection", Since = "5.0.0", Summary = "Unblock a client blocked in a blocking command from a different connection", Complexity = "O(log N) where N is the number of client connections")]
    public static void Unblock(CommandContext ctx)
    {
        if (ctx.ArgCount > 4) { HelpReply.SubcommandSyntaxError(ctx); return; }
        if (!ctx.TryArgLong(2, out long id)) return;
        if (ctx.ArgCount == 4 && !ctx.ArgIs(3, "timeout"u8) && !ctx.ArgIs(3, "error"u8))
        {
            ctx.Error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
            return;
        }
        bool done = ctx.Server.Clients.TryGetValue(id, out var target)
            && ctx.Server.Blocking.UnblockByRequest(target, ctx.ArgCount == 4 && ctx.ArgIs(3, "error"u8));
        ctx.Reply.WriteInteger(done ? 1 : 0);
    }

    [RedisCommand("client|help", Arity = 2, Flags = CommandFlags.Loading | CommandFlags.Stale, Acl = AclCategory.Slow | AclCategory.Connection, Group = "connection", Since = "5.0.0", Summary = "Show helpful text about the different subcommands", Complexity = "O(1)")]
    public static void Help(CommandContext ctx) => HelpReply.Write(ctx, "CLIENT",
        "CACHING (YES|NO)",
        "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
        "GETREDIR",
        "    Return the client ID we are redirecting to when tracking is enabled.",
        "GETNAME",
        "    Return the name of the current connection.",
        "ID",
        "    Return the ID of the current connection.",
        "INFO",
        "    Return information about the current client connection.",
        "KILL <ip:port>",
        "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]",
        "    Kill connections. Options are:",
        "    * ADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made to specified local address",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Kill connections by type.",
        "    * USER <username>",
        "      Kill connections authenticated by <username>.",
        "    * SKIPME (YES|NO)",
        "      Skip killing current connection (default: yes).",
        "LIST [options ...]",
        "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Return clients of specified type.",
        "UNPAUSE",
        "    Stop the current client pause, resuming traffic.",
        "PAUSE <timeout> [WRITE|ALL]",
        "    Suspend all, or just write, clients for <timeout> milliseconds.",
        "REPLY (ON|OFF|SKIP)",
        "    Control the replies sent to the current connection.",
        "SETNAME <name>",
        "    Assign the name <name> to the current connection.",
        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
        "    Unblock the specified blocked client.",
        "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
        "         [OPTIN] [OPTOUT] [NOLOOP]",
        "    Control server assisted client side caching.",
        "TRACKINGINFO",
        "    Report tracking status for the current connection.",
        "NO-EVICT (ON|OFF)",
        "    Protect current client connection from eviction.");
}
