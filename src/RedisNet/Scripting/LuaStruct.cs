using System.Runtime.InteropServices;
using static RedisNet.Scripting.Lua;

namespace RedisNet.Scripting;

/// <summary>
/// The struct library Redis bundles (Roberto Ierusalimschy's lua_struct): pack, unpack and size with
/// the format options &lt; &gt; = ! x b B h H l L T i[n] I[n] c[n] s f d, native sizes of x86-64, and
/// alignment only after '!'.
/// </summary>
internal static unsafe class LuaStruct
{
    private const int MaxIntSize = 32, MaxAlign = 8;

    public static void Register(IntPtr L)
    {
        LuaNatives.Reg(L, "pack", &Pack);
        LuaNatives.Reg(L, "unpack", &Unpack);
        LuaNatives.Reg(L, "size", &Size);
    }

    private struct Header { public bool Little; public int Align; }

    /// <summary>
    /// Reads the next option and its size; control options (endianness, alignment) return size -1.
    /// Errors starting with '!' are plain luaL_error messages, the others argument errors.
    /// </summary>
    private static string? NextOption(string fmt, ref int i, ref Header h, out char opt, out int size)
    {
        opt = fmt[i++];
        size = 0;
        switch (opt)
        {
            case 'b': case 'B': size = 1; return null;
            case 'h': case 'H': size = 2; return null;
            case 'l': case 'L': case 'T': size = 8; return null;
            case 'f': size = 4; return null;
            case 'd': size = 8; return null;
            case 'x': size = 1; return null;
            case 'c': size = Number(fmt, ref i, 1); return null;
            case 's': size = 0; return null;
            case 'i': case 'I':
                size = Number(fmt, ref i, 4);
                return size > MaxIntSize ? $"!integral size {size} is larger than limit of {MaxIntSize}" : null;
            case ' ': size = -1; return null;
            case '<': h.Little = true; size = -1; return null;
            case '>': h.Little = false; size = -1; return null;
            case '=': h.Little = true; size = -1; return null;
            case '!':
            {
                int a = Number(fmt, ref i, MaxAlign);
                if ((a & (a - 1)) != 0) return $"!alignment {a} is not a power of 2";
                h.Align = a;
                size = -1;
                return null;
            }
            default: return $"invalid format option '{opt}'";
        }
    }

    private static int FormatError(IntPtr L, string fn, string err) =>
        err[0] == '!' ? LuaNatives.Fail(L, err[1..]) : LuaArgs.ArgError(L, 1, fn, err);

    private static int Number(string fmt, ref int i, int dflt)
    {
        if (i >= fmt.Length || !char.IsAsciiDigit(fmt[i])) return dflt;
        long a = 0;
        while (i < fmt.Length && char.IsAsciiDigit(fmt[i])) a = Math.Min(a * 10 + (fmt[i++] - '0'), int.MaxValue);
        return (int)a;
    }

    private static int Padding(long len, Header h, char opt, int size)
    {
        if (size == 0 || opt == 'c') return 0;
        if (size > h.Align) size = h.Align;
        return (int)((size - (len & (size - 1))) & (size - 1));
    }

    [UnmanagedCallersOnly]
    private static int Pack(IntPtr L) => LuaNatives.Guard(L, () => PackBody(L));

    private static int PackBody(IntPtr L)
    {
        if (!LuaArgs.IsString(L, 1)) return LuaArgs.TypeError(L, 1, "pack", "string");
        var fmt = ToStr(L, 1)!;
        var h = new Header { Little = true, Align = 1 };
        var o = new List<byte>();
        int arg = 2;
        for (int i = 0; i < fmt.Length;)
        {
            var err = NextOption(fmt, ref i, ref h, out char opt, out int size);
            if (err != null) return FormatError(L, "pack", err);
            if (size < 0) continue;
            int pad = Padding(o.Count, h, opt, size);
            for (int k = 0; k < pad; k++) o.Add(0);
            switch (opt)
            {
                case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I':
                {
                    if (!LuaArgs.IsNumber(L, arg)) return LuaArgs.TypeError(L, arg, "pack", "number");
                    double n = lua_tonumber(L, arg++);
                    ulong v = n < 0 ? (ulong)(long)n : (ulong)n;
                    PutInteger(o, v, h.Little, size);
                    break;
                }
                case 'x': o.Add(0); break;
                case 'f':
                {
                    if (!LuaArgs.IsNumber(L, arg)) return LuaArgs.TypeError(L, arg, "pack", "number");
                    PutBytes(o, BitConverter.GetBytes((float)lua_tonumber(L, arg++)), h.Little);
                    break;
                }
                case 'd':
                {
                    if (!LuaArgs.IsNumber(L, arg)) return LuaArgs.TypeError(L, arg, "pack", "number");
                    PutBytes(o, BitConverter.GetBytes(lua_tonumber(L, arg++)), h.Little);
                    break;
                }
                case 'c': case 's':
                {
                    if (!LuaArgs.IsString(L, arg)) return LuaArgs.TypeError(L, arg, "pack", "string");
                    var s = ToBytes(L, arg++)!;
                    if (size == 0) size = s.Length;
                    if (s.Length < size) return LuaArgs.ArgError(L, arg - 1, "pack", "string too short");
                    o.AddRange(s.AsSpan(0, size));
                    if (opt == 's') o.Add(0);
                    break;
                }
            }
        }
        PushBytes(L, CollectionsMarshal.AsSpan(o));
        return 1;
    }

