using System.Text;

namespace RedisNet.Persistence.Aof;

/// <summary>The kind of a file listed in the manifest: base ('b'), history ('h', to delete), incremental ('i').</summary>
public enum AofFileType : byte { Base = (byte)'b', History = (byte)'h', Incr = (byte)'i' }

/// <summary>One line of the manifest: a file of the AOF directory.</summary>
public sealed record AofFileInfo(string FileName, long Seq, AofFileType Type);

/// <summary>
/// The multi-part AOF manifest as Redis 7.0 keeps it (appendonly.aof.manifest): one base file, the
/// incremental files written after it in order, and history files waiting for deletion. The text is
/// one "file NAME seq N type T" line per file, base first, then history, then incr files.
/// </summary>
public sealed class AofManifest
{
    public AofFileInfo? Base;
    public readonly List<AofFileInfo> Incr = new();
    public readonly List<AofFileInfo> History = new();
    /// <summary>Highest sequence numbers handed out so far (new files take the next one).</summary>
    public long BaseSeq, IncrSeq;

    public bool IsEmpty => Base is null && Incr.Count == 0;

    public AofManifest Clone()
    {
        var m = new AofManifest { Base = Base, BaseSeq = BaseSeq, IncrSeq = IncrSeq };
        m.Incr.AddRange(Incr);
        m.History.AddRange(History);
        return m;
    }

    public static string ManifestName(string appendFilename) => appendFilename + ".manifest";
    public static string TempManifestName(string appendFilename) => "temp-" + appendFilename + ".manifest";

    /// <summary>A new base file (seq + 1); the old one becomes history. Redis's getNewBaseFileNameAndMarkPreAsHistory.</summary>
    public string NewBase(string appendFilename, bool rdb)
    {
        // Redis adds history at the head of its list: deletion order is older incr files, then the old base.
        if (Base is not null) History.Insert(0, Base with { Type = AofFileType.History });
        var name = $"{appendFilename}.{++BaseSeq}.base.{(rdb ? "rdb" : "aof")}";
        Base = new AofFileInfo(name, BaseSeq, AofFileType.Base);
        return name;
    }

    /// <summary>A new incremental file (seq + 1), appended to the list.</summary>
    public string NewIncr(string appendFilename)
    {
        var name = $"{appendFilename}.{++IncrSeq}.incr.aof";
        Incr.Add(new AofFileInfo(name, IncrSeq, AofFileType.Incr));
        return name;
    }

    /// <summary>After a rewrite: the incr files the new base covers become history (all but the one being written, if any).</summary>
    public void MarkRewrittenIncrAsHistory(bool keepLast)
    {
        for (int i = Incr.Count - (keepLast ? 2 : 1); i >= 0; i--)
        {
            History.Insert(0, Incr[i] with { Type = AofFileType.History });
            Incr.RemoveAt(i);
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        void Line(AofFileInfo f)
        {
            sb.Append("file ");
            if (NeedsQuoting(f.FileName)) Commands.Executor.AppendRepr(sb, Encoding.UTF8.GetBytes(f.FileName));
            else sb.Append(f.FileName);
            sb.Append(" seq ").Append(f.Seq).Append(" type ").Append((char)f.Type).Append('\n');
        }
        if (Base is not null) Line(Base);
        foreach (var f in History) Line(f);
        foreach (var f in Incr) Line(f);
        return sb.ToString();
    }

    // Redis's sdsneedsrepr: anything a plain split would not give back verbatim.
    private static bool NeedsQuoting(string s)
    {
        foreach (var c in s)
            if (c is '\\' or '"' or '\'' or '\n' or '\r' or '\t' or '\a' or '\b' or ' ' || c < 32 || c > 126) return true;
        return false;
    }

    /// <summary>Parses a manifest; throws <see cref="AofManifestException"/> with Redis's message when it is malformed.</summary>
    public static AofManifest Parse(string text)
    {
        var m = new AofManifest();
        long lastIncrSeq = 0;
        int lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            try { ParseLine(m, line, ref lastIncrSeq); }
            catch (AofManifestException ex) when (ex.Line is null) { throw new AofManifestException(ex.Message, lineNumber, line); }
        }
        return m;
    }

    private static void ParseLine(AofManifest m, string line, ref long lastIncrSeq)
    {
        {
            if (line.Length == 0 || line[0] == '#') return;
            var args = SplitArgs(line) ?? throw new AofManifestException("Invalid AOF manifest file format");
            if (args.Count % 2 != 0) throw new AofManifestException("Invalid AOF manifest file format");
            string? name = null;
            long seq = -1;
            char type = '\0';
            for (int i = 0; i < args.Count; i += 2)
            {
                switch (args[i])
                {
                    case "file": name = args[i + 1]; break;
                    case "seq": if (!long.TryParse(args[i + 1], out seq)) seq = -1; break;
                    case "type": type = args[i + 1].Length == 1 ? args[i + 1][0] : '\0'; break;
                }
            }
            if (name is null || seq < 0 || type == '\0') throw new AofManifestException("Invalid AOF manifest file format");
            switch (type)
            {
                case 'b':
                    if (m.Base is not null) throw new AofManifestException("Found duplicate base file information");
                    m.Base = new AofFileInfo(name, seq, AofFileType.Base);
                    m.BaseSeq = seq;
                    break;
                case 'h': m.History.Add(new AofFileInfo(name, seq, AofFileType.History)); break;
                case 'i':
                    if (seq <= lastIncrSeq) throw new AofManifestException("Found a non-monotonic sequence number");
                    m.Incr.Add(new AofFileInfo(name, seq, AofFileType.Incr));
                    m.IncrSeq = lastIncrSeq = seq;
                    break;
                default: throw new AofManifestException("Unknown AOF file type");
            }
        }
    }

    /// <summary>Splits on spaces with double-quoted parts (Redis's sdssplitargs, enough for file names); null when unbalanced.</summary>
    private static List<string>? SplitArgs(string line)
    {
        var args = new List<string>();
        int i = 0;
        while (true)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (i >= line.Length) return args;
            var sb = new StringBuilder();
            if (line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) return null;
                    char c = line[i++];
                    if (c == '"') break;
                    if (c == '\\' && i < line.Length)
                    {
                        char e = line[i++];
                        if (e == 'x' && i + 1 < line.Length && Uri.IsHexDigit(line[i]) && Uri.IsHexDigit(line[i + 1]))
                        {
                            sb.Append((char)Convert.ToInt32(line.Substring(i, 2), 16));
                            i += 2;
                        }
                        else sb.Append(e switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'a' => '\a', 'b' => '\b', _ => e });
                    }
                    else sb.Append(c);
                }
            }
            else while (i < line.Length && !char.IsWhiteSpace(line[i])) sb.Append(line[i++]);
            args.Add(sb.ToString());
        }
    }
}

/// <summary>A manifest that cannot be used: the server refuses to start, as Redis does.</summary>
public sealed class AofManifestException(string message, int lineNumber = 0, string? line = null) : Exception(message)
{
    public int LineNumber { get; } = lineNumber;
    public string? Line { get; } = line;
}
