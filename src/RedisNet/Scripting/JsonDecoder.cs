using System.Globalization;
using System.Text;
using static RedisNet.Scripting.Lua;

namespace RedisNet.Scripting;

/// <summary>cjson.decode's parser: pushes the decoded value on the Lua stack or returns cjson's error text.</summary>
internal ref struct JsonDecoder(IntPtr L, ReadOnlySpan<byte> s)
{
    private readonly ReadOnlySpan<byte> _s = s;
    public int Pos;

    public void SkipWs()
    {
        while (Pos < _s.Length && (_s[Pos] == ' ' || _s[Pos] == '\t' || _s[Pos] == '\n' || _s[Pos] == '\r')) Pos++;
    }

    private string TokenName()
    {
        if (Pos >= _s.Length) return "T_END";
        return _s[Pos] switch
        {
            (byte)'{' => "T_OBJ_BEGIN", (byte)'}' => "T_OBJ_END", (byte)'[' => "T_ARR_BEGIN", (byte)']' => "T_ARR_END",
            (byte)',' => "T_COMMA", (byte)':' => "T_COLON", (byte)'"' => "T_STRING",
            (byte)'t' when _s[Pos..].StartsWith("true"u8) => "T_BOOLEAN",
            (byte)'f' when _s[Pos..].StartsWith("false"u8) => "T_BOOLEAN",
            (byte)'n' when _s[Pos..].StartsWith("null"u8) => "T_NULL",
            (byte)'-' or (>= (byte)'0' and <= (byte)'9') => "T_NUMBER",
            _ => "invalid token",
        };
    }

    public string Unexpected(string expected) => $"Expected {expected} but found {TokenName()} at character {Pos + 1}";

    public string? Value(int depth)
    {
        SkipWs();
        if (Pos >= _s.Length) return Unexpected("value");
        lua_checkstack(L, 4);
        byte c = _s[Pos];
        if (c == '{') return Object(depth + 1);
        if (c == '[') return Array(depth + 1);
        if (c == '"') return String();
        if (Word("true"u8)) { lua_pushboolean(L, 1); return null; }
        if (Word("false"u8)) { lua_pushboolean(L, 0); return null; }
        if (Word("null"u8)) { lua_pushlightuserdata(L, IntPtr.Zero); return null; }
        if (c == '-' || (c >= '0' && c <= '9')) return Number();
        return Unexpected("value");
    }

    private bool Word(ReadOnlySpan<byte> w)
    {
        if (!_s[Pos..].StartsWith(w)) return false;
        Pos += w.Length;
        return true;
    }

    private string? Number()
    {
        int start = Pos;
        while (Pos < _s.Length && "+-0123456789.eE"u8.IndexOf(_s[Pos]) >= 0) Pos++;
        if (!double.TryParse(Encoding.ASCII.GetString(_s[start..Pos]), NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            Pos = start;
            return Unexpected("value").Replace("T_NUMBER", "invalid number");
        }
        lua_pushnumber(L, d);
        return null;
    }

    private string? String()
    {
        int start = Pos;
        Pos++;
        var o = new List<byte>();
        while (true)
        {
            if (Pos >= _s.Length) { Pos = start; return "Expected value but found invalid token at character " + (start + 1); }
            byte c = _s[Pos++];
            if (c == '"') break;
            if (c != '\\') { o.Add(c); continue; }
            if (Pos >= _s.Length) { Pos = start; return "Expected value but found invalid token at character " + (start + 1); }
            byte e = _s[Pos++];
            switch (e)
            {
                case (byte)'b': o.Add(8); break;
                case (byte)'f': o.Add(12); break;
                case (byte)'n': o.Add(10); break;
                case (byte)'r': o.Add(13); break;
                case (byte)'t': o.Add(9); break;
                case (byte)'u':
                {
                    if (Pos + 4 > _s.Length || !int.TryParse(Encoding.ASCII.GetString(_s.Slice(Pos, 4)), NumberStyles.HexNumber, null, out int cp))
                    { Pos = start; return "Expected value but found invalid unicode escape code at character " + (start + 1); }
                    Pos += 4;
                    if (cp >= 0xD800 && cp <= 0xDBFF && Pos + 6 <= _s.Length && _s[Pos] == '\\' && _s[Pos + 1] == 'u'
                        && int.TryParse(Encoding.ASCII.GetString(_s.Slice(Pos + 2, 4)), NumberStyles.HexNumber, null, out int lo))
                    {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        Pos += 6;
                    }
                    o.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp)));
                    break;
                }
                default: o.Add(e); break;
            }
        }
        PushBytes(L, o.ToArray());
        return null;
    }

    private string? Object(int depth)
    {
        if (depth > 1000) return $"Found too many nested data structures ({depth}) at character {Pos + 1}";
        Pos++;
        NewTable(L);
        SkipWs();
        if (Pos < _s.Length && _s[Pos] == '}') { Pos++; return null; }
        while (true)
        {
            SkipWs();
            if (Pos >= _s.Length || _s[Pos] != '"') return Unexpected("object key string");
            var err = String();
            if (err != null) return err;
            SkipWs();
            if (Pos >= _s.Length || _s[Pos] != ':') return Unexpected("colon");
            Pos++;
            err = Value(depth);
            if (err != null) return err;
            lua_rawset(L, -3);
            SkipWs();
            if (Pos < _s.Length && _s[Pos] == ',') { Pos++; continue; }
            if (Pos < _s.Length && _s[Pos] == '}') { Pos++; return null; }
            return Unexpected("comma or object end");
        }
    }

    private string? Array(int depth)
    {
        if (depth > 1000) return $"Found too many nested data structures ({depth}) at character {Pos + 1}";
        Pos++;
        NewTable(L);
        SkipWs();
        if (Pos < _s.Length && _s[Pos] == ']') { Pos++; return null; }
        for (int i = 1; ; i++)
        {
            var err = Value(depth);
            if (err != null) return err;
            lua_rawseti(L, -2, i);
            SkipWs();
            if (Pos < _s.Length && _s[Pos] == ',') { Pos++; continue; }
            if (Pos < _s.Length && _s[Pos] == ']') { Pos++; return null; }
            return Unexpected("comma or array end");
        }
    }
}
