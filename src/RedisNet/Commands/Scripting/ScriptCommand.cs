using RedisNet.Commands.ServerCommands;
using RedisNet.Scripting;

namespace RedisNet.Commands.Scripting;

/// <summary>SCRIPT LOAD / EXISTS / FLUSH / KILL / HELP: the EVAL script cache.</summary>
[RedisContainer("script", Arity = -2, Acl = AclCategory.Slow, Group = "scripting", Since = "2.6.0", Summary = "A container for Lua scripts management commands", Complexity = "Depends on subcommand.")]
public static class ScriptCommand
{
    private const AclCategory Acl = AclCategory.Slow | AclCategory.Scripting;

    [RedisCommand("script|load", Arity = 3, Flags = CommandFlags.NoScript | CommandFlags.Stale, Acl = Acl, Tips = "request_policy:all_nodes;response_policy:all_succeeded",
        Group = "scripting", Since = "2.6.0", Summary = "Load the specified Lua script into the script cache.", Complexity = "O(N) with N being the length in bytes of the script body.")]
    public static void Load(CommandContext ctx)
    {
        if (!Lua.Available) { ctx.Error(ScriptingState.Unavailable); return; }
        var state = ctx.Server.Scripting;
        var sha = ScriptingState.Sha1Hex(ctx.Arg(2));
        if (!state.Scripts.ContainsKey(sha) && EvalCommands.Create(ctx, state, ctx.Arg(2), sha) is null) return;
        ctx.Reply.WriteBulk(sha);
    }

    [RedisCommand("script|exists", Arity = -3, Flags = CommandFlags.NoScript, Acl = Acl, Tips = "request_policy:all_shards;response_policy:agg_logical_and",
        Group = "scripting", Since = "2.6.0", Summary = "Check existence of scripts in the script cache.", Complexity = "O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation).")]
    public static void Exists(CommandContext ctx)
    {
        var scripts = ctx.Server.Scripting.Scripts;
        ctx.Reply.WriteArrayHeader(ctx.ArgCount - 2);
        for (int i = 2; i < ctx.ArgCount; i++)
            ctx.Reply.WriteInteger(scripts.ContainsKey(ctx.ArgLatin1(i).ToLowerInvariant()) ? 1 : 0);
    }

    [RedisCommand("script|flush", Arity = -2, Flags = CommandFlags.NoScript, Acl = Acl, Tips = "request_policy:all_nodes;response_policy:all_succeeded",
        Group = "scripting", Since = "2.6.0", Summary = "Remove all the scripts from the script cache.", Complexity = "O(N) with N being the number of scripts in cache")]
    public static void Flush(CommandContext ctx)
    {
        if (ctx.ArgCount > 3 || (ctx.ArgCount == 3 && !ctx.ArgIs(2, "sync"u8) && !ctx.ArgIs(2, "async"u8)))
        {
            ctx.Error("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
            return;
        }
        ctx.Server.Scripting.FlushScripts();
        ctx.Reply.WriteOk();
    }

    /// <summary>Under the lock no script runs; while one runs, the connection answers SCRIPT KILL itself (ScriptBusy).</summary>
    [RedisCommand("script|kill", Arity = 2, Flags = CommandFlags.NoScript | CommandFlags.AllowBusy, Acl = Acl, Tips = "request_policy:all_shards;response_policy:one_succeeded",
        Group = "scripting", Since = "2.6.0", Summary = "Kill the script currently in execution.", Complexity = "O(1)")]
    public static void Kill(CommandContext ctx) => ScriptBusy.ReplyKill(ctx, ctx.Server.Scripting.Kill(function: false));

    /// <summary>SCRIPT DEBUG NO is accepted; the Lua debugger (YES/SYNC) is not implemented and says so.</summary>
    [RedisCommand("script|debug", Arity = 3, Flags = CommandFlags.NoScript, Acl = Acl,
        Group = "scripting", Since = "3.2.0", Summary = "Set the debug mode for executed scripts.", Complexity = "O(1)")]
    public static void Debug(CommandContext ctx)
    {
        if (ctx.ArgIs(2, "no"u8)) ctx.Reply.WriteOk();
        else if (ctx.ArgIs(2, "yes"u8) || ctx.ArgIs(2, "sync"u8)) ctx.Error("ERR The Lua debugger (SCRIPT DEBUG YES|SYNC) is not supported by this server");
        else ctx.Error("ERR Use SCRIPT DEBUG YES/SYNC/NO");
    }

    [RedisCommand("script|help", Arity = 2, Flags = CommandFlags.Loading | CommandFlags.Stale, Acl = Acl,
        Group = "scripting", Since = "5.0.0", Summary = "Show helpful text about the different subcommands", Complexity = "O(1)")]
    public static void Help(CommandContext ctx) => HelpReply.Write(ctx, "SCRIPT",
        "DEBUG (YES|SYNC|NO)",
        "    Set the debug mode for subsequent scripts executed.",
        "EXISTS <sha1> [<sha1> ...]",
        "    Return information about the existence of the scripts in the script cache.",
        "FLUSH [ASYNC|SYNC]",
        "    Flush the Lua scripts cache. Very dangerous on replicas.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the scripts cache.",
        "    * SYNC: Synchronously flush the scripts cache.",
        "KILL",
        "    Kill the currently executing Lua script.",
        "LOAD <script>",
        "    Load a script into the scripts cache without executing it.");
}
