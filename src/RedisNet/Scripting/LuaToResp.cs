using System.Text;
using RedisNet.Commands;
using RedisNet.Protocol;
using static RedisNet.Scripting.Lua;

namespace RedisNet.Scripting;

/// <summary>
/// Writes a script's result as a reply, with Redis's rules: numbers are truncated to integers,
/// strings are bulk strings, true is 1 and false nil (RESP2 scripts) or booleans (redis.setresp(3)),
/// arrays stop at the first nil, {err=...} / {ok=...} are error / status replies and, for RESP3,
/// {double=...}, {map=...}, {set=...}, {big_number=...}, {verbatim_string=...}.
/// </summary>
internal static class LuaToResp
{
    /// <summary>Writes the value on top of the stack and pops it.</summary>
    public static void Write(IntPtr L, CommandContext ctx, int scriptResp, string scriptName)
    {
        var w = ctx.Reply;
        lua_checkstack(L, 4);
        switch (lua_type(L, -1))
        {
            case TString:
                w.WriteBulk(ToSpan(L, -1));
                break;
            case TBoolean:
                if (scriptResp == 2)
                {
                    if (lua_toboolean(L, -1) != 0) w.WriteInteger(1);
                    else w.WriteNull();
                }
                else w.WriteBool(lua_toboolean(L, -1) != 0);
                break;
            case TNumber:
                w.WriteInteger(ToLongLikeC(lua_tonumber(L, -1)));
                break;
            case TTable:
                WriteTable(L, ctx, scriptResp, scriptName);
                break;
            default:
                w.WriteNull();
                break;
        }
        Pop(L, 1);
    }

    /// <summary>C's (long long) cast on x86-64: out of range and NaN give the "integer indefinite" value (.NET saturates instead).</summary>
    public static long ToLongLikeC(double d) => double.IsNaN(d) || d >= 9.2233720368547758E18 || d < -9.2233720368547758E18 ? long.MinValue : (long)d;

    private static unsafe ReadOnlySpan<byte> ToSpan(IntPtr L, int idx)
    {
        var p = lua_tolstring(L, idx, out nuint len);
        return p == null ? default : new ReadOnlySpan<byte>(p, (int)len);
    }

    private static bool Field(IntPtr L, string name, int type)
    {
        PushString(L, name);
        lua_rawget(L, -2);
        if (lua_type(L, -1) == type) return true;
        Pop(L, 1);
        return false;
    }

    private static void WriteTable(IntPtr L, CommandContext ctx, int resp, string name)
    {
        var w = ctx.Reply;
        if (Field(L, "err", TString))
        {
            Pop(L, 1);
            WriteError(L, ctx, name);
            return;
        }
        if (Field(L, "ok", TString))
        {
            var ok = ToSpan(L, -1).ToArray();
            for (int i = 0; i < ok.Length; i++) if (ok[i] == '\r' || ok[i] == '\n') ok[i] = (byte)' ';
            w.WriteSimple(ok);
            Pop(L, 1);
            return;
        }
        if (Field(L, "double", TNumber))
        {
            w.WriteDouble(lua_tonumber(L, -1));
            Pop(L, 1);
            return;
        }
        if (Field(L, "big_number", TString))
        {
            var s = ToSpan(L, -1);
            if (w.Resp3) { w.WriteRaw("("u8); w.WriteRaw(s); w.WriteRaw("\r\n"u8); }
            else w.WriteBulk(s);
            Pop(L, 1);
            return;
        }
        if (Field(L, "verbatim_string", TTable))
        {
            WriteVerbatim(L, w);
            Pop(L, 1);
            return;
        }
        if (Field(L, "map", TTable))
        {
            int n = 0;
            lua_pushnil(L);
            while (lua_next(L, -2) != 0) { n++; Pop(L, 1); }
            w.WriteMapHeader(n);
            lua_pushnil(L);
            while (lua_next(L, -2) != 0)
            {
                lua_pushvalue(L, -2);
                Write(L, ctx, resp, name); // key
                Write(L, ctx, resp, name); // value
            }
            Pop(L, 1);
            return;
        }
        if (Field(L, "set", TTable))
        {
            int n = 0;
            lua_pushnil(L);
            while (lua_next(L, -2) != 0) { n++; Pop(L, 1); }
            w.WriteSetHeader(n);
            lua_pushnil(L);
            while (lua_next(L, -2) != 0)
            {
                Pop(L, 1);
                lua_pushvalue(L, -1);
                Write(L, ctx, resp, name);
            }
            Pop(L, 1);
            return;
        }
        int count = 0;
        while (true)
        {
            lua_rawgeti(L, -1, count + 1);
            bool nil = lua_type(L, -1) == TNil;
            Pop(L, 1);
            if (nil) break;
            count++;
        }
        w.WriteArrayHeader(count);
        for (int i = 1; i <= count; i++)
        {
            lua_rawgeti(L, -1, i);
            Write(L, ctx, resp, name);
        }
    }

    private static void WriteVerbatim(IntPtr L, RespWriter w)
    {
        Lua.GetField(L, -1, "format");
        var fmt = ToSpan(L, -1).ToArray();
        Pop(L, 1);
        Lua.GetField(L, -1, "string");
        var s = ToSpan(L, -1).ToArray();
        Pop(L, 1);
        if (!w.Resp3) { w.WriteBulk(s); return; }
        w.WriteRaw("="u8);
        w.WriteRaw(Encoding.ASCII.GetBytes((s.Length + 4).ToString()));
        w.WriteRaw("\r\n"u8);
        w.WriteRaw(fmt);
        w.WriteRaw(":"u8);
        w.WriteRaw(s);
        w.WriteRaw("\r\n"u8);
    }

    /// <summary>
    /// An error table as the reply: its message, plus " script: name, on source:line." when the
    /// error handler recorded where it was raised. Errors already counted (a failed redis.call)
    /// are not counted again.
    /// </summary>
    public static void WriteError(IntPtr L, CommandContext ctx, string scriptName)
    {
        string msg = ReadField(L, "err") ?? "";
        string? source = ReadField(L, "source");
        string? line = ReadField(L, "line");
        PushString(L, "ignore_error_stats_update");
        lua_rawget(L, -2);
        bool ignore = lua_toboolean(L, -1) != 0;
        Pop(L, 1);
        if (source != null && line != null) msg += $" script: {scriptName}, on {source}:{line}.";
        ReplyError(ctx, msg, ignore);
    }

    public static void ReplyError(CommandContext ctx, string msg, bool alreadyCounted)
    {
        if (alreadyCounted)
        {
            ctx.Failed = true;
            ctx.Reply.WriteError(msg);
        }
        else ctx.Error(msg);
    }

    private static string? ReadField(IntPtr L, string name)
    {
        PushString(L, name);
        lua_rawget(L, -2);
        int t = lua_type(L, -1);
        string? s = t == TString || t == TNumber ? Encoding.Latin1.GetString(ToSpan(L, -1)) : null;
        Pop(L, 1);
        return s;
    }
}
