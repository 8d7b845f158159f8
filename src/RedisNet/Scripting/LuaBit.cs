using System.Runtime.InteropServices;
using static RedisNet.Scripting.Lua;

namespace RedisNet.Scripting;

/// <summary>
/// The bit library (LuaBitOp 1.0.2, which Redis bundles): 32-bit operations on Lua numbers, which
/// are normalized the way LuaBitOp does it (add 2^52+2^51 and keep the low 32 bits of the double).
/// </summary>
internal static unsafe class LuaBit
{
    public static void Register(IntPtr L)
    {
        LuaNatives.Reg(L, "tobit", &ToBit);
        LuaNatives.Reg(L, "bnot", &BNot);
        LuaNatives.Reg(L, "band", &BAnd);
        LuaNatives.Reg(L, "bor", &BOr);
        LuaNatives.Reg(L, "bxor", &BXor);
        LuaNatives.Reg(L, "lshift", &LShift);
        LuaNatives.Reg(L, "rshift", &RShift);
        LuaNatives.Reg(L, "arshift", &ARShift);
        LuaNatives.Reg(L, "rol", &Rol);
        LuaNatives.Reg(L, "ror", &Ror);
        LuaNatives.Reg(L, "bswap", &BSwap);
        LuaNatives.Reg(L, "tohex", &ToHex);
    }

    /// <summary>Argument i as LuaBitOp's 32-bit value; false when it is not a number (error pushed by caller).</summary>
    private static bool Arg(IntPtr L, int i, string fn, out uint v, out int err)
    {
        v = 0;
        err = 0;
        if (!LuaArgs.IsNumber(L, i))
        {
            err = LuaArgs.TypeError(L, i, fn, "number");
            return false;
        }
        double d = lua_tonumber(L, i) + 6755399441055744.0;
        v = (uint)BitConverter.DoubleToUInt64Bits(d);
        return true;
    }

    private static int Push(IntPtr L, uint v) { lua_pushnumber(L, (int)v); return 1; }

    private static int Unary(IntPtr L, string fn, Func<uint, uint> op) => Arg(L, 1, fn, out var a, out int e) ? Push(L, op(a)) : e;

    private static int Fold(IntPtr L, string fn, Func<uint, uint, uint> op)
    {
        if (!Arg(L, 1, fn, out var acc, out int e)) return e;
        int n = lua_gettop(L);
        for (int i = 2; i <= n; i++)
        {
            if (!Arg(L, i, fn, out var b, out e)) return e;
            acc = op(acc, b);
        }
        return Push(L, acc);
    }

    private static int Shift(IntPtr L, string fn, Func<uint, int, uint> op)
    {
        if (!Arg(L, 1, fn, out var a, out int e) || !Arg(L, 2, fn, out var n, out e)) return e;
        return Push(L, op(a, (int)(n & 31)));
    }

    [UnmanagedCallersOnly] private static int ToBit(IntPtr L) => LuaNatives.Guard(L, () => Unary(L, "tobit", a => a));
    [UnmanagedCallersOnly] private static int BNot(IntPtr L) => LuaNatives.Guard(L, () => Unary(L, "bnot", a => ~a));
    [UnmanagedCallersOnly] private static int BSwap(IntPtr L) => LuaNatives.Guard(L, () => Unary(L, "bswap", System.Buffers.Binary.BinaryPrimitives.ReverseEndianness));
    [UnmanagedCallersOnly] private static int BAnd(IntPtr L) => LuaNatives.Guard(L, () => Fold(L, "band", (a, b) => a & b));
    [UnmanagedCallersOnly] private static int BOr(IntPtr L) => LuaNatives.Guard(L, () => Fold(L, "bor", (a, b) => a | b));
    [UnmanagedCallersOnly] private static int BXor(IntPtr L) => LuaNatives.Guard(L, () => Fold(L, "bxor", (a, b) => a ^ b));
    [UnmanagedCallersOnly] private static int LShift(IntPtr L) => LuaNatives.Guard(L, () => Shift(L, "lshift", (a, n) => a << n));
    [UnmanagedCallersOnly] private static int RShift(IntPtr L) => LuaNatives.Guard(L, () => Shift(L, "rshift", (a, n) => a >> n));
    [UnmanagedCallersOnly] private static int ARShift(IntPtr L) => LuaNatives.Guard(L, () => Shift(L, "arshift", (a, n) => (uint)((int)a >> n)));
    [UnmanagedCallersOnly] private static int Rol(IntPtr L) => LuaNatives.Guard(L, () => Shift(L, "rol", (a, n) => (a << n) | (a >> (32 - n))));
    [UnmanagedCallersOnly] private static int Ror(IntPtr L) => LuaNatives.Guard(L, () => Shift(L, "ror", (a, n) => (a >> n) | (a << (32 - n))));

    [UnmanagedCallersOnly]
    private static int ToHex(IntPtr L) => LuaNatives.Guard(L, () => ToHexBody(L));

    private static int ToHexBody(IntPtr L)
    {
        if (!Arg(L, 1, "tohex", out var a, out int e)) return e;
        int n = 8;
        if (lua_type(L, 2) > TNil)
        {
            if (!Arg(L, 2, "tohex", out var nn, out e)) return e;
            n = (int)nn;
        }
        bool upper = n < 0;
        if (upper) n = -n;
        if (n > 8) n = 8;
        var hex = a.ToString(upper ? "X8" : "x8");
        PushString(L, hex[(8 - n)..]);
        return 1;
    }
}
