using System.Globalization;

namespace RedisNet.Config;

/// <summary>Redis's memory values: "1k"=1000, "1kb"=1024, "1m", "1mb", "1g", "1gb" (units case-insensitive).</summary>
public static class MemoryValue
{
    /// <summary>Parses as Redis's memtoull: decimal digits (possibly none) then an optional unit.</summary>
    public static bool TryParse(string s, out ulong value)
    {
        value = 0;
        int i = 0;
        while (i < s.Length && s[i] is >= '0' and <= '9') i++;
        ulong mul;
        switch (s[i..].ToLowerInvariant())
        {
            case "" or "b": mul = 1; break;
            case "k": mul = 1000; break;
            case "kb": mul = 1024; break;
            case "m": mul = 1000 * 1000; break;
            case "mb": mul = 1024 * 1024; break;
            case "g": mul = 1000UL * 1000 * 1000; break;
            case "gb": mul = 1024UL * 1024 * 1024; break;
            default: return false;
        }
        if (i >= 128) return false;
        // strtoull saturates on overflow and Redis does not check ERANGE.
        ulong v = 0;
        for (int k = 0; k < i; k++)
        {
            ulong d = (ulong)(s[k] - '0');
            v = v > (ulong.MaxValue - d) / 10 ? ulong.MaxValue : v * 10 + d;
        }
        if (v > ulong.MaxValue / mul) return false;
        value = v * mul;
        return true;
    }

    /// <summary>The CONFIG REWRITE form: the largest of gb/mb/kb that divides the value exactly.</summary>
    public static string Format(long bytes)
    {
        const long gb = 1024 * 1024 * 1024, mb = 1024 * 1024, kb = 1024;
        if (bytes != 0 && bytes % gb == 0) return (bytes / gb).ToString(CultureInfo.InvariantCulture) + "gb";
        if (bytes != 0 && bytes % mb == 0) return (bytes / mb).ToString(CultureInfo.InvariantCulture) + "mb";
        if (bytes != 0 && bytes % kb == 0) return (bytes / kb).ToString(CultureInfo.InvariantCulture) + "kb";
        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Redis's strtoll(s, &amp;end, 10) with "*end == 0": optional blanks and sign, digits, nothing after.</summary>
    public static bool TryParseStrtoll(string s, out long value)
    {
        var t = s.TrimStart(' ', '\t', '\n', '\r', '\v', '\f');
        value = 0;
        if (t.Length == 0) return s.Length == 0; // nothing parsed: end points at the (empty) start
        bool ok = long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        if (!ok && t.TrimStart('+', '-').All(char.IsAsciiDigit) && t.TrimStart('+', '-').Length > 0)
        {
            value = t[0] == '-' ? long.MinValue : long.MaxValue; // saturates like strtoll
            ok = true;
        }
        return ok;
    }
}

/// <summary>notify-keyspace-events classes, with Redis's bit values and string forms.</summary>
public static class KeyspaceEventFlags
{
    public const int Keyspace = 1 << 0, Keyevent = 1 << 1, Generic = 1 << 2, String = 1 << 3, List = 1 << 4, Set = 1 << 5,
        Hash = 1 << 6, Zset = 1 << 7, Expired = 1 << 8, Evicted = 1 << 9, Stream = 1 << 10, KeyMiss = 1 << 11,
        Loaded = 1 << 12, Module = 1 << 13, New = 1 << 14;
    public const int All = Generic | String | List | Set | Hash | Zset | Expired | Evicted | Stream | Module;

    /// <summary>Flags for a class string like "KEA", or -1 for an unknown character.</summary>
    public static int Parse(string s)
    {
        int flags = 0;
        foreach (var c in s)
        {
            flags |= c switch
            {
                'A' => All, 'g' => Generic, '$' => String, 'l' => List, 's' => Set, 'h' => Hash, 'z' => Zset,
                'x' => Expired, 'e' => Evicted, 'K' => Keyspace, 'E' => Keyevent, 't' => Stream, 'm' => KeyMiss,
                'd' => Module, 'n' => New,
                _ => -1,
            };
            if (flags == -1) return -1;
        }
        return flags;
    }

    public static string Format(int flags)
    {
        var sb = new System.Text.StringBuilder();
        if ((flags & All) == All) sb.Append('A');
        else
        {
            (int, char)[] classes = { (Generic, 'g'), (String, '$'), (List, 'l'), (Set, 's'), (Hash, 'h'), (Zset, 'z'),
                (Expired, 'x'), (Evicted, 'e'), (Stream, 't'), (Module, 'd'), (New, 'n') };
            foreach (var (f, c) in classes) if ((flags & f) != 0) sb.Append(c);
        }
        if ((flags & Keyspace) != 0) sb.Append('K');
        if ((flags & Keyevent) != 0) sb.Append('E');
        if ((flags & KeyMiss) != 0) sb.Append('m');
        return sb.ToString();
    }
}
