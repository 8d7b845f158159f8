using RedisNet.Commands.ServerCommands;

namespace RedisNet.Commands.Connection;

/// <summary>HELLO [protover [AUTH username password] [SETNAME clientname]]: switches RESP version and describes the server.</summary>
public static class Hello
{
    [RedisCommand("hello", Arity = -1, Flags = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast | CommandFlags.NoAuth | CommandFlags.AllowBusy,
        Acl = AclCategory.Fast | AclCategory.Connection, Group = "connection", Since = "6.0.0", Summary = "Handshake with Redis", Complexity = "O(1)")]
    public static void Command(CommandContext ctx)
    {
        var client = ctx.Client;
        long version = client.Resp;
        int next = 1;
        if (ctx.ArgCount >= 2)
        {
            if (!ctx.TryArgLong(next++, out version, "ERR Protocol version is not an integer or out of range")) return;
            if (version < 2 || version > 3) { ctx.Error("NOPROTO unsupported protocol version"); return; }
        }
        int authAt = -1, nameAt = -1;
        for (int j = next; j < ctx.ArgCount; j++)
        {
            int more = ctx.ArgCount - 1 - j;
            if (ctx.ArgIs(j, "auth"u8) && more >= 2)
            {
                authAt = j + 1;
                ctx.Redact(j + 1);
                ctx.Redact(j + 2);
                j += 2;
            }
            else if (ctx.ArgIs(j, "setname"u8) && more >= 1) { nameAt = j + 1; j++; }
            else { ctx.Error($"ERR Syntax error in HELLO option '{ctx.ArgLatin1(j)}'"); return; }
        }
        if (authAt > 0 && !Auth.TryAuthenticate(ctx, ctx.Arg(authAt), ctx.Arg(authAt + 1))) return;
        if (!client.Authenticated)
        {
            ctx.Error("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time");
            return;
        }
        if (nameAt > 0 && !ClientCommand.TrySetName(ctx, ctx.Arg(nameAt))) return;
        client.SetResp((int)version);
        var r = ctx.Reply;
        bool sentinel = ctx.Server.Config.SentinelMode;
        r.WriteMapHeader(sentinel ? 6 : 7); // a sentinel has no role entry
        r.WriteBulk("server"u8); r.WriteBulk("redis"u8);
        r.WriteBulk("version"u8); r.WriteBulk(InfoGeneral.Version);
        r.WriteBulk("proto"u8); r.WriteInteger(version);
        r.WriteBulk("id"u8); r.WriteInteger(client.Id);
        r.WriteBulk("mode"u8); r.WriteBulk(InfoGeneral.Mode(ctx.Server));
        if (!sentinel) { r.WriteBulk("role"u8); r.WriteBulk("master"u8); }
        r.WriteBulk("modules"u8); r.WriteArrayHeader(0);
    }
}
