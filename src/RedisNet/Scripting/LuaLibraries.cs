using static RedisNet.Scripting.Lua;

namespace RedisNet.Scripting;

/// <summary>The libraries Redis bundles (bit, cjson, cmsgpack, struct), as tables of natives for the prelude.</summary>
internal static class LuaLibraries
{
    public static void Register(IntPtr L)
    {
        Add(L, "bit", LuaBit.Register);
        Add(L, "cjson", LuaCjson.Register);
        Add(L, "cmsgpack", LuaMsgpack.Register);
        Add(L, "struct", LuaStruct.Register);
    }

    /// <summary>t[name] = a new table filled by register, for the table t on top of the stack.</summary>
    private static void Add(IntPtr L, string name, Action<IntPtr> register)
    {
        PushString(L, name);
        NewTable(L);
        register(L);
        lua_rawset(L, -3);
    }
}
