using Microsoft.Extensions.Logging;
using RedisNet.Commands;

namespace RedisNet.Persistence.Aof;

/// <summary>BGREWRITEAOF and DEBUG LOADAOF.</summary>
public static class AofCommands
{
    [RedisCommand("bgrewriteaof", Arity = 1, Flags = CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.NoAsyncLoading,
        Acl = AclCategory.Admin | AclCategory.Slow | AclCategory.Dangerous, Group = "server", Since = "1.0.0",
        Summary = "Asynchronously rewrite the append-only file", Complexity = "O(1)")]
    public static void BgRewriteAof(CommandContext ctx)
    {
        var reply = AppendOnlyFile.For(ctx.Server).BackgroundRewrite(out bool error);
        if (error) ctx.Error(reply);
        else ctx.Reply.WriteSimple(reply);
    }

    /// <summary>DEBUG LOADAOF: reload the dataset from the AOF directory; a failed load ends the server, as in Redis.</summary>
    public static void DebugLoadAof(CommandContext ctx)
    {
        if (!AppendOnlyFile.For(ctx.Server).DebugLoadAof())
        {
            ctx.Server.Log.LogWarning("DEBUG LOADAOF failed: exiting");
            FileSync.Exit(1);
        }
        ctx.Reply.WriteOk();
    }
}
