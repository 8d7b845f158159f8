using RedisNet.Scripting;

namespace RedisNet.Commands.Scripting;

/// <summary>EVAL, EVALSHA, EVAL_RO, EVALSHA_RO: run Lua scripts (Scripting/ has the engine).</summary>
public static class EvalCommands
{
    private const CommandFlags Flags = CommandFlags.NoScript | CommandFlags.Stale | CommandFlags.SkipMonitor | CommandFlags.NoMandatoryKeys | CommandFlags.MovableKeys;
    private const AclCategory Acl = AclCategory.Slow | AclCategory.Scripting;
    private const string Rw = "RW,ACCESS,UPDATE index:2 keynum:0,1,1 notes:We cannot tell how the keys will be used so we assume the worst, RW and UPDATE";
    private const string Ro = "RO,ACCESS index:2 keynum:0,1,1 notes:We cannot tell how the keys will be used so we assume the worst, RO and ACCESS";

    [RedisCommand("eval", Arity = -3, Flags = Flags, Acl = Acl, KeySpecs = Rw, Group = "scripting", Since = "2.6.0",
        Summary = "Execute a Lua script server side", Complexity = "Depends on the script that is executed.")]
    public static void Eval(CommandContext ctx) => Run(ctx, bySha: false, ro: false);

    [RedisCommand("evalsha", Arity = -3, Flags = Flags, Acl = Acl, KeySpecs = "RW,ACCESS,UPDATE index:2 keynum:0,1,1", Group = "scripting", Since = "2.6.0",
        Summary = "Execute a Lua script server side", Complexity = "Depends on the script that is executed.")]
    public static void EvalSha(CommandContext ctx) => Run(ctx, bySha: true, ro: false);

    [RedisCommand("eval_ro", Arity = -3, Flags = Flags | CommandFlags.ReadOnly, Acl = Acl, KeySpecs = Ro, Group = "scripting", Since = "7.0.0",
        Summary = "Execute a read-only Lua script server side", Complexity = "Depends on the script that is executed.")]
    public static void EvalRo(CommandContext ctx) => Run(ctx, bySha: false, ro: true);

    [RedisCommand("evalsha_ro", Arity = -3, Flags = Flags | CommandFlags.ReadOnly, Acl = Acl, KeySpecs = "RO,ACCESS index:2 keynum:0,1,1", Group = "scripting", Since = "7.0.0",
        Summary = "Execute a read-only Lua script server side", Complexity = "Depends on the script that is executed.")]
    public static void EvalShaRo(CommandContext ctx) => Run(ctx, bySha: true, ro: true);

    private static void Run(CommandContext ctx, bool bySha, bool ro)
    {
        if (!Lua.Available) { ctx.Error(ScriptingState.Unavailable); return; }
        if (!ScriptInvoker.SplitKeys(ctx, out var keys, out var args)) return;
        var state = ctx.Server.Scripting;
        EvalScript? script;
        string sha;
        if (bySha)
        {
            sha = ctx.ArgLatin1(1).ToLowerInvariant();
            if (!state.Scripts.TryGetValue(sha, out script)) { ctx.Error("NOSCRIPT No matching script. Please use EVAL."); return; }
        }
        else
        {
            sha = ScriptingState.Sha1Hex(ctx.Arg(1));
            if (!state.Scripts.TryGetValue(sha, out script))
            {
                script = Create(ctx, state, ctx.Arg(1), sha);
                if (script is null) return;
            }
        }
        if (!ScriptInvoker.CheckReadOnlyCall(ctx, ro, script.Flags)) return;
        ScriptInvoker.Run(ctx, state.EvalEngine, script.FunctionRef, sha, isFunction: false, ro, script.Flags, keys, args);
    }

    /// <summary>Parses the shebang and compiles the body into the script cache; null after replying an error.</summary>
    internal static EvalScript? Create(CommandContext ctx, ScriptingState state, ReadOnlySpan<byte> body, string sha)
    {
        var shebangError = Shebang.ParseEval(body, out var flags, out int start);
        if (shebangError != null) { ctx.Error(shebangError); return null; }
        var fn = state.EvalEngine.Compile(body[start..], "@user_script", out var error);
        if (fn is null) { ctx.Error("ERR Error compiling script (new function): " + error); return null; }
        var script = new EvalScript { Body = body.ToArray(), FunctionRef = fn.Value, Flags = flags };
        state.Scripts[sha] = script;
        return script;
    }
}
