using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using RedisNet.Server;
using static RedisNet.Scripting.Lua;

namespace RedisNet.Scripting;

/// <summary>
/// One Lua state set up as Redis sets up its scripting engine: base, table, string, math and the
/// Redis libraries, the prelude's sandbox, and a count hook every 100000 instructions for the
/// busy threshold and SCRIPT KILL. EVAL scripts and function libraries use separate engines.
/// </summary>
internal sealed unsafe class LuaEngine : IDisposable
{
    private static readonly ConcurrentDictionary<IntPtr, LuaEngine> ByState = new();
    public const int HookInstructions = 100_000;
    [ThreadStatic] private static LuaEngine? _lastUsed;

    public readonly IntPtr L;
    public readonly ScriptingState State;
    public RedisServer Server => State.Server;
    private readonly int _handlerRef, _setArgsRef, _loadingRef;

    /// <summary>The engine of a state; a coroutine's thread maps to the engine that last ran on this thread.</summary>
    public static LuaEngine Of(IntPtr L) => ByState.TryGetValue(L, out var e) ? e : _lastUsed!;

    public LuaEngine(ScriptingState state)
    {
        State = state;
        L = luaL_newstate();
        ByState[L] = this;
        var lib = NativeLibrary.Load("liblua5.1.so.0");
        foreach (var open in new[] { "luaopen_base", "luaopen_table", "luaopen_string", "luaopen_math", "luaopen_debug" })
        {
            lua_pushcclosure(L, NativeLibrary.GetExport(lib, open), 0);
            lua_pcall(L, 0, 0, 0);
        }
        lua_settop(L, 0);

        if (Load(L, Encoding.UTF8.GetBytes(ScriptPrelude.Code), ScriptPrelude.ChunkName) != 0)
            throw new InvalidOperationException("scripting prelude: " + ToStr(L, -1));
        NewTable(L);
        LuaNatives.Register(L);
        LuaLibraries.Register(L);
        if (lua_pcall(L, 1, 4, 0) != 0) throw new InvalidOperationException("scripting prelude: " + ToStr(L, -1));
        _loadingRef = luaL_ref(L, RegistryIndex);
        _setArgsRef = luaL_ref(L, RegistryIndex);
        _handlerRef = luaL_ref(L, RegistryIndex);
        lua_replace(L, GlobalsIndex); // scripts see the read-only proxy as their globals
        lua_settop(L, 0);
        BaselineBytes = MemoryBytes;
    }

    /// <summary>The heap right after setup, so INFO can report growth on top of Redis's own fresh VM size.</summary>
    public long BaselineBytes { get; }

    /// <summary>Compiles code as a function kept in the registry; null and the Lua message on a syntax error.</summary>
    public int? Compile(ReadOnlySpan<byte> code, string chunkName, out string? error)
    {
        error = null;
        if (Load(L, code, chunkName) != 0)
        {
            error = Encoding.Latin1.GetString(ToBytes(L, -1) ?? []);
            Pop(L, 1);
            return null;
        }
        return luaL_ref(L, RegistryIndex);
    }

    public void Release(int fnRef) => luaL_unref(L, RegistryIndex, fnRef);

    /// <summary>
    /// Runs a compiled function and writes its result (or error) as the caller's reply. EVAL
    /// scripts get KEYS/ARGV globals; functions get the two tables as arguments.
    /// </summary>
    public void Execute(ScriptRun run, int fnRef, byte[][] keys, byte[][] args, bool asArguments)
    {
        int baseTop = lua_gettop(L);
        lua_checkstack(L, 8);
        lua_rawgeti(L, RegistryIndex, _handlerRef);
        if (!asArguments)
        {
            lua_rawgeti(L, RegistryIndex, _setArgsRef);
            PushArray(keys);
            PushArray(args);
            lua_pcall(L, 2, 0, 0);
        }
        lua_rawgeti(L, RegistryIndex, fnRef);
        if (asArguments)
        {
            PushArray(keys);
            PushArray(args);
        }
        int status = RunProtected(run, asArguments ? 2 : 0, baseTop + 1);
        var ctx = run.Caller;
        // A killed script's error table comes from the error handler, which sees the kill flag.
        if (status == 0) LuaToResp.Write(L, ctx, run.Resp, run.Name);
        else if (lua_type(L, -1) == TTable) LuaToResp.WriteError(L, ctx, run.Name);
        else
        {
            var msg = ToStr(L, -1) ?? "execution failure";
            if (msg.Length > 100) msg = msg[..100];
            ctx.Error($"ERR Error running script {run.Name}, {msg}");
        }
        lua_settop(L, baseTop);
    }

    /// <summary>lua_pcall with the busy/kill hook installed and the run published to the natives.</summary>
    public int RunProtected(ScriptRun run, int nargs, int errFunc)
    {
        var previous = ScriptRun.Current;
        ScriptRun.Current = run;
        _lastUsed = this;
        State.Running = run;
        lua_sethook(L, (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, void>)&LuaNatives.Hook, MaskCount, HookInstructions);
        try
        {
            return lua_pcall(L, nargs, 1, errFunc);
        }
        finally
        {
            lua_sethook(L, IntPtr.Zero, 0, 0);
            ScriptRun.Current = previous;
            State.Running = null;
            State.Busy = false;
        }
    }

    /// <summary>Calls the prelude's loading(register) switch for FUNCTION LOAD (register null ends it).</summary>
    public void SetLoading(bool on, IntPtr register)
    {
        _lastUsed = this;
        if (!on) lua_sethook(L, IntPtr.Zero, 0, 0); // a raise during loading may have left lua_error installed
        lua_rawgeti(L, RegistryIndex, _loadingRef);
        if (on) lua_pushcclosure(L, register, 0);
        else lua_pushnil(L);
        lua_pcall(L, 1, 0, 0);
    }

    public void PushHandler() => lua_rawgeti(L, RegistryIndex, _handlerRef);

    private void PushArray(byte[][] items)
    {
        lua_createtable(L, items.Length, 0);
        for (int i = 0; i < items.Length; i++)
        {
            PushBytes(L, items[i]);
            lua_rawseti(L, -2, i + 1);
        }
    }

    public long MemoryBytes => (long)lua_gc(L, 3, 0) * 1024 + lua_gc(L, 4, 0);

    public void Dispose()
    {
        ByState.TryRemove(L, out _);
        lua_close(L);
    }
}
