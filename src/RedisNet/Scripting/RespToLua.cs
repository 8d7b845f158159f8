using System.Buffers.Text;
using RedisNet.Protocol;
using static RedisNet.Scripting.Lua;

namespace RedisNet.Scripting;

/// <summary>
/// Converts a command's reply (RESP2 or RESP3 bytes) to a Lua value, with Redis's rules: integers
/// become numbers, a null bulk or array false (RESP2) or nil (RESP3 null), status {ok=...}, errors
/// {err=...}, RESP3 maps {map={...}}, sets {set={k=true}}, doubles {double=n}, booleans true/false,
/// big numbers {big_number="..."} and verbatim strings {verbatim_string={format=..., string=...}}.
/// </summary>
internal static class RespToLua
{
    public static void Push(IntPtr L, ReadOnlySpan<byte> r, ref int pos)
    {
        byte type = r[pos++];
        var line = ReadLine(r, ref pos);
        switch (type)
        {
            case (byte)':':
                lua_pushnumber(L, ParseLong(line));
                break;
            case (byte)'$':
            {
                long len = ParseLong(line);
                if (len < 0) { lua_pushboolean(L, 0); break; }
                PushBytes(L, r.Slice(pos, (int)len));
                pos += (int)len + 2;
                break;
            }
            case (byte)'+':
            {
                lua_createtable(L, 0, 1);
                PushString(L, "ok");
                PushBytes(L, line);
                lua_rawset(L, -3);
                break;
            }
            case (byte)'-':
                LuaNatives.PushErrorTable(L, [(byte)'-', .. line], false);
                break;
            case (byte)'*':
            case (byte)'>':
            {
                long n = ParseLong(line);
                if (n < 0) { lua_pushboolean(L, 0); break; }
                lua_checkstack(L, 4);
                lua_createtable(L, (int)n, 0);
                for (int i = 1; i <= n; i++)
                {
                    Push(L, r, ref pos);
                    lua_rawseti(L, -2, i);
                }
                break;
            }
            case (byte)'%':
            {
                long n = ParseLong(line);
                lua_checkstack(L, 6);
                lua_createtable(L, 0, 1);
                PushString(L, "map");
                lua_createtable(L, 0, (int)n);
                for (int i = 0; i < n; i++)
                {
                    Push(L, r, ref pos);
                    Push(L, r, ref pos);
                    lua_rawset(L, -3);
                }
                lua_rawset(L, -3);
                break;
            }
            case (byte)'~':
            {
                long n = ParseLong(line);
                lua_checkstack(L, 6);
                lua_createtable(L, 0, 1);
                PushString(L, "set");
                lua_createtable(L, 0, (int)n);
                for (int i = 0; i < n; i++)
                {
                    Push(L, r, ref pos);
                    lua_pushboolean(L, 1);
                    lua_rawset(L, -3);
                }
                lua_rawset(L, -3);
                break;
            }
            case (byte)'_':
                lua_pushnil(L);
                break;
            case (byte)'#':
                lua_pushboolean(L, line.Length > 0 && line[0] == (byte)'t' ? 1 : 0);
                break;
            case (byte)',':
            {
                lua_createtable(L, 0, 1);
                PushString(L, "double");
                NumberFormat.TryParseDouble(line, out double d);
                if (line.SequenceEqual("inf"u8)) d = double.PositiveInfinity;
                else if (line.SequenceEqual("-inf"u8)) d = double.NegativeInfinity;
                else if (line.SequenceEqual("nan"u8)) d = double.NaN;
                lua_pushnumber(L, d);
                lua_rawset(L, -3);
                break;
            }
            case (byte)'(':
            {
                lua_createtable(L, 0, 1);
                PushString(L, "big_number");
                PushBytes(L, line);
                lua_rawset(L, -3);
                break;
            }
            case (byte)'=':
            {
                long len = ParseLong(line);
                var body = r.Slice(pos, (int)len);
                pos += (int)len + 2;
                lua_createtable(L, 0, 1);
                PushString(L, "verbatim_string");
                lua_createtable(L, 0, 2);
                var fmt = Fmt(body);
                RawSetField(L, -1, "format", () => PushBytes(L, fmt));
                var rest = body.Length >= 4 ? body[4..].ToArray() : [];
                RawSetField(L, -1, "string", () => PushBytes(L, rest));
                lua_rawset(L, -3);
                break;
            }
            default:
                lua_pushnil(L);
                break;
        }
    }

    private static byte[] Fmt(ReadOnlySpan<byte> body) => body.Length >= 3 ? body[..3].ToArray() : [];

    private static ReadOnlySpan<byte> ReadLine(ReadOnlySpan<byte> r, ref int pos)
    {
        int end = r[pos..].IndexOf("\r\n"u8);
        var line = r.Slice(pos, end);
        pos += end + 2;
        return line;
    }

    private static long ParseLong(ReadOnlySpan<byte> s)
    {
        Utf8Parser.TryParse(s, out long v, out _);
        return v;
    }
}
