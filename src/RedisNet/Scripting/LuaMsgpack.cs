using System.Buffers.Binary;
using System.Runtime.InteropServices;
using static RedisNet.Scripting.Lua;

namespace RedisNet.Scripting;

/// <summary>
/// cmsgpack as Redis bundles it (lua_cmsgpack 0.4): pack(...) concatenates the encoding of each
/// argument (integral numbers as the smallest integer type, others as float when exact, else double;
/// tables as arrays when their keys are exactly 1..n, else maps; nesting past 16 levels as nil);
/// unpack, unpack_one and unpack_limit decode a stream of values.
/// </summary>
internal static unsafe class LuaMsgpack
{
    private const int MaxNesting = 16;

    public static void Register(IntPtr L)
    {
        LuaNatives.Reg(L, "pack", &Pack);
        LuaNatives.Reg(L, "unpack", &Unpack);
        LuaNatives.Reg(L, "unpack_one", &UnpackOne);
        LuaNatives.Reg(L, "unpack_limit", &UnpackLimit);
        RawSetField(L, -1, "_NAME", () => PushString(L, "cmsgpack"));
        RawSetField(L, -1, "_VERSION", () => PushString(L, "lua-cmsgpack 0.4.0"));
    }

    [UnmanagedCallersOnly]
    private static int Pack(IntPtr L) => LuaNatives.Guard(L, () => PackBody(L));

    private static int PackBody(IntPtr L)
    {
        int n = lua_gettop(L);
        if (n == 0) return LuaArgs.ArgError(L, 0, "pack", "MessagePack pack needs input.");
        var o = new List<byte>();
        for (int i = 1; i <= n; i++) Encode(L, i, o, 0);
        PushBytes(L, CollectionsMarshal.AsSpan(o));
        return 1;
    }

    private static void Encode(IntPtr L, int idx, List<byte> o, int level)
    {
        if (idx < 0) idx = lua_gettop(L) + idx + 1;
        switch (lua_type(L, idx))
        {
            case TString:
            {
                var s = ToBytes(L, idx)!;
                int len = s.Length;
                if (len < 32) o.Add((byte)(0xa0 | len));
                else if (len <= 0xff) { o.Add(0xd9); o.Add((byte)len); }
                else if (len <= 0xffff) { o.Add(0xda); Big(o, (ulong)len, 2); }
                else { o.Add(0xdb); Big(o, (ulong)len, 4); }
                o.AddRange(s);
                break;
            }
            case TBoolean: o.Add(lua_toboolean(L, idx) != 0 ? (byte)0xc3 : (byte)0xc2); break;
            case TNumber:
            {
                double d = lua_tonumber(L, idx);
                if (!double.IsInfinity(d) && !double.IsNaN(d) && d >= -9.2233720368547758E18 && d < 9.2233720368547758E18 && (long)d == d) EncodeInt(o, (long)d);
                else if ((double)(float)d == d) { o.Add(0xca); Big(o, BitConverter.SingleToUInt32Bits((float)d), 4); }
                else { o.Add(0xcb); Big(o, BitConverter.DoubleToUInt64Bits(d), 8); }
                break;
            }
            case TTable:
                if (level >= MaxNesting) { o.Add(0xc0); break; }
                lua_checkstack(L, 4);
                EncodeTable(L, idx, o, level + 1);
                break;
            default: o.Add(0xc0); break;
        }
    }

    private static void EncodeInt(List<byte> o, long n)
    {
        if (n >= 0)
        {
            if (n <= 127) o.Add((byte)n);
            else if (n <= 0xff) { o.Add(0xcc); o.Add((byte)n); }
            else if (n <= 0xffff) { o.Add(0xcd); Big(o, (ulong)n, 2); }
            else if (n <= 0xffffffffL) { o.Add(0xce); Big(o, (ulong)n, 4); }
            else { o.Add(0xcf); Big(o, (ulong)n, 8); }
        }
        else
        {
            if (n >= -32) o.Add((byte)(sbyte)n);
            else if (n >= -128) { o.Add(0xd0); o.Add((byte)(sbyte)n); }
            else if (n >= -32768) { o.Add(0xd1); Big(o, (ulong)n, 2); }
            else if (n >= int.MinValue) { o.Add(0xd2); Big(o, (ulong)n, 4); }
            else { o.Add(0xd3); Big(o, (ulong)n, 8); }
        }
    }

