using RedisNet.Persistence;
using RedisNet.Server;

namespace RedisNet.Commands.PersistenceCommands;

/// <summary>SAVE and BGSAVE [SCHEDULE], with Redis 7.0's replies and errors (LASTSAVE is in Server/Time.cs).</summary>
public static class SaveCommands
{
    [RedisCommand("save", Arity = 1, Flags = CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.NoAsyncLoading | CommandFlags.NoMulti,
        Acl = AclCategory.Admin | AclCategory.Slow | AclCategory.Dangerous, Group = "server", Since = "1.0.0",
        Summary = "Synchronously save the dataset to disk", Complexity = "O(N) where N is the total number of keys in all databases")]
    public static void Save(CommandContext ctx)
    {
        var server = ctx.Server;
        if (server.Rdb.BgsaveInProgress)
        {
            ctx.Error("ERR Background save already in progress");
            return;
        }
        server.Rdb.Saves++;
        if (RdbSaves.Save(server)) ctx.Reply.WriteOk();
        else ctx.Error("ERR");
    }

    [RedisCommand("bgsave", Arity = -1, Flags = CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.NoAsyncLoading,
        Acl = AclCategory.Admin | AclCategory.Slow | AclCategory.Dangerous, Group = "server", Since = "1.0.0",
        Summary = "Asynchronously save the dataset to disk", Complexity = "O(1)")]
    public static void BgSave(CommandContext ctx)
    {
        bool schedule = false;
        if (ctx.ArgCount > 1)
        {
            if (ctx.ArgCount == 2 && ctx.ArgIs(1, "schedule"u8)) schedule = true;
            else { ctx.SyntaxError(); return; }
        }
        var server = ctx.Server;
        // Inside EXEC (the client keeps its MULTI flag while EXEC runs) Redis only schedules the save.
        bool inExec = (ctx.Client.Flags & ClientFlags.Multi) != 0;
        if (server.Rdb.BgsaveInProgress) ctx.Error("ERR Background save already in progress");
        else if (RdbSaves.OtherChildActive(server) || inExec)
        {
            if (schedule || inExec)
            {
                server.Rdb.BgsaveScheduled = true;
                ctx.Reply.WriteSimple("Background saving scheduled"u8);
            }
            else ctx.Error("ERR Another child process is active (AOF?): can't BGSAVE right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.");
        }
        else if (RdbSaves.StartBackground(server)) ctx.Reply.WriteSimple("Background saving started"u8);
        else ctx.Error("ERR");
    }
}
