using RedisNet.Commands;
using RedisNet.Protocol;
using static RedisNet.Scripting.Lua;

namespace RedisNet.Scripting;

/// <summary>
/// redis.call / redis.pcall: checks the command as Redis's scriptCall does, runs it through
/// Executor.Call on the script's own client (so stats, MONITOR "lua" lines and propagation of
/// each write happen as for any command), and converts its reply to Lua.
/// </summary>
internal static class ScriptCall
{
    public static int Run(IntPtr L, bool raise)
    {
        var run = ScriptRun.Current;
        int n = lua_gettop(L);
        if (run is null) return Error(L, raise, "redis.call() can only be used while a script runs", false);
        if (n == 0) return Error(L, raise, "Please specify at least one argument for this redis lib call", false);
        var args = new byte[n][];
        for (int i = 1; i <= n; i++)
        {
            int t = lua_type(L, i);
            if (t != TString && t != TNumber) return Error(L, raise, "Lua redis lib command arguments must be strings or integers", false);
            args[i - 1] = ToBytes(L, i)!;
        }
        var server = run.Caller.Server;
        var cmd = server.Commands.Find(args[0]);
        if (cmd != null && cmd.Subcommands != null && (n >= 2 || cmd.Handler is null))
            cmd = n >= 2 ? CommandTable.FindSub(cmd, args[1]) : null;
        if (cmd is null) return Rejected(L, raise, run, "Unknown Redis command called from script");
        if (!cmd.ArityOk(n)) return Rejected(L, raise, run, "Wrong number of args calling Redis command from script");
        if ((cmd.Flags & CommandFlags.NoScript) != 0) return Rejected(L, raise, run, "This Redis command is not allowed from script");
        if (cmd.IsWrite && run.ReadOnly) return Rejected(L, raise, run, "Write commands are not allowed from read-only scripts.");

        var client = run.ScriptClient;
        client.SetResp(run.Resp);
        client.Output.Reset();
        var ctx = client.Context;
        ctx.Bind(CommandBatch.FromArgs(args), 0, n);
        ctx.Command = cmd;
        long dirty = server.Dirty;
        Executor.Call(ctx, cmd);
        if (server.Dirty != dirty) run.WroteData = true;

        var reply = client.Output.WrittenSpan;
        if (reply.Length > 0 && reply[0] == (byte)'-')
        {
            int end = reply.IndexOf("\r\n"u8);
            var error = end < 0 ? reply : reply[..end];
            PushErrorTable(L, error, true);
            return raise ? LuaNatives.RaiseTop(L) : 1;
        }
        int pos = 0;
        lua_checkstack(L, 8);
        RespToLua.Push(L, reply, ref pos);
        return 1;
    }

    private static void PushErrorTable(IntPtr L, ReadOnlySpan<byte> e, bool ignore) => LuaNatives.PushErrorTable(L, e, ignore);

    /// <summary>A command refused before it ran: counted as an error reply, as Redis counts it.</summary>
    private static int Rejected(IntPtr L, bool raise, ScriptRun run, string message)
    {
        run.Caller.Server.Stats.CountError("ERR " + message);
        return Error(L, raise, message, true);
    }

    private static int Error(IntPtr L, bool raise, string message, bool ignoreStats)
    {
        if (raise) return LuaNatives.FailTable(L, message, ignoreStats);
        LuaNatives.PushErrorTable(L, System.Text.Encoding.UTF8.GetBytes(message), ignoreStats);
        return 1;
    }
}
