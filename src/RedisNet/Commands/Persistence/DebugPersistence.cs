using Microsoft.Extensions.Logging;
using RedisNet.Persistence;

namespace RedisNet.Commands.PersistenceCommands;

/// <summary>DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE] and DEBUG SET-SKIP-CHECKSUM-VALIDATION, called from DEBUG's dispatcher.</summary>
public static class DebugPersistence
{
    /// <summary>Runs the DEBUG action if it is one of these; false when it is not (DEBUG goes on looking).</summary>
    public static bool TryRun(CommandContext ctx)
    {
        if (ctx.ArgIs(1, "reload"u8)) Reload(ctx);
        else if (ctx.ArgCount == 3 && ctx.ArgIs(1, "set-skip-checksum-validation"u8))
        {
            ctx.Server.Rdb.SkipChecksumValidation = Keys.Debug.CAtoi(ctx.Arg(2)) != 0;
            ctx.Reply.WriteOk();
        }
        else return false;
        return true;
    }

    /// <summary>Saves (unless NOSAVE), empties the dataset (unless NOFLUSH), and loads the file back (MERGE: the file's keys win).</summary>
    private static void Reload(CommandContext ctx)
    {
        bool merge = false, flush = true, save = true;
        for (int i = 2; i < ctx.ArgCount; i++)
        {
            if (ctx.ArgIs(i, "merge"u8)) merge = true;
            else if (ctx.ArgIs(i, "noflush"u8)) flush = false;
            else if (ctx.ArgIs(i, "nosave"u8)) save = false;
            else
            {
                ctx.Error("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.");
                return;
            }
        }
        var server = ctx.Server;
        if (save)
        {
            // The file must be this save's: a background save still running would rename over it.
            RdbSaves.CancelBackground(server, reportLikeSignal: true);
            if (!RdbSaves.Save(server))
            {
                ctx.Error("ERR");
                return;
            }
        }
        if (flush)
        {
            foreach (var db in server.Databases) db.Clear();
            server.Scripting.Functions.Flush();
        }
        var outcome = RdbLoading.LoadFile(server, allowDuplicates: merge);
        // Redis exits on a damaged file even here (its fatal lines are already logged).
        if (outcome == RdbLoading.Outcome.Fatal) Environment.Exit(1);
        if (outcome == RdbLoading.Outcome.Missing)
        {
            ctx.Error("ERR Error trying to load the RDB dump, check server logs.");
            return;
        }
        server.Log.LogWarning("DB reloaded by DEBUG RELOAD");
        ctx.Reply.WriteOk();
    }
}
