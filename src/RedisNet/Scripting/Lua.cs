using System.Runtime.InteropServices;
using System.Text;

namespace RedisNet.Scripting;

/// <summary>
/// A thin binding to the system's Lua 5.1 (Debian's liblua5.1-0), the language version Redis embeds.
/// Lua reports errors with longjmp, which must never cross a managed frame: callbacks written in C#
/// only use API calls that cannot raise, and return error markers that Lua-side wrappers turn into
/// errors (see ScriptPrelude).
/// </summary>
internal static unsafe class Lua
{
    private const string Lib = "liblua5.1.so.0";
    public const int RegistryIndex = -10000;
    public const int GlobalsIndex = -10002;
    public const int TNone = -1, TNil = 0, TBoolean = 1, TLightUserdata = 2, TNumber = 3, TString = 4, TTable = 5, TFunction = 6;
    public const int MaskCall = 1, MaskRet = 2, MaskLine = 4, MaskCount = 8;

    private static bool? _available;
    /// <summary>The address of lua_error: installed as a hook to raise from Lua's own frames (SCRIPT KILL).</summary>
    public static IntPtr ErrorFunction;

    /// <summary>True when liblua5.1.so.0 can be loaded; otherwise scripting commands answer an error.</summary>
    public static bool Available
    {
        get
        {
            if (_available is bool b) return b;
            _available = TryLoad(Lib, out ErrorFunction);
            return _available.Value;
        }
    }

    /// <summary>Loads a Lua library and finds lua_error; false when the library or the symbol is missing.</summary>
    internal static bool TryLoad(string name, out IntPtr errorFunction)
    {
        errorFunction = IntPtr.Zero;
        if (!NativeLibrary.TryLoad(name, out var h)) return false;
        return NativeLibrary.TryGetExport(h, "lua_error", out errorFunction);
    }

    [DllImport(Lib)] public static extern IntPtr luaL_newstate();
    [DllImport(Lib)] public static extern void lua_close(IntPtr L);
    [DllImport(Lib)] public static extern int luaopen_base(IntPtr L);
    [DllImport(Lib)] public static extern int luaopen_table(IntPtr L);
    [DllImport(Lib)] public static extern int luaopen_string(IntPtr L);
    [DllImport(Lib)] public static extern int luaopen_math(IntPtr L);
    [DllImport(Lib)] public static extern int luaopen_debug(IntPtr L);
    [DllImport(Lib)] public static extern int lua_gettop(IntPtr L);
    [DllImport(Lib)] public static extern void lua_settop(IntPtr L, int idx);
    [DllImport(Lib)] public static extern void lua_pushvalue(IntPtr L, int idx);
    [DllImport(Lib)] public static extern void lua_remove(IntPtr L, int idx);
    [DllImport(Lib)] public static extern void lua_insert(IntPtr L, int idx);
    [DllImport(Lib)] public static extern void lua_replace(IntPtr L, int idx);
    [DllImport(Lib)] public static extern int lua_checkstack(IntPtr L, int n);
    [DllImport(Lib)] public static extern int lua_type(IntPtr L, int idx);
    [DllImport(Lib)] public static extern double lua_tonumber(IntPtr L, int idx);
    [DllImport(Lib)] public static extern int lua_toboolean(IntPtr L, int idx);
    [DllImport(Lib)] public static extern byte* lua_tolstring(IntPtr L, int idx, out nuint len);
    [DllImport(Lib)] public static extern nuint lua_objlen(IntPtr L, int idx);
    [DllImport(Lib)] public static extern void lua_pushnil(IntPtr L);
    [DllImport(Lib)] public static extern void lua_pushnumber(IntPtr L, double n);
    [DllImport(Lib)] public static extern void lua_pushlstring(IntPtr L, byte* s, nuint len);
    [DllImport(Lib)] public static extern void lua_pushcclosure(IntPtr L, IntPtr fn, int n);
    [DllImport(Lib)] public static extern void lua_pushboolean(IntPtr L, int b);
    [DllImport(Lib)] public static extern void lua_pushlightuserdata(IntPtr L, IntPtr p);
    [DllImport(Lib)] public static extern int lua_getstack(IntPtr L, int level, IntPtr ar);
    [DllImport(Lib)] public static extern int lua_getinfo(IntPtr L, byte* what, IntPtr ar);
    [DllImport(Lib)] public static extern void lua_gettable(IntPtr L, int idx);
    [DllImport(Lib)] public static extern void lua_getfield(IntPtr L, int idx, byte* k);
    [DllImport(Lib)] public static extern void lua_rawget(IntPtr L, int idx);
    [DllImport(Lib)] public static extern void lua_rawgeti(IntPtr L, int idx, int n);
    [DllImport(Lib)] public static extern void lua_createtable(IntPtr L, int narr, int nrec);
    [DllImport(Lib)] public static extern void lua_setfield(IntPtr L, int idx, byte* k);
    [DllImport(Lib)] public static extern void lua_rawset(IntPtr L, int idx);
    [DllImport(Lib)] public static extern void lua_rawseti(IntPtr L, int idx, int n);
    [DllImport(Lib)] public static extern int lua_pcall(IntPtr L, int nargs, int nresults, int errfunc);
    [DllImport(Lib)] public static extern int lua_next(IntPtr L, int idx);
    [DllImport(Lib)] public static extern int lua_sethook(IntPtr L, IntPtr fn, int mask, int count);
    [DllImport(Lib)] public static extern int lua_gc(IntPtr L, int what, int data);
    [DllImport(Lib)] public static extern int luaL_loadbuffer(IntPtr L, byte* buf, nuint sz, byte* name);
    [DllImport(Lib)] public static extern int luaL_ref(IntPtr L, int t);
    [DllImport(Lib)] public static extern void luaL_where(IntPtr L, int lvl);
    [DllImport(Lib)] public static extern void luaL_unref(IntPtr L, int t, int r);

