using System.Text;
using RedisNet.Protocol;

namespace RedisNet.Config;

/// <summary>A redis.conf error: reported as "*** FATAL CONFIG FILE ERROR ***" and exit code 1.
/// LineNumber 0 means not yet located, -1 an error about the whole file (no line shown).</summary>
public sealed class ConfigFileException(string error, int lineNumber = 0, string? line = null) : Exception(error)
{
    public int LineNumber { get; } = lineNumber;
    public string? Line { get; } = line;
}

/// <summary>A config file that cannot be opened: Redis logs it and exits with 1.</summary>
public sealed class ConfigOpenException(string message) : Exception(message);

/// <summary>
/// Reads redis.conf text into a <see cref="ServerConfig"/> exactly as Redis's loadServerConfigFromString:
/// lines are trimmed, '#' lines skipped, split with sdssplitargs rules, the directive name is
/// case-insensitive; include, rename-command, user, loadmodule, module.name and sentinel lines are
/// handled here, every other name goes through the directive table.
/// </summary>
public sealed class ConfigParser(ServerConfig config)
{
    private static readonly string[] Deprecated = { "list-max-ziplist-entries", "list-max-ziplist-value", "lua-replicate-commands" };

    /// <summary>Primary names of the directives set while loading (for the "not implemented" note).</summary>
    public readonly HashSet<string> SetDirectives = new(StringComparer.Ordinal);
    private HashSet<string>? _commandNames;

    /// <summary>The config text read from stdin ("-"), kept for a daemonizing parent to pass to its child.</summary>
    public static string? StdinText;

    /// <summary>Loads a file (glob patterns allowed, as for include), then stdin if asked, then the extra option lines.</summary>
    public void LoadFile(string? filename, bool fromStdin, string? options)
    {
        var text = new StringBuilder();
        if (filename != null) text.Append(ReadConfigFiles(filename));
        if (fromStdin)
        {
            ConfigLoader.LogEarly("Reading config from stdin");
            // A daemonized child cannot read its parent's stdin again: the parent hands the text over.
            StdinText ??= Console.In.ReadToEnd();
            text.Append(StdinText);
        }
        if (options != null) text.Append('\n').Append(options);
        LoadString(text.ToString());
    }

    private static string ReadConfigFiles(string filename)
    {
        var text = new StringBuilder();
        if (filename.IndexOfAny(new[] { '*', '?', '[' }) >= 0)
        {
            // With a wildcard, no match is fine (an empty conf.d); a match that can't be read is fatal.
            foreach (var path in ExpandGlob(filename)) text.Append(ReadOne(path));
        }
        else text.Append(ReadOne(filename));
        return text.ToString();
    }

    private static string ReadOne(string path)
    {
        try { return File.ReadAllText(path, Encoding.Latin1); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigOpenException($"Fatal error, can't open config file '{path}': {ConfigLoader.Strerror(ex)}");
        }
    }

