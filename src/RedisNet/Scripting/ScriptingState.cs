using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using RedisNet.Server;

namespace RedisNet.Scripting;

/// <summary>A script known to SCRIPT EXISTS / EVALSHA: its body, shebang flags and compiled function.</summary>
internal sealed class EvalScript
{
    public required byte[] Body;
    public required int FunctionRef;
    public ScriptFlags Flags;
}

/// <summary>
/// Per-server scripting state: the EVAL engine and its script cache, the function engine and its
/// libraries, and the script now running. <see cref="Busy"/> is read by connections without the
/// execution lock (a long script holds it) to answer BUSY.
/// </summary>
public sealed class ScriptingState
{
    public readonly RedisServer Server;
    private LuaEngine? _evalEngine;
    private LuaEngine? _functionEngine;
    private Client? _scriptClient;
    internal readonly Dictionary<string, EvalScript> Scripts = new();
    internal readonly FunctionRegistry Functions;
    internal volatile ScriptRun? Running;
    /// <summary>A script has run past busy-reply-threshold: other clients get BUSY.</summary>
    public volatile bool Busy;

    public ScriptingState(RedisServer server)
    {
        Server = server;
        Functions = new FunctionRegistry(this);
    }

    public const string Unavailable = "ERR Scripting is not available: the Lua 5.1 library (liblua5.1.so.0, Debian package liblua5.1-0) is not installed";

    internal LuaEngine EvalEngine => _evalEngine ??= new LuaEngine(this);
    internal LuaEngine FunctionEngine => _functionEngine ??= new LuaEngine(this);
    internal Client ScriptClient => _scriptClient ??= Server.CreateClient(null);

    internal static string Sha1Hex(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA1.HashData(body));

    /// <summary>SCRIPT FLUSH: drops every cached script and starts a fresh Lua state.</summary>
    internal void FlushScripts()
    {
        Scripts.Clear();
        _evalEngine?.Dispose();
        _evalEngine = null;
    }

    internal void ResetFunctionEngine()
    {
        _functionEngine?.Dispose();
        _functionEngine = null;
    }

    /// <summary>Bytes used by the EVAL engine's Lua heap (INFO used_memory_lua).</summary>
    public long EvalMemory => _evalEngine?.MemoryBytes ?? 0;

    /// <summary>The engines' heap growth since setup (0 while not created), for INFO's VM sizes.</summary>
    internal long EvalVmGrowth => _evalEngine is { } e ? Math.Max(0, e.MemoryBytes - e.BaselineBytes) : 0;
    internal long FunctionVmGrowth => _functionEngine is { } e ? Math.Max(0, e.MemoryBytes - e.BaselineBytes) : 0;

    /// <summary>Called from the count hook on the script's thread.</summary>
    internal void OnHook(ScriptRun run)
    {
        long threshold = Server.Config.BusyReplyThreshold;
        if (Busy || threshold <= 0 || run.ElapsedMs < threshold) return;
        Busy = true;
        Server.Log.LogWarning("Slow script detected: still in execution after {Ms} milliseconds. You can try killing the script using the {Cmd} command. Script name is: {Name}.",
            run.ElapsedMs, run.IsFunction ? "FUNCTION KILL" : "SCRIPT KILL", run.Name);
    }

    /// <summary>
    /// SCRIPT KILL / FUNCTION KILL, called without the execution lock while a script runs. Returns
    /// the reply (an error string starting with "-", or "+OK").
    /// </summary>
    public string Kill(bool function)
    {
        var run = Running;
        if (run is null || !Busy) return "-NOTBUSY No scripts in execution right now.";
        if (run.IsFunction != function) return "-" + BusyError; // the other kind of KILL is refused like any command
        if (run.WroteData)
            return "-UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.";
        run.KillRequested = true;
        return "+OK";
    }

    /// <summary>The BUSY error other clients get while a script runs past the threshold.</summary>
    public string BusyError => Running is { IsFunction: true }
        ? "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE."
        : "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
}
