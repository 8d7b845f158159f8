using System.Globalization;
using RedisNet.Server;

namespace RedisNet.Config;

[Flags]
public enum DirectiveFlags
{
    None = 0,
    /// <summary>Only settable at startup (CONFIG SET: "can't set immutable config").</summary>
    Immutable = 1,
    /// <summary>CONFIG SET needs enable-protected-configs.</summary>
    Protected = 2,
    /// <summary>Not matched by CONFIG GET patterns, only by its exact name.</summary>
    Hidden = 4,
    /// <summary>Takes several arguments (in redis.conf: the rest of the line; CONFIG SET: split on spaces).</summary>
    MultiArg = 8,
    /// <summary>The value is a secret (passwords).</summary>
    Sensitive = 16,
    DenyLoading = 32,
}

/// <summary>Result of a directive's Set: Redis's 0 (error), 1 (changed), 2 (same value).</summary>
public enum SetResult { Error, Changed, Unchanged }

/// <summary>
/// One config directive: its names, how its value is parsed (redis.conf and CONFIG SET), shown
/// (CONFIG GET), rewritten (CONFIG REWRITE), and applied to the running server.
/// </summary>
public abstract class Directive
{
    public required string Name { get; init; }
    public string? Alias { get; init; }
    public DirectiveFlags Flags { get; init; }
    /// <summary>False while RedisNet stores the value but has no feature reading it.</summary>
    public bool Implemented { get; set; }
    /// <summary>After a successful CONFIG SET: makes the server follow the new value; returns an error text or null.</summary>
    public Func<RedisServer, string?>? Apply { get; init; }

    public bool Has(DirectiveFlags f) => (Flags & f) != 0;

    public abstract string Get(ServerConfig c);
    public abstract SetResult Set(ServerConfig c, string[] args, bool fromFile, out string? error);
    /// <summary>Whether the current value equals the built-in default (startup "not implemented" notes).</summary>
    public abstract bool IsDefault(ServerConfig c);
    public abstract void Rewrite(ServerConfig c, ConfigRewriter state);
}

public sealed class BoolDirective : Directive
{
    public required bool Default { get; init; }
    public required Func<ServerConfig, bool> Getter { get; init; }
    public required Action<ServerConfig, bool> Setter { get; init; }
    public Func<bool, string?>? Validate { get; init; }

    public override string Get(ServerConfig c) => Getter(c) ? "yes" : "no";

    public override SetResult Set(ServerConfig c, string[] args, bool fromFile, out string? error)
    {
        error = null;
        bool v;
        if (string.Equals(args[0], "yes", StringComparison.OrdinalIgnoreCase)) v = true;
        else if (string.Equals(args[0], "no", StringComparison.OrdinalIgnoreCase)) v = false;
        else { error = "argument must be 'yes' or 'no'"; return SetResult.Error; }
        if (Validate != null && (error = Validate(v)) != null) return SetResult.Error;
        if (Getter(c) == v) return SetResult.Unchanged;
        Setter(c, v);
        return SetResult.Changed;
    }

    public override bool IsDefault(ServerConfig c) => Getter(c) == Default;
    public override void Rewrite(ServerConfig c, ConfigRewriter state) => state.RewriteLine(Name, Name + " " + Get(c), !IsDefault(c));
}

public enum NumberKind { Integer, Memory, MemoryOrPercent, Octal }

public sealed class NumericDirective : Directive
{
    public required long Min { get; init; }
    public required long Max { get; init; }
    public required long Default { get; init; }
    /// <summary>Bounds compared as unsigned (Redis's unsigned int, size_t, unsigned long long fields).</summary>
    public bool Unsigned { get; init; }
    public NumberKind Kind { get; init; }
    public required Func<ServerConfig, long> Getter { get; init; }
    public required Action<ServerConfig, long> Setter { get; init; }

    public override string Get(ServerConfig c)
    {
        long v = Getter(c);
        if (Kind == NumberKind.MemoryOrPercent && v < 0) return (-v).ToString(CultureInfo.InvariantCulture) + "%";
        if (Kind is NumberKind.Memory or NumberKind.MemoryOrPercent) return ((ulong)v).ToString(CultureInfo.InvariantCulture);
        if (Kind == NumberKind.Octal) return Convert.ToString(v, 8);
        return v.ToString(CultureInfo.InvariantCulture);
    }

