using System.Text;

namespace RedisNet.Scripting;

/// <summary>EVAL scripts' first line "#!lua [flags=a,b]": Redis 7's script flags.</summary>
internal static class Shebang
{
    /// <summary>
    /// Parses the shebang, if any. Returns null on success (flags set, and bodyStart where the code
    /// to compile begins: the newline is kept so line numbers stay right), else Redis's error.
    /// </summary>
    public static string? ParseEval(ReadOnlySpan<byte> body, out ScriptFlags flags, out int bodyStart)
    {
        flags = ScriptFlags.None;
        bodyStart = 0;
        if (!body.StartsWith("#!"u8)) return null;
        int nl = body.IndexOf((byte)'\n');
        int end = nl < 0 ? body.Length : nl;
        bodyStart = end;
        var parts = Encoding.Latin1.GetString(body[..end]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts[0] != "#!lua") return $"ERR Unexpected engine in script shebang: {parts[0]}";
        flags = ScriptFlags.HasShebang;
        for (int i = 1; i < parts.Length; i++)
        {
            if (!parts[i].StartsWith("flags=", StringComparison.Ordinal)) return $"ERR Unknown lua shebang option: {parts[i]}";
            var error = ParseFlags(parts[i][6..].Split(',', StringSplitOptions.RemoveEmptyEntries), ref flags);
            if (error != null) return $"ERR Unexpected flag in script shebang: {error}";
        }
        return null;
    }

    /// <summary>Adds the named flags; returns the first unknown name.</summary>
    public static string? ParseFlags(IEnumerable<string> names, ref ScriptFlags flags)
    {
        foreach (var f in names)
        {
            var flag = Parse(f);
            if (flag == ScriptFlags.None) return f;
            flags |= flag;
        }
        return null;
    }

    public static ScriptFlags Parse(string name) => name switch
    {
        "no-writes" => ScriptFlags.NoWrites,
        "allow-oom" => ScriptFlags.AllowOom,
        "allow-stale" => ScriptFlags.AllowStale,
        "no-cluster" => ScriptFlags.NoCluster,
        "allow-cross-slot-keys" => ScriptFlags.AllowCrossSlotKeys,
        _ => ScriptFlags.None,
    };

    public static IEnumerable<string> Names(ScriptFlags flags)
    {
        if ((flags & ScriptFlags.NoWrites) != 0) yield return "no-writes";
        if ((flags & ScriptFlags.AllowOom) != 0) yield return "allow-oom";
        if ((flags & ScriptFlags.AllowStale) != 0) yield return "allow-stale";
        if ((flags & ScriptFlags.NoCluster) != 0) yield return "no-cluster";
        if ((flags & ScriptFlags.AllowCrossSlotKeys) != 0) yield return "allow-cross-slot-keys";
    }
}
