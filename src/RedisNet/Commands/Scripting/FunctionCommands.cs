using RedisNet.Commands.ServerCommands;
using RedisNet.Protocol;
using RedisNet.Scripting;

namespace RedisNet.Commands.Scripting;

/// <summary>FCALL, FCALL_RO and the FUNCTION container (Scripting/FunctionRegistry holds the libraries).</summary>
[RedisContainer("function", Arity = -2, Acl = AclCategory.Slow, Group = "scripting", Since = "7.0.0", Summary = "A container for function commands", Complexity = "Depends on subcommand.")]
public static class FunctionCommands
{
    private const CommandFlags CallFlags = CommandFlags.NoScript | CommandFlags.Stale | CommandFlags.SkipMonitor | CommandFlags.NoMandatoryKeys | CommandFlags.MovableKeys;
    private const AclCategory Acl = AclCategory.Slow | AclCategory.Scripting;
    private const AclCategory WriteAcl = AclCategory.Write | AclCategory.Slow | AclCategory.Scripting;
    private const string AllShards = "request_policy:all_shards;response_policy:all_succeeded";

    [RedisCommand("fcall", Arity = -3, Flags = CallFlags, Acl = Acl, Group = "scripting", Since = "7.0.0",
        KeySpecs = "RW,ACCESS,UPDATE index:2 keynum:0,1,1 notes:We cannot tell how the keys will be used so we assume the worst, RW and UPDATE",
        Summary = "Invoke a function", Complexity = "Depends on the function that is executed.")]
    public static void FCall(CommandContext ctx) => Call(ctx, ro: false);

    [RedisCommand("fcall_ro", Arity = -3, Flags = CallFlags | CommandFlags.ReadOnly, Acl = Acl, Group = "scripting", Since = "7.0.0",
        KeySpecs = "RO,ACCESS index:2 keynum:0,1,1 notes:We cannot tell how the keys will be used so we assume the worst, RO and ACCESS",
        Summary = "Invoke a read-only function", Complexity = "Depends on the function that is executed.")]
    public static void FCallRo(CommandContext ctx) => Call(ctx, ro: true);

    private static void Call(CommandContext ctx, bool ro)
    {
        if (!Lua.Available) { ctx.Error(ScriptingState.Unavailable); return; }
        var state = ctx.Server.Scripting;
        if (!state.Functions.Functions.TryGetValue(ctx.ArgString(1), out var f)) { ctx.Error("ERR Function not found"); return; }
        if (!ScriptInvoker.SplitKeys(ctx, out var keys, out var args)) return;
        if (!ScriptInvoker.CheckReadOnlyCall(ctx, ro, f.Flags)) return;
        ScriptInvoker.Run(ctx, state.FunctionEngine, f.Ref, f.Name, isFunction: true, ro, f.Flags, keys, args);
    }

    [RedisCommand("function|load", Arity = -3, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.NoScript, Acl = WriteAcl, Tips = AllShards,
        Group = "scripting", Since = "7.0.0", Summary = "Create a function with the given arguments (name, code, description)", Complexity = "O(1) (considering compilation time is redundant)")]
    public static void Load(CommandContext ctx)
    {
        if (!Lua.Available) { ctx.Error(ScriptingState.Unavailable); return; }
        bool replace = false;
        int i = 2;
        for (; i < ctx.ArgCount - 1; i++)
        {
            if (ctx.ArgIs(i, "replace"u8)) replace = true;
            else { ctx.Error($"ERR Unknown option given: {ctx.ArgLatin1(i)}"); return; }
        }
        if (i != ctx.ArgCount - 1) { ctx.Error("ERR Function code was not given"); return; }
        var error = ctx.Server.Scripting.Functions.Load(ctx.ArgBytes(i), replace, out var name);
        if (error != null) { ctx.Error(error); return; }
        ctx.Dirty();
        ctx.Reply.WriteBulk(name);
    }

    [RedisCommand("function|delete", Arity = 3, Flags = CommandFlags.Write | CommandFlags.NoScript, Acl = WriteAcl, Tips = AllShards,
        Group = "scripting", Since = "7.0.0", Summary = "Delete a function by name", Complexity = "O(1)")]
    public static void Delete(CommandContext ctx)
    {
        if (!ctx.Server.Scripting.Functions.Delete(ctx.ArgString(2))) { ctx.Error("ERR Library not found"); return; }
        ctx.Dirty();
        ctx.Reply.WriteOk();
    }

