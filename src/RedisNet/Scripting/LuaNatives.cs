using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using RedisNet.Commands;
using RedisNet.Protocol;
using static RedisNet.Scripting.Lua;

namespace RedisNet.Scripting;

/// <summary>
/// The C# functions behind redis.call/pcall/log/setresp/sha1hex/... They never raise a Lua error
/// (that would longjmp across this frame): failures return FAIL plus the error for the prelude's
/// wrappers to raise.
/// </summary>
internal static unsafe class LuaNatives
{
    public static void Register(IntPtr L)
    {
        Reg(L, "call", &Call);
        Reg(L, "redis_pcall", &PCall);
        Reg(L, "log", &Log);
        Reg(L, "setresp", &SetResp);
        Reg(L, "sha1hex", &Sha1Hex);
        Reg(L, "set_repl", &SetRepl);
        Reg(L, "acl_check_cmd", &AclCheckCmd);
        Reg(L, "error_table", &ErrorTable);
        Reg(L, "random", &Random);
        Reg(L, "randomseed", &RandomSeed);
        Reg(L, "killed", &Killed);
        Reg(L, "reset_hook", &ResetHook);
        Reg(L, "pcall", &ProtectedCall);
        Reg(L, "xpcall", &ProtectedCallWithHandler);
        RawSetField(L, -1, "version", () => PushString(L, "7.0.15"));
        RawSetField(L, -1, "version_num", () => lua_pushnumber(L, 0x07000f));
    }

    public static void Reg(IntPtr L, string name, delegate* unmanaged<IntPtr, int> fn)
    {
        PushString(L, name);
        lua_pushcclosure(L, (IntPtr)fn, 0);
        lua_rawset(L, -3);
    }

    /// <summary>
    /// Raises msg as luaL_error would (prefixed with the caller's "source:line: "). A C# frame cannot
    /// call lua_error, so the error value is returned and lua_error itself is installed as the return
    /// hook: it fires while this function's frame is still current and raises the value on top of the
    /// stack, exactly as if this C function had raised it.
    /// </summary>
    public static int Fail(IntPtr L, string message)
    {
        luaL_where(L, 1);
        var where = ToStr(L, -1) ?? "";
        Pop(L, 1);
        PushString(L, where + message);
        return RaiseTop(L);
    }

    /// <summary>Raises {err="ERR msg"} (Redis's luaPushError + luaError): no line prefix.</summary>
    public static int FailTable(IntPtr L, string message, bool ignoreStats = false)
    {
        PushErrorTable(L, Encoding.UTF8.GetBytes(message), ignoreStats);
        return RaiseTop(L);
    }

    /// <summary>Raises the value on top of the stack when this native returns (see Fail).</summary>
    public static int RaiseTop(IntPtr L)
    {
        lua_sethook(L, ErrorFunction, MaskRet, 0);
        return 1;
    }

    /// <summary>Puts the regular hook back after a raise was caught (pcall's handler) or a run ended.</summary>
    public static void RestoreHook(IntPtr L)
    {
        if (ScriptRun.Current is null) { lua_sethook(L, IntPtr.Zero, 0, 0); return; }
        if (ScriptRun.Current is { KillRequested: true }) lua_sethook(L, ErrorFunction, MaskLine | MaskCount, 1);
        else lua_sethook(L, (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, void>)&Hook, MaskCount, LuaEngine.HookInstructions);
    }

    /// <summary>
    /// Redis's own pcall: an error table with an err field is returned as that string. Calling
    /// lua_pcall from here is safe: an error longjmps to lua_pcall's own frame, not across ours.
    /// </summary>
    [UnmanagedCallersOnly]
    private static int ProtectedCall(IntPtr L) => LuaNatives.Guard(L, () => ProtectedCallBody(L));

    private static int ProtectedCallBody(IntPtr L)
    {
        int argc = lua_gettop(L);
        if (argc == 0) return Fail(L, "bad argument #1 to 'pcall' (value expected)");
        lua_pushboolean(L, 1);
        lua_insert(L, 1);
        if (lua_pcall(L, argc - 1, -1, 0) != 0) CaughtError(L);
        return lua_gettop(L);
    }

    [UnmanagedCallersOnly]
    private static int ProtectedCallWithHandler(IntPtr L) => LuaNatives.Guard(L, () => ProtectedCallWithHandlerBody(L));

    private static int ProtectedCallWithHandlerBody(IntPtr L)
    {
        if (lua_gettop(L) < 2) return Fail(L, "bad argument #2 to 'xpcall' (value expected)");
        lua_settop(L, 2);
        lua_insert(L, 1); // handler below the function
        int status = lua_pcall(L, 0, -1, 1);
        if (status != 0) RestoreHook(L);
        lua_pushboolean(L, status == 0 ? 1 : 0);
        lua_replace(L, 1);
        return lua_gettop(L);
    }