    public static void Pop(IntPtr L, int n) => lua_settop(L, -n - 1);
    public static void NewTable(IntPtr L) => lua_createtable(L, 0, 0);

    public static void PushBytes(IntPtr L, ReadOnlySpan<byte> s)
    {
        fixed (byte* p = s) lua_pushlstring(L, p == null ? (byte*)&p : p, (nuint)s.Length);
    }

    public static void PushString(IntPtr L, string s) => PushBytes(L, Encoding.UTF8.GetBytes(s));

    /// <summary>The string at idx (numbers are converted in place, as lua_tolstring does); null for other types.</summary>
    public static byte[]? ToBytes(IntPtr L, int idx)
    {
        var p = lua_tolstring(L, idx, out nuint len);
        return p == null ? null : new ReadOnlySpan<byte>(p, (int)len).ToArray();
    }

    public static string? ToStr(IntPtr L, int idx)
    {
        var p = lua_tolstring(L, idx, out nuint len);
        return p == null ? null : Encoding.UTF8.GetString(p, (int)len);
    }

    public static void GetField(IntPtr L, int idx, string k)
    {
        Span<byte> b = stackalloc byte[k.Length + 1];
        Encoding.ASCII.GetBytes(k, b);
        b[k.Length] = 0;
        fixed (byte* p = b) lua_getfield(L, idx, p);
    }

    public static void SetField(IntPtr L, int idx, string k)
    {
        Span<byte> b = stackalloc byte[k.Length + 1];
        Encoding.ASCII.GetBytes(k, b);
        b[k.Length] = 0;
        fixed (byte* p = b) lua_setfield(L, idx, p);
    }

    /// <summary>t[k] = v without metamethods, for the table at idx (negative idx counts before the pushes).</summary>
    public static void RawSetField(IntPtr L, int idx, string k, Action pushValue)
    {
        if (idx < 0 && idx > RegistryIndex) idx = lua_gettop(L) + idx + 1;
        PushString(L, k);
        pushValue();
        lua_rawset(L, idx);
    }

    public static int Load(IntPtr L, ReadOnlySpan<byte> code, string chunkName)
    {
        var name = Encoding.ASCII.GetBytes(chunkName + "\0");
        fixed (byte* c = code)
        fixed (byte* n = name)
            return luaL_loadbuffer(L, c == null ? n : c, (nuint)code.Length, n);
    }
}
