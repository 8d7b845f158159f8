using RedisNet.Server;

namespace RedisNet.Commands.ServerCommands;

/// <summary>SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: hands the request to the host; no reply on success.</summary>
public static class Shutdown
{
    [RedisCommand("shutdown", Arity = -1, Flags = CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.NoMulti | CommandFlags.AllowBusy,
        Acl = AclCategory.Admin | AclCategory.Slow | AclCategory.Dangerous, Group = "server", Since = "1.0.0",
        Summary = "Synchronously save the dataset to disk and then shut down the server",
        Complexity = "O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)")]
    public static void Command(CommandContext ctx)
    {
        bool noSave = false, save = false, now = false, force = false, abort = false;
        for (int i = 1; i < ctx.ArgCount; i++)
        {
            if (ctx.ArgIs(i, "nosave"u8)) noSave = true;
            else if (ctx.ArgIs(i, "save"u8)) save = true;
            else if (ctx.ArgIs(i, "now"u8)) now = true;
            else if (ctx.ArgIs(i, "force"u8)) force = true;
            else if (ctx.ArgIs(i, "abort"u8)) abort = true;
            else { ctx.SyntaxError(); return; }
        }
        if ((abort && (noSave || save || now || force)) || (noSave && save)) { ctx.SyntaxError(); return; }
        if (abort)
        {
            // Shutdown here is immediate (no waiting for replicas to catch up), so none is ever in progress.
            ctx.Error("ERR No shutdown in progress.");
            return;
        }
        if (!now && (ctx.Client.Flags & ClientFlags.Multi) != 0)
        {
            ctx.Error("ERR SHUTDOWN without NOW or ABORT isn't allowed for DENY BLOCKING client");
            return;
        }
        var handler = ctx.Server.ShutdownHandler;
        if (handler is null || !handler(new ShutdownRequest(noSave, save, now, force, Abort: false, FromSignal: false)))
        {
            ctx.Error("ERR Errors trying to SHUTDOWN. Check logs.");
            return;
        }
        // The server is going away: no reply, the connection just closes.
        ctx.Client.Flags |= ClientFlags.CloseAfterReply;
    }
}