    private static void Big(List<byte> o, ulong v, int size)
    {
        for (int k = size - 1; k >= 0; k--) o.Add((byte)(v >> (8 * k)));
    }

    private static void EncodeTable(IntPtr L, int idx, List<byte> o, int level)
    {
        long max = 0, count = 0;
        bool array = true;
        lua_pushnil(L);
        while (lua_next(L, idx) != 0)
        {
            Pop(L, 1);
            count++;
            if (lua_type(L, -1) != TNumber) { array = false; continue; }
            double k = lua_tonumber(L, -1);
            if (k < 1 || k != Math.Floor(k)) { array = false; continue; }
            max = Math.Max(max, (long)k);
        }
        if (array && max == count)
        {
            int len = (int)lua_objlen(L, idx);
            if (len <= 15) o.Add((byte)(0x90 | len));
            else if (len <= 0xffff) { o.Add(0xdc); Big(o, (ulong)len, 2); }
            else { o.Add(0xdd); Big(o, (ulong)len, 4); }
            for (int i = 1; i <= len; i++)
            {
                lua_rawgeti(L, idx, i);
                Encode(L, -1, o, level);
                Pop(L, 1);
            }
            return;
        }
        if (count <= 15) o.Add((byte)(0x80 | count));
        else if (count <= 0xffff) { o.Add(0xde); Big(o, (ulong)count, 2); }
        else { o.Add(0xdf); Big(o, (ulong)count, 4); }
        lua_pushnil(L);
        while (lua_next(L, idx) != 0)
        {
            Encode(L, -2, o, level);
            Encode(L, -1, o, level);
            Pop(L, 1);
        }
    }

    [UnmanagedCallersOnly] private static int Unpack(IntPtr L) => LuaNatives.Guard(L, () => UnpackFull(L, -1, 0));

    [UnmanagedCallersOnly]
    private static int UnpackOne(IntPtr L) => LuaNatives.Guard(L, () => UnpackOneBody(L));

    private static int UnpackOneBody(IntPtr L)
    {
        int offset = lua_type(L, 2) > TNil ? (int)lua_tonumber(L, 2) : 0;
        return UnpackFull(L, 1, offset);
    }

    [UnmanagedCallersOnly]
    private static int UnpackLimit(IntPtr L) => LuaNatives.Guard(L, () => UnpackLimitBody(L));

    private static int UnpackLimitBody(IntPtr L)
    {
        if (!LuaArgs.IsNumber(L, 2)) return LuaArgs.TypeError(L, 2, "unpack_limit", "number");
        int limit = (int)lua_tonumber(L, 2);
        int offset = lua_type(L, 3) > TNil ? (int)lua_tonumber(L, 3) : 0;
        return UnpackFull(L, limit, offset);
    }

    /// <summary>Decodes up to limit values (all when -1) from offset; with a limit, the next offset (-1 at the end) comes first.</summary>
    private static int UnpackFull(IntPtr L, int limit, int offset)
    {
        if (!LuaArgs.IsString(L, 1)) return LuaArgs.TypeError(L, 1, limit < 0 ? "unpack" : "unpack_limit", "string");
        var s = ToBytes(L, 1)!;
        bool all = limit == -1;
        if (offset < 0 || limit < -1) return LuaNatives.Fail(L, $"Invalid request to unpack with offset of {offset} and limit of {s.Length}.");
        if (offset > s.Length) return LuaNatives.Fail(L, $"Start offset {offset} greater than input length {s.Length}.");
        if (all) limit = int.MaxValue;
        lua_settop(L, 1);
        int pos = offset, cnt = 0;
        for (; pos < s.Length && cnt < limit; cnt++)
        {
            var err = Decode(L, s, ref pos);
            if (err != null) { lua_settop(L, 1); return LuaNatives.Fail(L, err); }
        }
        if (!all)
        {
            lua_checkstack(L, 1);
            lua_pushnumber(L, pos >= s.Length ? -1 : pos);
            lua_insert(L, 2);
            cnt++;
        }
        return cnt;
    }

    private const string Eof = "Missing bytes in input.", BadFormat = "Bad data format in input.";

