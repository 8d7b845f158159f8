using System.Globalization;
using static RedisNet.Scripting.Lua;

namespace RedisNet.Scripting;

/// <summary>luaL_check*-style argument reading for natives: errors become luaL_argerror's text, raised by LuaNatives.Fail.</summary>
internal static class LuaArgs
{
    public static string TypeName(IntPtr L, int i) => lua_type(L, i) switch
    {
        TNone => "no value", TNil => "nil", TBoolean => "boolean", TNumber => "number", TString => "string",
        TTable => "table", TFunction => "function", TLightUserdata => "userdata", 7 => "userdata", _ => "thread",
    };

    public static int ArgError(IntPtr L, int n, string fn, string message) => LuaNatives.Fail(L, $"bad argument #{n} to '{fn}' ({message})");

    public static int TypeError(IntPtr L, int n, string fn, string expected) => ArgError(L, n, fn, $"{expected} expected, got {TypeName(L, n)}");

    /// <summary>A number, or a string that converts to one (as lua_isnumber); false leaves the error to TypeError.</summary>
    public static bool IsNumber(IntPtr L, int i)
    {
        int t = lua_type(L, i);
        if (t == TNumber) return true;
        if (t != TString) return false;
        var s = ToStr(L, i)!.Trim();
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            || (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(s[2..], NumberStyles.HexNumber, null, out _));
    }

    public static bool IsString(IntPtr L, int i) => lua_type(L, i) is TString or TNumber;
}