    private static void CaughtError(IntPtr L)
    {
        RestoreHook(L);
        lua_remove(L, 1);
        if (lua_type(L, -1) == TTable)
        {
            GetField(L, -1, "err");
            if (lua_type(L, -1) == TString) lua_replace(L, -2);
            else Pop(L, 1);
        }
        lua_pushboolean(L, 0);
        lua_insert(L, 1);
    }

    [UnmanagedCallersOnly]
    private static int ResetHook(IntPtr L) => LuaNatives.Guard(L, () => ResetHookBody(L));

    private static int ResetHookBody(IntPtr L)
    {
        RestoreHook(L);
        return 0;
    }

    /// <summary>
    /// Redis's luaPushErrorBuff: "-CODE msg" keeps its code, anything else gets "ERR"; trailing CR/LF
    /// are trimmed. Pushes {err="CODE msg"} (plus ignore_error_stats_update when already counted).
    /// </summary>
    public static void PushErrorTable(IntPtr L, ReadOnlySpan<byte> error, bool ignoreStats)
    {
        byte[] text;
        if (error.Length > 0 && error[0] == (byte)'-')
        {
            var rest = error[1..];
            int sp = rest.IndexOf((byte)' ');
            text = sp < 0 ? [.. "ERR "u8, .. TrimCrLf(rest)] : [.. rest[..sp], (byte)' ', .. TrimCrLf(rest[(sp + 1)..])];
        }
        else text = [.. "ERR "u8, .. TrimCrLf(error)];
        lua_createtable(L, 0, 2);
        RawSetField(L, -1, "err", () => PushBytes(L, text));
        if (ignoreStats) RawSetField(L, -1, "ignore_error_stats_update", () => lua_pushboolean(L, 1));
    }

    private static ReadOnlySpan<byte> TrimCrLf(ReadOnlySpan<byte> s)
    {
        int a = 0, b = s.Length;
        while (a < b && (s[a] == '\r' || s[a] == '\n')) a++;
        while (b > a && (s[b - 1] == '\r' || s[b - 1] == '\n')) b--;
        return s[a..b];
    }

    [UnmanagedCallersOnly] private static int Call(IntPtr L) => Guard(L, () => ScriptCall.Run(L, raise: true));

    [UnmanagedCallersOnly] private static int PCall(IntPtr L) => Guard(L, () => ScriptCall.Run(L, raise: false));


    /// <summary>A C# exception must not unwind into Lua: it becomes a script error.</summary>
    public static int Guard(IntPtr L, Func<int> body)
    {
        try { return body(); }
        catch (Exception ex) { return FailTable(L, "internal error: " + ex.Message); }
    }

    [UnmanagedCallersOnly]
    private static int ErrorTable(IntPtr L) => LuaNatives.Guard(L, () => ErrorTableBody(L));

    private static int ErrorTableBody(IntPtr L)
    {
        var s = ToBytes(L, 1) ?? [];
        if (s.Length == 0 || s[0] != (byte)'-') s = [(byte)'-', .. s];
        PushErrorTable(L, s, false);
        return 1;
    }

    [UnmanagedCallersOnly]
    private static int Log(IntPtr L) => LuaNatives.Guard(L, () => LogBody(L));

    private static int LogBody(IntPtr L)
    {
        int n = lua_gettop(L);
        if (n < 2) return FailTable(L, "redis.log() requires two arguments or more.");
        if (lua_type(L, 1) != TNumber) return FailTable(L, "First argument must be a number (log level).");
        int level = (int)lua_tonumber(L, 1);
        if (level < 0 || level > 3) return FailTable(L, "Invalid debug level.");
        var sb = new StringBuilder();
        for (int i = 2; i <= n; i++)
        {
            var s = ToStr(L, i);
            if (s is null) continue;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(s);
        }
        var run = ScriptRun.Current;
        var log = run?.Caller.Server.Log ?? LuaEngine.Of(L).Server.Log;
        var lvl = level switch { 0 => LogLevel.Trace, 1 => LogLevel.Debug, 2 => LogLevel.Information, _ => LogLevel.Warning };
        log.Log(lvl, "{Message}", sb.ToString());
        return 0;
    }

    [UnmanagedCallersOnly]
    private static int SetResp(IntPtr L) => LuaNatives.Guard(L, () => SetRespBody(L));

    private static int SetRespBody(IntPtr L)
    {
        if (lua_gettop(L) != 1) return FailTable(L, "redis.setresp() requires one argument.");
        int v = (int)lua_tonumber(L, 1);
        if (v != 2 && v != 3) return FailTable(L, "RESP version must be 2 or 3.");
        if (ScriptRun.Current is { } run) run.Resp = v;
        return 0;
    }