    /// <summary>glob(3) for a pattern in the last path component (the common "include conf.d/*.conf"), sorted.</summary>
    private static IEnumerable<string> ExpandGlob(string pattern)
    {
        var dir = Path.GetDirectoryName(pattern);
        var namePattern = Path.GetFileName(pattern);
        var searchDir = string.IsNullOrEmpty(dir) ? "." : dir;
        if (!Directory.Exists(searchDir)) return Array.Empty<string>();
        return Directory.EnumerateFileSystemEntries(searchDir)
            .Select(p => Path.GetFileName(p))
            .Where(n => !n.StartsWith('.') && Glob.Match(Encoding.Latin1.GetBytes(namePattern), Encoding.Latin1.GetBytes(n), nocase: false))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => string.IsNullOrEmpty(dir) ? n : Path.Combine(dir, n))
            .ToList();
    }

    public void LoadString(string text)
    {
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim(' ', '\t', '\r', '\n');
            if (line.Length == 0 || line[0] == '#') continue;
            var argv = InlineSplitter.SplitToStrings(line);
            try
            {
                if (argv == null) throw new ConfigFileException("Unbalanced quotes in configuration line");
                if (argv.Count == 0) continue;
                argv[0] = argv[0].ToLowerInvariant();
                ApplyLine(argv);
            }
            catch (ConfigFileException ex) when (ex.LineNumber == 0)
            {
                throw new ConfigFileException(ex.Message, i + 1, line);
            }
        }
        CheckLoaded();
    }

    private void ApplyLine(List<string> argv)
    {
        var name = argv[0];
        var d = DirectiveTable.Find(name);
        if (d != null)
        {
            if (!d.Has(DirectiveFlags.MultiArg) && argv.Count != 2) throw new ConfigFileException("wrong number of arguments");
            var values = argv.Skip(1).ToArray();
            // As Redis 7.0: one non-empty argument of a multi-argument directive is split like a
            // config line, so `--save "3600 1 300 100"` works; `--save ""` stays one empty argument.
            if (d.Has(DirectiveFlags.MultiArg) && values.Length == 1 && values[0].Length > 0
                && Protocol.InlineSplitter.SplitToStrings(values[0]) is { Count: > 1 } split)
                values = split.ToArray();
            if (d.Set(config, values, fromFile: true, out var err) == SetResult.Error)
                throw new ConfigFileException(err ?? "");
            SetDirectives.Add(d.Name);
            return;
        }
        if (argv.Count == 2 && Array.IndexOf(Deprecated, name) >= 0) return;

        if (name == "include" && argv.Count == 2)
        {
            // An included file is parsed on its own: its errors report its own line numbers.
            new ConfigParser(config) { _commandNames = _commandNames }.LoadIncluded(argv[1], this);
        }
        else if (name == "rename-command" && argv.Count == 3) RenameCommand(argv[1], argv[2]);
        else if (name == "user" && argv.Count >= 2)
        {
            config.Users.Add(argv.Skip(1).ToArray());
            SetDirectives.Add("user");
        }
        else if (name == "loadmodule" && argv.Count >= 2)
        {
            config.LoadModules.Add(argv.Skip(1).ToArray());
            SetDirectives.Add("loadmodule");
        }
        else if (name.Contains('.'))
        {
            if (argv.Count != 2) throw new ConfigFileException("Module config specified without value");
            config.ModuleConfigs[name] = argv[1];
        }
        else if (name == "sentinel")
        {
            // A bare "sentinel" line only selects the mode (handled at startup).
            if (argv.Count == 1) return;
            if (!config.SentinelMode) throw new ConfigFileException("sentinel directive while not in sentinel mode");
            config.SentinelLines.Add(argv.Skip(1).ToArray());
        }
        else throw new ConfigFileException("Bad directive or wrong number of arguments");
    }

    private void LoadIncluded(string path, ConfigParser parent)
    {
        LoadString(ReadConfigFiles(path));
        parent.SetDirectives.UnionWith(SetDirectives);
        parent._commandNames = _commandNames;
    }

    private void RenameCommand(string from, string to)
    {
        _commandNames ??= new HashSet<string>(new Commands.CommandTable().All.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
        if (!_commandNames.Remove(from)) throw new ConfigFileException("No such command in rename-command");
        if (to.Length != 0 && !_commandNames.Add(to)) throw new ConfigFileException("Target command name already exists");
        config.RenameCommands.Add((from.ToLowerInvariant(), to));
    }

    /// <summary>Redis's checks after each config text: the log file opens, no replicaof in cluster mode.</summary>
    private void CheckLoaded()
    {
        if (config.LogFile.Length != 0)
        {
            try
            {
                using var _ = new FileStream(config.LogFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ConfigFileException("Can't open the log file: " + ConfigLoader.Strerror(ex), -1);
            }
        }
        if (config.ClusterEnabled && config.ReplicaOfHost != null)
            throw new ConfigFileException("replicaof directive not allowed in cluster mode", -1);
    }
}
