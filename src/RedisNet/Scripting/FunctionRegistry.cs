using System.Runtime.InteropServices;
using System.Text;
using static RedisNet.Scripting.Lua;

namespace RedisNet.Scripting;

internal sealed class FunctionLibrary
{
    public required string Name;
    public required byte[] Code;
    public readonly List<FunctionDef> Functions = new();
}

internal sealed class FunctionDef
{
    public required string Name;
    public required int Ref;
    public ScriptFlags Flags;
    public string? Description;
    public FunctionLibrary Library = null!;
}

/// <summary>
/// FUNCTION LOAD's libraries: "#!lua name=lib" code run once in the function engine, where
/// redis.register_function records each function's callback, flags and description.
/// </summary>
internal sealed unsafe class FunctionRegistry(ScriptingState state)
{
    public readonly Dictionary<string, FunctionLibrary> Libraries = new(StringComparer.Ordinal);
    public readonly Dictionary<string, FunctionDef> Functions = new(StringComparer.Ordinal);
    [ThreadStatic] private static List<FunctionDef>? _pending;

    /// <summary>Loads (or with replace, replaces) a library. Returns null and its name, or Redis's error.</summary>
    public string? Load(byte[] code, bool replace, out string name)
    {
        name = "";
        var text = code.AsSpan();
        if (!text.StartsWith("#!"u8)) return "ERR Missing library metadata";
        int nl = text.IndexOf((byte)'\n');
        int end = nl < 0 ? text.Length : nl;
        var parts = Encoding.Latin1.GetString(text[2..end]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0] != "lua") return $"ERR Engine '{(parts.Length == 0 ? "" : parts[0])}' not found";
        string? libName = null;
        for (int i = 1; i < parts.Length; i++)
        {
            if (parts[i].StartsWith("name=", StringComparison.Ordinal)) libName = parts[i][5..];
            else return $"ERR Invalid metadata value given: {parts[i]}";
        }
        if (libName is null) return "ERR Library name was not given";
        if (!ValidName(libName)) return "ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long";
        name = libName;
        if (Libraries.ContainsKey(libName) && !replace) return $"ERR Library '{libName}' already exists";