    [UnmanagedCallersOnly]
    private static int Sha1Hex(IntPtr L) => LuaNatives.Guard(L, () => Sha1HexBody(L));

    private static int Sha1HexBody(IntPtr L)
    {
        if (lua_gettop(L) != 1) return FailTable(L, "wrong number of arguments");
        var s = ToBytes(L, 1) ?? [];
        PushString(L, Convert.ToHexStringLower(SHA1.HashData(s)));
        return 1;
    }

    [UnmanagedCallersOnly]
    private static int SetRepl(IntPtr L) => LuaNatives.Guard(L, () => SetReplBody(L));

    private static int SetReplBody(IntPtr L)
    {
        // Redis 7.0 always replicates scripts by their effects; the flags only select targets.
        if (lua_gettop(L) != 1) return FailTable(L, "redis.set_repl() requires one argument.");
        int flags = (int)lua_tonumber(L, 1);
        if ((flags & ~3) != 0) return FailTable(L, "Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.");
        return 0;
    }

    [UnmanagedCallersOnly]
    private static int AclCheckCmd(IntPtr L) => LuaNatives.Guard(L, () => AclCheckCmdBody(L));

    private static int AclCheckCmdBody(IntPtr L)
    {
        int n = lua_gettop(L);
        if (n == 0) return FailTable(L, "Please specify at least one argument for this redis lib call");
        var name = ToBytes(L, 1);
        var run = ScriptRun.Current;
        if (name is null || run is null) return FailTable(L, "Lua redis lib command arguments must be strings or integers");
        var cmd = run.Caller.Server.Commands.Find(name);
        if (cmd is null) return FailTable(L, "Invalid command passed to redis.acl_check_cmd()");
        lua_pushboolean(L, 1); // no ACL users yet: the default user may run everything
        return 1;
    }

    // Redis's rand.c: the 48-bit linear congruential generator of lrand48, reseeded before each
    // EVAL so math.random gives the same sequence every run.
    // Redis 7.0 does not reseed per call: the sequence starts from rand.c's initial state at boot.
    private static ulong _rand48 = 0x1234ABCD330EUL;

    public static void Seed(int seed) => _rand48 = ((ulong)(uint)seed << 16) | 0x330E;

    private static int NextRand()
    {
        _rand48 = (_rand48 * 0x5DEECE66DUL + 0xB) & 0xFFFFFFFFFFFFUL;
        return (int)(_rand48 >> 17);
    }

    [UnmanagedCallersOnly]
    private static int Random(IntPtr L) => LuaNatives.Guard(L, () => RandomBody(L));

    private static int RandomBody(IntPtr L)
    {
        const double Max = int.MaxValue;
        double r = NextRand() % int.MaxValue / Max;
        switch (lua_gettop(L))
        {
            case 0: lua_pushnumber(L, r); return 1;
            case 1:
            {
                int u = (int)lua_tonumber(L, 1);
                if (u < 1) return Fail(L, "bad argument #1 to 'random' (interval is empty)");
                lua_pushnumber(L, Math.Floor(r * u) + 1);
                return 1;
            }
            case 2:
            {
                int l = (int)lua_tonumber(L, 1), u = (int)lua_tonumber(L, 2);
                if (l > u) return Fail(L, "bad argument #2 to 'random' (interval is empty)");
                lua_pushnumber(L, Math.Floor(r * (u - l + 1)) + l);
                return 1;
            }
            default: return Fail(L, "wrong number of arguments");
        }
    }

    [UnmanagedCallersOnly]
    private static int RandomSeed(IntPtr L) => LuaNatives.Guard(L, () => RandomSeedBody(L));

    private static int RandomSeedBody(IntPtr L)
    {
        Seed((int)lua_tonumber(L, 1));
        return 0;
    }

    [UnmanagedCallersOnly]
    private static int Killed(IntPtr L) => LuaNatives.Guard(L, () => KilledBody(L));

    private static int KilledBody(IntPtr L)
    {
        lua_pushboolean(L, ScriptRun.Current is { KillRequested: true } ? 1 : 0);
        return 1;
    }

    /// <summary>Count hook: marks the server busy past busy-reply-threshold, and ends a killed script.</summary>
    [UnmanagedCallersOnly]
    public static void Hook(IntPtr L, IntPtr ar)
    {
        var run = ScriptRun.Current;
        if (run is null) return;
        try { run.Engine.State.OnHook(run); }
        catch (Exception) { } // nothing may unwind into Lua; the busy mark is only advisory
        if (run.KillRequested)
        {
            // lua_error as the hook raises from Lua's own frames at the next line, and again at every
            // line after, so a pcall in the script cannot swallow the kill (as Redis does).
            lua_sethook(L, ErrorFunction, MaskLine | MaskCount, 1);
        }
    }
}