    public override SetResult Set(ServerConfig c, string[] args, bool fromFile, out string? error)
    {
        if (!TryParse(args[0], out long v, out error) || !InBounds(v, out error)) return SetResult.Error;
        if (Getter(c) == v) return SetResult.Unchanged;
        Setter(c, v);
        return SetResult.Changed;
    }

    private bool TryParse(string s, out long v, out string? error)
    {
        error = null;
        if (Kind is NumberKind.Memory or NumberKind.MemoryOrPercent && MemoryValue.TryParse(s, out ulong u)) { v = (long)u; return true; }
        if (Kind == NumberKind.MemoryOrPercent && s.Length > 1 && s[^1] == '%'
            && Protocol.NumberFormat.TryParseInt64(System.Text.Encoding.Latin1.GetBytes(s[..^1]), out v) && v >= 0)
        {
            v = -v; // percentages are stored negative
            return true;
        }
        if (Kind == NumberKind.Octal && TryParseOctal(s, out v)) return true;
        if (Kind == NumberKind.Integer && Protocol.NumberFormat.TryParseInt64(System.Text.Encoding.Latin1.GetBytes(s), out v)) return true;
        v = 0;
        error = Kind switch
        {
            NumberKind.MemoryOrPercent => "argument must be a memory or percent value",
            NumberKind.Memory => "argument must be a memory value",
            NumberKind.Octal => "argument couldn't be parsed as an octal number",
            _ => "argument couldn't be parsed into an integer",
        };
        return false;
    }

    private static bool TryParseOctal(string s, out long v)
    {
        v = 0;
        var t = s.TrimStart(' ', '\t');
        bool neg = t.StartsWith('-');
        if (t.StartsWith('-') || t.StartsWith('+')) t = t[1..];
        if (t.Length == 0) return s.Length == 0;
        foreach (var ch in t)
        {
            if (ch is < '0' or > '7' || v > (long.MaxValue >> 3)) return false;
            v = v * 8 + (ch - '0');
        }
        if (neg) v = -v;
        return true;
    }

    private bool InBounds(long v, out string? error)
    {
        error = null;
        if (Unsigned)
        {
            if ((ulong)v <= (ulong)Max && (ulong)v >= (ulong)Min) return true;
            error = Kind == NumberKind.Octal
                ? $"argument must be between {Convert.ToString(Min, 8)} and {Convert.ToString(Max, 8)} inclusive"
                : $"argument must be between {(ulong)Min} and {(ulong)Max} inclusive";
            return false;
        }
        if (Kind == NumberKind.MemoryOrPercent && v < 0)
        {
            if (v >= Min) return true;
            error = $"percentage argument must be less or equal to {-Min}";
            return false;
        }
        if (v >= Min && v <= Max) return true;
        error = $"argument must be between {Min} and {Max} inclusive";
        return false;
    }

    public override bool IsDefault(ServerConfig c) => Getter(c) == Default;

    public override void Rewrite(ServerConfig c, ConfigRewriter state)
    {
        long v = Getter(c);
        string text = Kind switch
        {
            NumberKind.MemoryOrPercent when v < 0 => (-v).ToString(CultureInfo.InvariantCulture) + "%",
            NumberKind.Memory or NumberKind.MemoryOrPercent => MemoryValue.Format(v),
            NumberKind.Octal => Convert.ToString(v, 8),
            _ => v.ToString(CultureInfo.InvariantCulture),
        };
        state.RewriteLine(Name, Name + " " + text, v != Default);
    }
}

public sealed class EnumDirective : Directive
{
    public required string[] Values { get; init; }
    public required string Default { get; init; }
    public required Func<ServerConfig, string> Getter { get; init; }
    public required Action<ServerConfig, string> Setter { get; init; }
    /// <summary>Values are flags combined from several words (shutdown-on-sigint "nosave now"); Values[0] means none.</summary>
    public bool Flagset { get; init; }
    public Func<string, string?>? Validate { get; init; }

