using RedisNet.Commands;

namespace RedisNet.Scripting;

/// <summary>What EVAL and FCALL share: key/argument splitting, flag checks, running the script.</summary>
internal static class ScriptInvoker
{
    /// <summary>Splits "numkeys key... arg..." starting at argument 2; false (error replied) when numkeys is bad.</summary>
    public static bool SplitKeys(CommandContext ctx, out byte[][] keys, out byte[][] args)
    {
        keys = args = [];
        if (!ctx.TryArgLong(2, out long numKeys)) return false;
        if (numKeys > ctx.ArgCount - 3) { ctx.Error("ERR Number of keys can't be greater than number of args"); return false; }
        if (numKeys < 0) { ctx.Error("ERR Number of keys can't be negative"); return false; }
        keys = new byte[numKeys][];
        for (int i = 0; i < numKeys; i++) keys[i] = ctx.ArgBytes(3 + i);
        args = new byte[ctx.ArgCount - 3 - numKeys][];
        for (int i = 0; i < args.Length; i++) args[i] = ctx.ArgBytes(3 + (int)numKeys + i);
        return true;
    }

    /// <summary>Refuses a script that may write when called by *_RO; false when refused (error replied).</summary>
    public static bool CheckReadOnlyCall(CommandContext ctx, bool roCommand, ScriptFlags flags)
    {
        if (roCommand && (flags & ScriptFlags.HasShebang) != 0 && (flags & ScriptFlags.NoWrites) == 0)
        {
            ctx.Error("ERR Can not execute a script with write flag using *_ro command.");
            return false;
        }
        return true;
    }

    public static void Run(CommandContext ctx, LuaEngine engine, int fnRef, string name, bool isFunction, bool roCommand,
        ScriptFlags flags, byte[][] keys, byte[][] args)
    {
        var state = engine.State;
        var client = state.ScriptClient;
        client.Db = ctx.Db;
        var run = new ScriptRun
        {
            Caller = ctx,
            ScriptClient = client,
            Engine = engine,
            Name = name,
            IsFunction = isFunction,
            ReadOnly = roCommand || (flags & ScriptFlags.NoWrites) != 0,
            Flags = flags,
            CommandArgs = isFunction ? ctx.AllArgs() : null,
        };
        // Effects replication: the script's writes are propagated as they ran, two or more wrapped in
        // MULTI/EXEC (as Redis 7.0), never the script itself. Time stands still while it runs.
        ctx.PreventPropagation = true;
        var server = ctx.Server;
        server.Clock.Frozen++;
        server.Propagation.BeginTransaction();
        try
        {
            engine.Execute(run, fnRef, keys, args, asArguments: isFunction);
        }
        finally
        {
            server.Propagation.EndTransaction();
            server.Clock.Frozen--;
        }
    }
}
