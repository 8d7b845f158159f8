using System.Globalization;
using System.Text;

namespace RedisNet.Config;

/// <summary>
/// Builds the configuration from redis-server's command line, as Redis's main() does:
/// <c>redis-server [configfile|-] [--directive value ...]</c>. The --directive arguments become
/// extra config lines appended after the file (values quoted, so errors show them as "value"),
/// and "-" reads the config from stdin. Errors print Redis's FATAL report on stderr and exit 1.
/// </summary>
public static class ConfigLoader
{
    public const string RedisVersion = "7.0.15";

    public static ServerConfig Load(IReadOnlyList<string> args)
    {
        try
        {
            return Parse(args);
        }
        catch (ConfigFileException ex)
        {
            // Config text is kept as raw bytes (Latin-1 chars): write them back unchanged.
            using (var stderr = Console.OpenStandardError()) stderr.Write(Encoding.Latin1.GetBytes(FatalReport(ex)));
            Environment.Exit(1);
            throw; // not reached
        }
        catch (ConfigOpenException ex)
        {
            LogEarly(ex.Message);
            Environment.Exit(1);
            throw;
        }
    }

    /// <summary>Parses the command line and config file(s); throws ConfigFileException/ConfigOpenException.</summary>
    public static ServerConfig Parse(IReadOnlyList<string> args)
    {
        var cfg = new ServerConfig { SentinelMode = IsSentinelMode(args) };
        string? file = null;
        int j = 0;
        if (args.Count > 0 && args[0].Length > 0 && args[0][0] != '-')
        {
            file = Path.GetFullPath(args[0]);
            j = 1;
        }
        var options = BuildOptions(args, j, out bool fromStdin);
        var parser = new ConfigParser(cfg);
        parser.LoadFile(file, fromStdin, options);
        cfg.ConfigFile = file;
        cfg.Dir = Directory.GetCurrentDirectory();
        foreach (var name in parser.SetDirectives)
        {
            var d = DirectiveTable.Find(name);
            if (d == null ? name is "user" or "loadmodule" : !d.Implemented && !d.IsDefault(cfg)) cfg.NotImplementedSet.Add(name);
        }
        return cfg;
    }

    /// <summary>The "--name value ..." arguments as config text, following Redis's main() rules.</summary>
    public static string BuildOptions(IReadOnlyList<string> args, int start, out bool fromStdin)
    {
        fromStdin = false;
        var options = new StringBuilder();
        bool handledLastConfigArg = true;
        for (int j = start; j < args.Count; j++)
        {
            var a = args[j];
            bool isLast = j == args.Count - 1;
            if (a == "-" && (j == 0 || isLast))
            {
                fromStdin = true;
            }
            else if (handledLastConfigArg && a.StartsWith("--"))
            {
                if (options.Length > 0) options.Append('\n');
                options.Append(a, 2, a.Length - 2).Append(' ');
                var split = Protocol.InlineSplitter.SplitToStrings(a);
                if (split != null && split.Count == 1)
                {
                    // Just a name ("--port"): its value follows. "--save" followed by another option
                    // (or last) means save "", and "--sentinel" takes no value, as in Redis 7.0.1+.
                    handledLastConfigArg = false;
                    bool nextIsOption = !isLast && args[j + 1].StartsWith("--");
                    if (a.Equals("--save", StringComparison.OrdinalIgnoreCase) && (nextIsOption || isLast))
                    {
                        options.Append("\"\"");
                        handledLastConfigArg = nextIsOption || handledLastConfigArg;
                    }
                    else if (a.Equals("--sentinel", StringComparison.OrdinalIgnoreCase) && nextIsOption)
                        handledLastConfigArg = true;
                }
                else handledLastConfigArg = true;
            }
            else
            {
                options.Append(ConfigRewriter.Repr(a)).Append(' ');
                handledLastConfigArg = true;
            }
        }
        return options.ToString();
    }

    private static bool IsSentinelMode(IReadOnlyList<string> args)
    {
        if (args.Contains("--sentinel")) return true;
        var exe = Environment.GetCommandLineArgs().FirstOrDefault() ?? "";
        return exe.Contains("redis-sentinel", StringComparison.Ordinal)
            || (Environment.ProcessPath ?? "").Contains("redis-sentinel", StringComparison.Ordinal);
    }

    /// <summary>Redis's report: a blank line, the banner, the line (when known), the reason.</summary>
    public static string FatalReport(ConfigFileException ex)
    {
        var sb = new StringBuilder();
        sb.Append($"\n*** FATAL CONFIG FILE ERROR (Redis {RedisVersion}) ***\n");
        if (ex.LineNumber > 0)
        {
            sb.Append($"Reading the configuration file, at line {ex.LineNumber}\n");
            sb.Append($">>> '{ex.Line}'\n");
        }
        sb.Append(ex.Message).Append('\n');
        return sb.ToString();
    }

    /// <summary>A log line written before logging is set up, as Redis does then (stdout, role C, warning).</summary>
    public static void LogEarly(string message)
    {
        var now = DateTime.Now.ToString("dd MMM yyyy HH:mm:ss.fff", CultureInfo.InvariantCulture);
        Console.Out.Flush();
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(Encoding.Latin1.GetBytes($"{Environment.ProcessId}:C {now} # {message}\n"));
    }

    /// <summary>The C library's strerror text for a file error.</summary>
    public static string Strerror(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        _ when ex.Message.Contains("Is a directory", StringComparison.Ordinal) => "Is a directory",
        _ => ex.Message,
    };

    /// <summary>Logs (once, at startup) the directives set to non-default values that RedisNet only stores.</summary>
    public static string? NotImplementedNote(ServerConfig cfg) => cfg.NotImplementedSet.Count == 0 ? null
        : "Configuration directives accepted but not implemented yet (stored only): " + string.Join(", ", cfg.NotImplementedSet.Order(StringComparer.Ordinal));
}