    private static void PutInteger(List<byte> o, ulong v, bool little, int size)
    {
        var b = new byte[size];
        for (int k = 0; k < size; k++)
        {
            b[little ? k : size - 1 - k] = k < 8 ? (byte)(v >> (8 * k)) : ((long)v < 0 ? (byte)0xff : (byte)0);
        }
        o.AddRange(b);
    }

    private static void PutBytes(List<byte> o, byte[] littleEndian, bool little)
    {
        if (!little) Array.Reverse(littleEndian);
        o.AddRange(littleEndian);
    }

    [UnmanagedCallersOnly]
    private static int Unpack(IntPtr L) => LuaNatives.Guard(L, () => UnpackBody(L));

    private static int UnpackBody(IntPtr L)
    {
        if (!LuaArgs.IsString(L, 1)) return LuaArgs.TypeError(L, 1, "unpack", "string");
        if (!LuaArgs.IsString(L, 2)) return LuaArgs.TypeError(L, 2, "unpack", "string");
        var fmt = ToStr(L, 1)!;
        var data = ToBytes(L, 2)!;
        long pos = 0;
        if (lua_type(L, 3) > TNil)
        {
            if (!LuaArgs.IsNumber(L, 3)) return LuaArgs.TypeError(L, 3, "unpack", "number");
            pos = (long)lua_tonumber(L, 3) - 1;
        }
        if (pos < 0 || pos > data.Length) return LuaArgs.ArgError(L, 3, "unpack", "offset must be 1 <= offset <= length");
        var h = new Header { Little = true, Align = 1 };
        int n = 0;
        int top = lua_gettop(L);
        for (int i = 0; i < fmt.Length;)
        {
            var err = NextOption(fmt, ref i, ref h, out char opt, out int size);
            if (err != null) { lua_settop(L, top); return FormatError(L, "unpack", err); }
            if (size < 0) continue;
            pos += Padding(pos, h, opt, size);
            if (pos + size > data.Length) { lua_settop(L, top); return LuaArgs.ArgError(L, 2, "unpack", "data string too short"); }
            lua_checkstack(L, 2);
            switch (opt)
            {
                case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I':
                    lua_pushnumber(L, GetInteger(data.AsSpan((int)pos, size), h.Little, char.IsLower(opt)));
                    n++;
                    break;
                case 'x': break;
                case 'f':
                {
                    var b = data.AsSpan((int)pos, 4).ToArray();
                    if (!h.Little) Array.Reverse(b);
                    lua_pushnumber(L, BitConverter.ToSingle(b));
                    n++;
                    break;
                }
                case 'd':
                {
                    var b = data.AsSpan((int)pos, 8).ToArray();
                    if (!h.Little) Array.Reverse(b);
                    lua_pushnumber(L, BitConverter.ToDouble(b));
                    n++;
                    break;
                }
                case 'c':
                    if (size == 0)
                    {
                        if (n == 0 || lua_type(L, -1) != TNumber) { lua_settop(L, top); return LuaNatives.Fail(L, "format 'c0' needs a previous size"); }
                        size = (int)lua_tonumber(L, -1);
                        Pop(L, 1);
                        n--;
                        if (size > data.Length - pos) { lua_settop(L, top); return LuaArgs.ArgError(L, 2, "unpack", "data string too short"); }
                    }
                    PushBytes(L, data.AsSpan((int)pos, size));
                    n++;
                    break;
                case 's':
                {
                    int e = Array.IndexOf(data, (byte)0, (int)pos);
                    if (e < 0) { lua_settop(L, top); return LuaNatives.Fail(L, "unfinished string in data"); }
                    size = e - (int)pos + 1;
                    PushBytes(L, data.AsSpan((int)pos, size - 1));
                    n++;
                    break;
                }
            }
            pos += size;
        }
        lua_pushnumber(L, pos + 1);
        return n + 1;
    }

    private static double GetInteger(ReadOnlySpan<byte> b, bool little, bool signed)
    {
        ulong v = 0;
        int size = b.Length;
        for (int k = 0; k < size; k++)
        {
            byte x = b[little ? size - 1 - k : k];
            v = (v << 8) | x;
        }
        if (signed && size < 8)
        {
            ulong mask = 1UL << (size * 8 - 1);
            v = (v ^ mask) - mask;
            return (long)v;
        }
        return signed ? (long)v : v;
    }

    [UnmanagedCallersOnly]
    private static int Size(IntPtr L) => LuaNatives.Guard(L, () => SizeBody(L));

    private static int SizeBody(IntPtr L)
    {
        if (!LuaArgs.IsString(L, 1)) return LuaArgs.TypeError(L, 1, "size", "string");
        var fmt = ToStr(L, 1)!;
        var h = new Header { Little = true, Align = 1 };
        long pos = 0;
        for (int i = 0; i < fmt.Length;)
        {
            var err = NextOption(fmt, ref i, ref h, out char opt, out int size);
            if (err != null) return FormatError(L, "size", err);
            if (size < 0) continue;
            if (opt == 's' || (opt == 'c' && size == 0)) return LuaArgs.ArgError(L, 1, "size", $"option '{opt}' has no fixed size");
            pos += Padding(pos, h, opt, size) + size;
        }
        lua_pushnumber(L, pos);
        return 1;
    }
}
