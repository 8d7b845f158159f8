using static RedisNet.Scripting.Lua;

namespace RedisNet.Scripting;

/// <summary>The libraries Redis bundles (bit, cjson, cmsgpack, struct), as tables of natives for the prelude.</summary>
internal static class LuaLibraries
{
    public static void Register(IntPtr L)
    {
        PushString(L, "bit");
        NewTable(L);
        LuaBit.Register(L);
        lua_rawset(L, -3);
        PushString(L, "cjson");
        NewTable(L);
        LuaCjson.Register(L);
        lua_rawset(L, -3);
        PushString(L, "cmsgpack");
        NewTable(L);
        LuaMsgpack.Register(L);
        lua_rawset(L, -3);
        PushString(L, "struct");
        NewTable(L);
        LuaStruct.Register(L);
        lua_rawset(L, -3);
    }
}
