using RedisNet.Commands.ServerCommands;
using RedisNet.Server;

namespace RedisNet.Scripting;

/// <summary>
/// INFO memory's scripting fields, counted as redis-server 7.0 counts them: the script cache and the
/// function libraries by their allocations (sds strings and structs in jemalloc size classes, dict
/// entries and buckets), the Lua VMs as Redis's fresh VM sizes plus what ours grew since setup
/// (our heap differs from Redis's patched Lua, the growth is what scripts cause), in whole KB as
/// lua_gc(LUA_GCCOUNT) reports them. Counts (cached scripts, functions, libraries) are exact.
/// </summary>
public static class ScriptMemory
{
    // redis-server 7.0.15 right after startup (measured): each VM and the functions context.
    private const long FreshEvalVm = 32768, FreshFunctionVm = 33792, FreshFunctionsOverhead = 200;
    // luaScript (flags, body) and functionInfo (name, function, library, desc, flags) structs,
    // functionLibInfo (name, functions, engine, code) and a Lua function's context (a registry ref).
    private const long LuaScriptStruct = 16, FunctionInfoStruct = 48, LibraryStruct = 32, LuaFunctionCtx = 8, RobjSize = 16;

    public static int CachedScripts(RedisServer server) => server.Scripting.Scripts.Count;
    public static int Functions(RedisServer server) => server.Scripting.Functions.Functions.Count;
    public static int Libraries(RedisServer server) => server.Scripting.Functions.Libraries.Count;

    public static long EvalVm(RedisServer server) => FreshEvalVm + WholeKb(server.Scripting.EvalVmGrowth);
    public static long FunctionVm(RedisServer server) => FreshFunctionVm + WholeKb(server.Scripting.FunctionVmGrowth);

    /// <summary>evalScriptsMemory: per script its SHA sds, its body as the argument object held it, the struct; plus the dict.</summary>
    public static long EvalScripts(RedisServer server)
    {
        var scripts = server.Scripting.Scripts;
        long total = MemoryEstimate.TableOverhead(scripts.Count);
        foreach (var s in scripts.Values) total += Sds(40) + BodyObject(s.Body.Length) + LuaScriptStruct;
        return total;
    }

    /// <summary>functionsMemoryOverhead: the context, each library (struct, name, code) and function (struct, name, description, Lua context), the function dict.</summary>
    public static long FunctionsOverhead(RedisServer server)
    {
        var registry = server.Scripting.Functions;
        long total = FreshFunctionsOverhead + MemoryEstimate.TableOverhead(registry.Functions.Count);
        foreach (var lib in registry.Libraries.Values)
            total += LibraryStruct + Sds(System.Text.Encoding.UTF8.GetByteCount(lib.Name)) + Sds(lib.Code.Length);
        foreach (var f in registry.Functions.Values)
            total += FunctionInfoStruct + LuaFunctionCtx + Sds(System.Text.Encoding.UTF8.GetByteCount(f.Name))
                + (f.Description is { } d ? Sds(System.Text.Encoding.UTF8.GetByteCount(d)) : 0);
        return total;
    }

    /// <summary>An sds of this length as sdsnewlen allocates it (type 5 header below 32 bytes).</summary>
    private static long Sds(long len) => MemoryEstimate.SizeClass(MemoryEstimate.SdsHeader(len, allowType5: true) + len + 1);

    /// <summary>getStringObjectSdsUsedMemory of a command argument: embstr up to 44 bytes, else a raw sds.</summary>
    private static long BodyObject(long len) => len <= 44
        ? MemoryEstimate.SizeClass(RobjSize + 3 + len + 1) - RobjSize
        : MemoryEstimate.SizeClass(MemoryEstimate.SdsHeader(len, allowType5: false) + len + 1);

    private static long WholeKb(long bytes) => bytes / 1024 * 1024;
}