        var engine = state.FunctionEngine;
        var L = engine.L;
        var fn = engine.Compile(text[end..], "@user_function", out var compileError);
        if (fn is null) return "ERR Error compiling function: " + compileError;
        var lib = new FunctionLibrary { Name = libName, Code = code };
        _pending = lib.Functions;
        int top = lua_gettop(L);
        engine.PushHandler();
        lua_rawgeti(L, RegistryIndex, fn.Value);
        engine.SetLoading(true, (IntPtr)(delegate* unmanaged<IntPtr, int>)&Register);
        int status = lua_pcall(L, 0, 0, top + 1);
        engine.SetLoading(false, IntPtr.Zero);
        _pending = null;
        engine.Release(fn.Value);
        string? error = null;
        if (status != 0)
        {
            string msg = "";
            if (lua_type(L, -1) == TTable) { GetField(L, -1, "err"); msg = ToStr(L, -1) ?? ""; }
            else msg = ToStr(L, -1) ?? "";
            error = "ERR Error registering functions: " + msg;
        }
        lua_settop(L, top);
        if (error is null && lib.Functions.Count == 0) error = "ERR No functions registered";
        if (error is null)
            foreach (var f in lib.Functions)
                if (Functions.TryGetValue(f.Name, out var other) && other.Library.Name != libName) { error = $"ERR Function {f.Name} already exists"; break; }
        if (error != null)
        {
            foreach (var f in lib.Functions) engine.Release(f.Ref);
            return error;
        }
        if (Libraries.ContainsKey(libName)) Delete(libName);
        Libraries[libName] = lib;
        foreach (var f in lib.Functions)
        {
            f.Library = lib;
            Functions[f.Name] = f;
        }
        return null;
    }

    public bool Delete(string name)
    {
        if (!Libraries.Remove(name, out var lib)) return false;
        foreach (var f in lib.Functions)
        {
            Functions.Remove(f.Name);
            state.FunctionEngine.Release(f.Ref);
        }
        return true;
    }

    public void Flush()
    {
        Libraries.Clear();
        Functions.Clear();
        state.ResetFunctionEngine();
    }

    public static bool ValidName(string s)
    {
        if (s.Length == 0) return false;
        foreach (char c in s) if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        return true;
    }

    /// <summary>redis.register_function(name, callback) or redis.register_function{function_name=..., callback=..., flags=..., description=...}.</summary>
    [UnmanagedCallersOnly]
    private static int Register(IntPtr L) => LuaNatives.Guard(L, () => RegisterBody(L));

    private static int RegisterBody(IntPtr L)
    {
        var pending = _pending;
        if (pending is null) return LuaNatives.FailTable(L, "redis.register_function can only be called on FUNCTION LOAD command");
        int n = lua_gettop(L);
        string? name = null, description = null;
        var flags = ScriptFlags.None;
        int callback;
        if (n == 2)
        {
            if (lua_type(L, 2) != TFunction) return LuaNatives.FailTable(L, "second argument to redis.register_function must be a function");
            if (!LuaArgs.IsString(L, 1)) return LuaNatives.FailTable(L, "first argument to redis.register_function must be a string");
            name = ToStr(L, 1);
            lua_pushvalue(L, 2);
            callback = luaL_ref(L, RegistryIndex);
        }
        else if (n == 1)
        {
            if (lua_type(L, 1) != TTable) return LuaNatives.FailTable(L, "calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).");
            callback = 0;
            lua_pushnil(L);
            while (lua_next(L, 1) != 0)
            {
                if (lua_type(L, -2) != TString) return LuaNatives.FailTable(L, "named argument key given to redis.register_function is not a string");
                var key = ToStr(L, -2);
                int t = lua_type(L, -1);
                switch (key)
                {
                    case "function_name":
                        if (t != TString) return LuaNatives.FailTable(L, "function_name argument given to redis.register_function must be a string");
                        name = ToStr(L, -1);
                        break;
                    case "description":
                        if (t != TString) return LuaNatives.FailTable(L, "description argument given to redis.register_function must be a string");
                        description = ToStr(L, -1);
                        break;
                    case "callback":
                        if (t != TFunction) return LuaNatives.FailTable(L, "callback argument given to redis.register_function must be a function");
                        if (callback != 0) luaL_unref(L, RegistryIndex, callback);
                        lua_pushvalue(L, -1);
                        callback = luaL_ref(L, RegistryIndex);
                        break;
                    case "flags":
                        if (t != TTable) return LuaNatives.FailTable(L, "flags argument to redis.register_function must be a table representing function flags");
                        for (int i = 1; ; i++)
                        {
                            lua_rawgeti(L, -1, i);
                            if (lua_type(L, -1) == TNil) { Pop(L, 1); break; }
                            var f = lua_type(L, -1) == TString ? Shebang.Parse(ToStr(L, -1)!) : ScriptFlags.None;
                            Pop(L, 1);
                            if (f == ScriptFlags.None) return LuaNatives.FailTable(L, "unknown flag given");
                            flags |= f;
                        }
                        break;
                    default:
                        return LuaNatives.FailTable(L, "unknown argument given to redis.register_function");
                }
                Pop(L, 1);
            }
            if (name is null) return LuaNatives.FailTable(L, "redis.register_function must get a function name argument");
            if (callback == 0) return LuaNatives.FailTable(L, "redis.register_function must get a callback argument");
        }
        else return LuaNatives.FailTable(L, "wrong number of arguments to redis.register_function");
        if (!ValidName(name!)) return LuaNatives.FailTable(L, "Library names can only contain letters, numbers, or underscores(_) and must be at least one character long"); // sic: Redis 7.0's text
        foreach (var f in pending)
            if (f.Name == name) return LuaNatives.FailTable(L, "Function already exists in the library");
        pending.Add(new FunctionDef { Name = name!, Ref = callback, Flags = flags | ScriptFlags.HasShebang, Description = description });
        return 0;
    }
}