    private static string? Decode(IntPtr L, byte[] s, ref int p)
    {
        lua_checkstack(L, 4);
        if (p >= s.Length) return Eof;
        byte b = s[p++];
        if (b <= 0x7f) { lua_pushnumber(L, b); return null; }
        if (b >= 0xe0) { lua_pushnumber(L, (sbyte)b); return null; }
        if ((b & 0xe0) == 0xa0) return Str(L, s, ref p, b & 0x1f);
        if ((b & 0xf0) == 0x90) return Array(L, s, ref p, b & 0x0f);
        if ((b & 0xf0) == 0x80) return Map(L, s, ref p, b & 0x0f);
        switch (b)
        {
            case 0xc0: lua_pushnil(L); return null;
            case 0xc2: lua_pushboolean(L, 0); return null;
            case 0xc3: lua_pushboolean(L, 1); return null;
            case 0xca: { if (!Read(s, ref p, 4, out var v)) return Eof; lua_pushnumber(L, BitConverter.UInt32BitsToSingle((uint)v)); return null; }
            case 0xcb: { if (!Read(s, ref p, 8, out var v)) return Eof; lua_pushnumber(L, BitConverter.UInt64BitsToDouble(v)); return null; }
            case 0xcc: case 0xcd: case 0xce: case 0xcf:
            {
                if (!Read(s, ref p, 1 << (b - 0xcc), out var v)) return Eof;
                lua_pushnumber(L, v);
                return null;
            }
            case 0xd0: { if (!Read(s, ref p, 1, out var v)) return Eof; lua_pushnumber(L, (sbyte)v); return null; }
            case 0xd1: { if (!Read(s, ref p, 2, out var v)) return Eof; lua_pushnumber(L, (short)v); return null; }
            case 0xd2: { if (!Read(s, ref p, 4, out var v)) return Eof; lua_pushnumber(L, (int)v); return null; }
            case 0xd3: { if (!Read(s, ref p, 8, out var v)) return Eof; lua_pushnumber(L, (long)v); return null; }
            case 0xc4: case 0xd9: { if (!Read(s, ref p, 1, out var n)) return Eof; return Str(L, s, ref p, (long)n); }
            case 0xc5: case 0xda: { if (!Read(s, ref p, 2, out var n)) return Eof; return Str(L, s, ref p, (long)n); }
            case 0xc6: case 0xdb: { if (!Read(s, ref p, 4, out var n)) return Eof; return Str(L, s, ref p, (long)n); }
            case 0xdc: { if (!Read(s, ref p, 2, out var n)) return Eof; return Array(L, s, ref p, (long)n); }
            case 0xdd: { if (!Read(s, ref p, 4, out var n)) return Eof; return Array(L, s, ref p, (long)n); }
            case 0xde: { if (!Read(s, ref p, 2, out var n)) return Eof; return Map(L, s, ref p, (long)n); }
            case 0xdf: { if (!Read(s, ref p, 4, out var n)) return Eof; return Map(L, s, ref p, (long)n); }
            default: return BadFormat;
        }
    }

    private static bool Read(byte[] s, ref int p, int size, out ulong v)
    {
        v = 0;
        if (p + size > s.Length) return false;
        for (int k = 0; k < size; k++) v = (v << 8) | s[p + k];
        p += size;
        return true;
    }

    private static string? Str(IntPtr L, byte[] s, ref int p, long n)
    {
        if (p + n > s.Length) return Eof;
        PushBytes(L, s.AsSpan(p, (int)n));
        p += (int)n;
        return null;
    }

    private static string? Array(IntPtr L, byte[] s, ref int p, long n)
    {
        lua_createtable(L, (int)Math.Min(n, 1024), 0);
        for (int i = 1; i <= n; i++)
        {
            var err = Decode(L, s, ref p);
            if (err != null) return err;
            lua_rawseti(L, -2, i);
        }
        return null;
    }

    private static string? Map(IntPtr L, byte[] s, ref int p, long n)
    {
        lua_createtable(L, 0, (int)Math.Min(n, 1024));
        for (int i = 0; i < n; i++)
        {
            var err = Decode(L, s, ref p) ?? Decode(L, s, ref p);
            if (err != null) return err;
            if (lua_type(L, -2) == TNil) { Pop(L, 2); continue; }
            lua_rawset(L, -3);
        }
        return null;
    }
}