    public override string Get(ServerConfig c) => Getter(c);

    public override SetResult Set(ServerConfig c, string[] args, bool fromFile, out string? error)
    {
        error = null;
        string value;
        if (Flagset)
        {
            var chosen = new bool[Values.Length];
            if (args.Length == 0) { error = ValuesError(); return SetResult.Error; }
            foreach (var a in args)
            {
                int k = Array.FindIndex(Values, v => string.Equals(v, a, StringComparison.OrdinalIgnoreCase));
                if (k < 0) { error = ValuesError(); return SetResult.Error; }
                chosen[k] = true;
            }
            var names = Values.Where((_, k) => k > 0 && chosen[k]).ToArray();
            value = names.Length == 0 ? Values[0] : string.Join(' ', names);
        }
        else
        {
            int k = Array.FindIndex(Values, v => string.Equals(v, args[0], StringComparison.OrdinalIgnoreCase));
            if (k < 0) { error = ValuesError(); return SetResult.Error; }
            value = Values[k];
        }
        if (Validate != null && (error = Validate(value)) != null) return SetResult.Error;
        if (Getter(c) == value) return SetResult.Unchanged;
        Setter(c, value);
        return SetResult.Changed;
    }

    private string ValuesError()
    {
        var text = "argument(s) must be one of the following: " + string.Join(", ", Values);
        return text.Length > 255 ? text[..255] : text;
    }

    public override bool IsDefault(ServerConfig c) => Getter(c) == Default;
    public override void Rewrite(ServerConfig c, ConfigRewriter state) => state.RewriteLine(Name, Name + " " + Get(c), !IsDefault(c));
}

public sealed class StringDirective : Directive
{
    /// <summary>The built-in value; null when it is "not set" (CONFIG GET shows "").</summary>
    public string? Default { get; init; }
    /// <summary>Redis's EMPTY_STRING_IS_NULL: an empty value unsets it (and CONFIG REWRITE drops the line).</summary>
    public bool EmptyIsNull { get; init; }
    public required Func<ServerConfig, string?> Getter { get; init; }
    public required Action<ServerConfig, string?> Setter { get; init; }
    public Func<string, string?>? Validate { get; init; }

    public override string Get(ServerConfig c) => Getter(c) ?? "";

    public override SetResult Set(ServerConfig c, string[] args, bool fromFile, out string? error)
    {
        error = null;
        if (Validate != null && (error = Validate(args[0])) != null) return SetResult.Error;
        string? v = EmptyIsNull && args[0].Length == 0 ? null : args[0];
        if (Getter(c) == v) return SetResult.Unchanged;
        Setter(c, v);
        return SetResult.Changed;
    }

    public override bool IsDefault(ServerConfig c) => Getter(c) == Default || (Default == null && Getter(c) == "");

    public override void Rewrite(ServerConfig c, ConfigRewriter state)
    {
        var v = Getter(c);
        if (v == null) { state.MarkProcessed(Name); return; }
        state.RewriteLine(Name, Name + " " + ConfigRewriter.Repr(v), Default == null || v != Default);
    }
}

/// <summary>Directives with their own syntax (save, bind, client-output-buffer-limit, dir...).</summary>
public sealed class SpecialDirective : Directive
{
    public required Func<ServerConfig, string> Getter { get; init; }
    public required Func<ServerConfig, string[], bool, string?> Setter { get; init; }
    public required Func<ServerConfig, bool> IsDefaultFn { get; init; }
    public required Action<ServerConfig, ConfigRewriter> RewriteFn { get; init; }

    public override string Get(ServerConfig c) => Getter(c);

    public override SetResult Set(ServerConfig c, string[] args, bool fromFile, out string? error)
    {
        error = Setter(c, args, fromFile);
        return error == null ? SetResult.Changed : SetResult.Error;
    }

    public override bool IsDefault(ServerConfig c) => IsDefaultFn(c);
    public override void Rewrite(ServerConfig c, ConfigRewriter state) => RewriteFn(c, state);
}
