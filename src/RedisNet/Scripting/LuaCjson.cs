using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using static RedisNet.Scripting.Lua;

namespace RedisNet.Scripting;

/// <summary>
/// cjson as Redis bundles it (lua-cjson 2.1): encode with numbers as %.14g, '/' escaped, tables
/// as arrays when all keys are positive integers (not excessively sparse), objects in Lua's own
/// iteration order (we walk the table with lua_next, so the order is the same); decode to tables,
/// with cjson.null (a NULL light userdata) for null.
/// </summary>
internal static unsafe class LuaCjson
{
    private const int MaxDepth = 1000;

    public static void Register(IntPtr L)
    {
        LuaNatives.Reg(L, "encode", &Encode);
        LuaNatives.Reg(L, "decode", &Decode);
        RawSetField(L, -1, "null", () => lua_pushlightuserdata(L, IntPtr.Zero));
        RawSetField(L, -1, "_NAME", () => PushString(L, "cjson"));
        RawSetField(L, -1, "_VERSION", () => PushString(L, "2.1.0"));
    }

    public static string G14(double d)
    {
        var s = d.ToString("G14", CultureInfo.InvariantCulture);
        int e = s.IndexOf('E');
        if (e < 0) return s;
        // C's %g: lower-case e, exponent of at least two digits.
        var exp = s[(e + 2)..].PadLeft(2, '0');
        return s[..e] + "e" + s[e + 1] + exp;
    }

    [UnmanagedCallersOnly]
    private static int Encode(IntPtr L) => LuaNatives.Guard(L, () => EncodeBody(L));

    private static int EncodeBody(IntPtr L)
    {
        if (lua_gettop(L) != 1) return LuaNatives.Fail(L, "bad argument #1 to 'encode' (expected 1 argument)");
        var sb = new List<byte>(64);
        var error = EncodeValue(L, 1, sb, 0);
        if (error != null) return LuaNatives.Fail(L, error);
        PushBytes(L, CollectionsMarshal.AsSpan(sb));
        return 1;
    }

    private static string? EncodeValue(IntPtr L, int idx, List<byte> o, int depth)
    {
        switch (lua_type(L, idx))
        {
            case TString:
                EncodeString(L, idx, o);
                return null;
            case TNumber:
            {
                double d = lua_tonumber(L, idx);
                if (double.IsNaN(d) || double.IsInfinity(d)) return "Cannot serialise number: must not be NaN or Inf";
                o.AddRange(Encoding.ASCII.GetBytes(G14(d)));
                return null;
            }
            case TBoolean:
                o.AddRange(lua_toboolean(L, idx) != 0 ? "true"u8 : "false"u8);
                return null;
            case TNil:
                o.AddRange("null"u8);
                return null;
            case TLightUserdata:
                o.AddRange("null"u8);
                return null;
            case TTable:
                if (++depth > MaxDepth) return $"Cannot serialise, excessive nesting ({depth})";
                lua_checkstack(L, 6);
                return EncodeTable(L, idx, o, depth);
            default:
                string t = lua_type(L, idx) switch { TFunction => "function", 7 => "userdata", 8 => "thread", _ => "unknown" };
                return $"Cannot serialise {t}: type not supported";
        }
    }

    private static void EncodeString(IntPtr L, int idx, List<byte> o)
    {
        var p = lua_tolstring(L, idx, out nuint len);
        var s = new ReadOnlySpan<byte>(p, (int)len);
        o.Add((byte)'"');
        foreach (var b in s)
        {
            switch (b)
            {
                case (byte)'"': o.AddRange("\\\""u8); break;
                case (byte)'\\': o.AddRange("\\\\"u8); break;
                case (byte)'/': o.AddRange("\\/"u8); break;
                case (byte)'\b': o.AddRange("\\b"u8); break;
                case (byte)'\f': o.AddRange("\\f"u8); break;
                case (byte)'\n': o.AddRange("\\n"u8); break;
                case (byte)'\r': o.AddRange("\\r"u8); break;
                case (byte)'\t': o.AddRange("\\t"u8); break;
                default:
                    if (b < 0x20 || b == 0x7f) o.AddRange(Encoding.ASCII.GetBytes($"\\u{b:x4}"));
                    else o.Add(b);
                    break;
            }
        }
        o.Add((byte)'"');
    }

    private static string? EncodeTable(IntPtr L, int idx, List<byte> o, int depth)
    {
        int abs = idx < 0 ? lua_gettop(L) + idx + 1 : idx;
        // Array when every key is a positive integer; -1 otherwise.
        int max = 0, count = 0;
        bool isArray = true;
        lua_pushnil(L);
        while (lua_next(L, abs) != 0)
        {
            Pop(L, 1);
            if (lua_type(L, -1) == TNumber)
            {
                double k = lua_tonumber(L, -1);
                if (k == Math.Floor(k) && k >= 1 && k <= int.MaxValue) { max = Math.Max(max, (int)k); count++; continue; }
            }
            isArray = false;
        }
        if (isArray && max > 0)
        {
            if (max > 10 && max > count * 2) return "Cannot serialise table: excessively sparse array";
            o.Add((byte)'[');
            for (int i = 1; i <= max; i++)
            {
                if (i > 1) o.Add((byte)',');
                lua_rawgeti(L, abs, i);
                var err = EncodeValue(L, -1, o, depth);
                Pop(L, 1);
                if (err != null) return err;
            }
            o.Add((byte)']');
            return null;
        }
        o.Add((byte)'{');
        bool first = true;
        lua_pushnil(L);
        while (lua_next(L, abs) != 0)
        {
            if (!first) o.Add((byte)',');
            first = false;
            int kt = lua_type(L, -2);
            if (kt == TString) EncodeString(L, -2, o);
            else if (kt == TNumber)
            {
                o.Add((byte)'"');
                o.AddRange(Encoding.ASCII.GetBytes(G14(lua_tonumber(L, -2))));
                o.Add((byte)'"');
            }
            else { Pop(L, 2); return "Cannot serialise table: table key must be a number or string"; }
            o.Add((byte)':');
            var err = EncodeValue(L, -1, o, depth);
            Pop(L, 1);
            if (err != null) { Pop(L, 1); return err; }
        }
        o.Add((byte)'}');
        return null;
    }

    [UnmanagedCallersOnly]
    private static int Decode(IntPtr L) => LuaNatives.Guard(L, () => DecodeBody(L));

    private static int DecodeBody(IntPtr L)
    {
        if (lua_gettop(L) != 1) return LuaNatives.Fail(L, "bad argument #1 to 'decode' (expected 1 argument)");
        var p = lua_tolstring(L, 1, out nuint len);
        if (p == null) return LuaNatives.Fail(L, "bad argument #1 to 'decode' (string expected, got " + (lua_type(L, 1) == TNil ? "nil" : "table") + ")");
        var json = new ReadOnlySpan<byte>(p, (int)len).ToArray();
        var d = new JsonDecoder(L, json);
        int top = lua_gettop(L);
        var error = d.Value(0);
        if (error is null)
        {
            d.SkipWs();
            if (d.Pos < json.Length) error = d.Unexpected("the end");
        }
        if (error != null)
        {
            lua_settop(L, top);
            return LuaNatives.Fail(L, error);
        }
        return 1;
    }
}