    [RedisCommand("function|flush", Arity = -2, Flags = CommandFlags.Write | CommandFlags.NoScript, Acl = WriteAcl, Tips = AllShards,
        Group = "scripting", Since = "7.0.0", Summary = "Deleting all functions", Complexity = "O(N) where N is the number of functions deleted")]
    public static void Flush(CommandContext ctx)
    {
        if (ctx.ArgCount > 3 || (ctx.ArgCount == 3 && !ctx.ArgIs(2, "sync"u8) && !ctx.ArgIs(2, "async"u8)))
        {
            ctx.Error("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
            return;
        }
        ctx.Server.Scripting.Functions.Flush();
        ctx.Dirty();
        ctx.Reply.WriteOk();
    }

    [RedisCommand("function|list", Arity = -2, Flags = CommandFlags.NoScript, Acl = Acl, Tips = "nondeterministic_output_order",
        Group = "scripting", Since = "7.0.0", Summary = "List information about all the functions", Complexity = "O(N) where N is the number of functions")]
    public static void List(CommandContext ctx)
    {
        bool withCode = false;
        byte[]? pattern = null;
        for (int i = 2; i < ctx.ArgCount; i++)
        {
            if (ctx.ArgIs(i, "withcode"u8)) { withCode = true; continue; }
            if (pattern is null && ctx.ArgIs(i, "libraryname"u8))
            {
                if (i + 1 >= ctx.ArgCount) { ctx.Error("ERR library name argument was not given"); return; }
                pattern = ctx.ArgBytes(++i);
                continue;
            }
            ctx.Error($"ERR Unknown argument {ctx.ArgLatin1(i)}");
            return;
        }
        var libs = ctx.Server.Scripting.Functions.Libraries.Values
            .Where(l => pattern is null || Glob.Match(pattern, System.Text.Encoding.UTF8.GetBytes(l.Name), false)).ToList();
        var w = ctx.Reply;
        w.WriteArrayHeader(libs.Count);
        foreach (var lib in libs)
        {
            w.WriteMapHeader(withCode ? 4 : 3);
            w.WriteBulk("library_name"u8); w.WriteBulk(lib.Name);
            w.WriteBulk("engine"u8); w.WriteBulk("LUA"u8);
            w.WriteBulk("functions"u8);
            w.WriteArrayHeader(lib.Functions.Count);
            foreach (var f in lib.Functions)
            {
                w.WriteMapHeader(3);
                w.WriteBulk("name"u8); w.WriteBulk(f.Name);
                w.WriteBulk("description"u8);
                if (f.Description is null) w.WriteNull(); else w.WriteBulk(f.Description);
                w.WriteBulk("flags"u8);
                var names = Shebang.Names(f.Flags).ToList();
                w.WriteSetHeader(names.Count);
                foreach (var n in names) w.WriteSimple(n);
            }
            if (withCode) { w.WriteBulk("library_code"u8); w.WriteBulk(lib.Code); }
        }
    }

    [RedisCommand("function|stats", Arity = 2, Flags = CommandFlags.NoScript | CommandFlags.AllowBusy, Acl = Acl, Tips = "nondeterministic_output;request_policy:all_shards;response_policy:special",
        Group = "scripting", Since = "7.0.0", Summary = "Return information about the function currently running (name, description, duration)", Complexity = "O(1)")]
    public static void Stats(CommandContext ctx) => FunctionStats.Write(ctx.Reply, ctx.Server.Scripting, running: null);

    [RedisCommand("function|kill", Arity = 2, Flags = CommandFlags.NoScript | CommandFlags.AllowBusy, Acl = Acl, Tips = "request_policy:all_shards;response_policy:one_succeeded",
        Group = "scripting", Since = "7.0.0", Summary = "Kill the function currently in execution.", Complexity = "O(1)")]
    public static void Kill(CommandContext ctx) => ScriptBusy.ReplyKill(ctx, ctx.Server.Scripting.Kill(function: true));

    [RedisCommand("function|dump", Arity = 2, Flags = CommandFlags.NoScript, Acl = Acl,
        Group = "scripting", Since = "7.0.0", Summary = "Dump all functions into a serialized binary payload", Complexity = "O(N) where N is the number of functions")]
    public static void Dump(CommandContext ctx) => ctx.Reply.WriteBulk(FunctionPayload.Dump(ctx.Server.Scripting.Functions));

    [RedisCommand("function|restore", Arity = -3, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.NoScript, Acl = WriteAcl, Tips = AllShards,
        Group = "scripting", Since = "7.0.0", Summary = "Restore all the functions on the given payload", Complexity = "O(N) where N is the number of functions on the payload")]
    public static void Restore(CommandContext ctx)
    {
        if (ctx.ArgCount > 4) { ctx.SyntaxError(); return; }
        var policy = "append";
        if (ctx.ArgCount == 4)
        {
            if (ctx.ArgIs(3, "flush"u8)) policy = "flush";
            else if (ctx.ArgIs(3, "append"u8)) policy = "append";
            else if (ctx.ArgIs(3, "replace"u8)) policy = "replace";
            else { ctx.Error("ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE."); return; }
        }
        var error = FunctionPayload.Restore(ctx.Server.Scripting.Functions, ctx.Arg(2), policy, ctx.Server.Rdb.SkipChecksumValidation);
        if (error != null) { ctx.Error(error); return; }
        ctx.Dirty();
        ctx.Reply.WriteOk();
    }

    [RedisCommand("function|help", Arity = 2, Flags = CommandFlags.Loading | CommandFlags.Stale, Acl = Acl,
        Group = "scripting", Since = "7.0.0", Summary = "Show helpful text about the different subcommands", Complexity = "O(1)")]
    public static void Help(CommandContext ctx) => HelpReply.Write(ctx, "FUNCTION",
        "LOAD [REPLACE] <FUNCTION CODE>",
        "    Create a new library with the given library name and code.",
        "DELETE <LIBRARY NAME>",
        "    Delete the given library.",
        "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
        "    Return general information on all the libraries:",
        "    * Library name",
        "    * The engine used to run the Library",
        "    * Library description",
        "    * Functions list",
        "    * Library code (if WITHCODE is given)",
        "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
        "STATS",
        "    Return information about the current function running:",
        "    * Function name",
        "    * Command used to run the function",
        "    * Duration in MS that the function is running",
        "    If no function is running, return nil",
        "    In addition, returns a list of available engines.",
        "KILL",
        "    Kill the current running function.",
        "FLUSH [ASYNC|SYNC]",
        "    Delete all the libraries.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the libraries.",
        "    * SYNC: Synchronously flush the libraries.",
        "DUMP",
        "    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
        "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
        "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
        "    control how to handle existing libraries (default APPEND):",
        "    * FLUSH: delete all existing libraries.",
        "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
        "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
        "      libraries with the new libraries (notice that even on this option there is a chance of failure",
        "      in case of functions name collision with another library).");
}
