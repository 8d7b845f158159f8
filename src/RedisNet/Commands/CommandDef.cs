using System.Text;

namespace RedisNet.Commands;

public delegate void CommandHandler(CommandContext ctx);

/// <summary>A command's own key finder: adds key argument indexes and, when <paramref name="specs"/> is given, the index of the key spec whose flags each key has.</summary>
public delegate void KeysFinder(CommandContext ctx, List<int> keys, List<int>? specs);

/// <summary>One entry of the command table, with its live statistics (INFO commandstats).</summary>
public sealed class CommandDef
{
    public required string Name { get; init; }           // lower case; subcommands as "parent|sub"
    public required int Arity { get; init; }
    public CommandFlags Flags { get; set; }
    public AclCategory Acl { get; init; }
    public int FirstKey { get; init; }
    public int LastKey { get; init; }
    public int Step { get; init; }
    public KeySpec[] KeySpecs { get; init; } = Array.Empty<KeySpec>();
    public string[] Tips { get; init; } = Array.Empty<string>();
    public CommandHandler? Handler { get; init; }
    public CommandDef? Parent { get; set; }
    /// <summary>Subcommands by lower-case name (without the parent prefix), for containers.</summary>
    public Dictionary<string, CommandDef>? Subcommands { get; set; }
    public string Summary { get; init; } = "";
    public string Since { get; init; } = "1.0.0";
    public string Group { get; init; } = "generic";
    public string? Complexity { get; init; }
    public string? DocFlags { get; init; }
    public string? DeprecatedSince { get; init; }
    public string? ReplacedBy { get; init; }
    /// <summary>Finds keys where the key specs are "unknown" (Redis's getkeys_proc); preferred over the specs.</summary>
    public KeysFinder? KeysFunction { get; init; }

    /// <summary>The name as clients see it in errors: "config|get" is reported as "config|get".</summary>
    public string FullName => Name;
    public byte[] NameBytes { get; init; } = Array.Empty<byte>();

    public bool IsWrite => (Flags & CommandFlags.Write) != 0;

    // INFO commandstats counters; updated under the execution lock.
    public long Calls, Microseconds, RejectedCalls, FailedCalls;
    /// <summary>Per-command latency distribution (INFO latencystats, LATENCY HISTOGRAM); created on first call.</summary>
    public Server.LatencyHistogram? Latency;

    public bool ArityOk(int argc) => Arity >= 0 ? argc == Arity : argc >= -Arity;

    /// <summary>Keys of one call, from the key specs (or the legacy first/last/step when there are none).</summary>
    public void GetKeys(CommandContext ctx, List<int> keyIndexes)
    {
        if (KeysFunction != null) { KeysFunction(ctx, keyIndexes, null); return; }
        if (KeySpecs.Length == 0)
        {
            if (FirstKey <= 0) return;
            int last = LastKey < 0 ? ctx.ArgCount + LastKey : LastKey;
            for (int i = FirstKey; i <= last && i < ctx.ArgCount; i += Math.Max(Step, 1)) keyIndexes.Add(i);
            return;
        }
        // NOT_KEY specs (shard channels) are keys only for cluster routing: Redis's GET_KEYSPEC_DEFAULT skips them.
        foreach (var spec in KeySpecs) if (!spec.Flags.Contains("NOT_KEY")) spec.Find(ctx, keyIndexes);
    }
}

/// <summary>A Redis 7 key spec: where the keys of a call begin and how to find them.</summary>
public sealed class KeySpec
{
    public string[] Flags = Array.Empty<string>();
    public string? Notes;
    public bool BeginByKeyword;
    public int BeginIndex;            // index:N
    public string? Keyword;           // keyword:WORD,START
    public int KeywordStart;
    public bool FindByKeynum;
    public int LastKey, KeyStep = 1, Limit;           // range:LAST,STEP,LIMIT
    public int KeynumIndex, FirstKey, KeynumStep = 1; // keynum:IDX,FIRST,STEP
    public bool Unknown;              // begin_search or find_keys "unknown"

    public static KeySpec Parse(string text)
    {
        var spec = new KeySpec();
        int notesAt = text.IndexOf("notes:", StringComparison.Ordinal);
        if (notesAt >= 0) { spec.Notes = text[(notesAt + 6)..].Trim(); text = text[..notesAt]; }
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("index:")) spec.BeginIndex = int.Parse(part[6..]);
            else if (part.StartsWith("keyword:"))
            {
                var kv = part[8..].Split(',');
                spec.BeginByKeyword = true; spec.Keyword = kv[0]; spec.KeywordStart = int.Parse(kv[1]);
            }
            else if (part.StartsWith("range:"))
            {
                var r = part[6..].Split(',');
                spec.LastKey = int.Parse(r[0]); spec.KeyStep = int.Parse(r[1]); spec.Limit = int.Parse(r[2]);
            }
            else if (part.StartsWith("keynum:"))
            {
                var r = part[7..].Split(',');
                spec.FindByKeynum = true; spec.KeynumIndex = int.Parse(r[0]); spec.FirstKey = int.Parse(r[1]); spec.KeynumStep = int.Parse(r[2]);
            }
            else if (part == "unknown") spec.Unknown = true;
            else spec.Flags = part.Split(',');
        }
        return spec;
    }

    public void Find(CommandContext ctx, List<int> keys)
    {
        if (Unknown) return;
        int argc = ctx.ArgCount;
        int start;
        if (BeginByKeyword)
        {
            start = -1;
            var kw = Encoding.ASCII.GetBytes(Keyword!);
            if (KeywordStart >= 0)
            {
                for (int i = KeywordStart; i < argc; i++)
                    if (Ascii.EqualsIgnoreCase(ctx.Arg(i), kw)) { start = i + 1; break; }
            }
            else
            {
                for (int i = argc + KeywordStart; i > 0; i--)
                    if (Ascii.EqualsIgnoreCase(ctx.Arg(i), kw)) { start = i + 1; break; }
            }
            if (start < 0) return;
        }
        else start = BeginIndex;
        if (start >= argc) return;
        if (FindByKeynum)
        {
            if (!Protocol.NumberFormat.TryParseInt64(ctx.Arg(start + KeynumIndex), out long n) || n < 0) return;
            int first = start + FirstKey;
            for (long i = 0; i < n && first + i * KeynumStep < argc; i++) keys.Add(first + (int)(i * KeynumStep));
            return;
        }
        int last;
        if (LastKey >= 0) last = start + LastKey;
        else if (LastKey == -1 && Limit > 1) last = start + (argc - start) / Limit - 1;
        else last = argc + LastKey;
        for (int i = start; i <= last && i < argc; i += KeyStep) keys.Add(i);
    }
}
