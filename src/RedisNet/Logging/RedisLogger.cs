using System.Globalization;
using Microsoft.Extensions.Logging;

namespace RedisNet.Logging;

/// <summary>
/// Writes log lines exactly as Redis does: "pid:R dd Mon yyyy HH:mm:ss.mmm L message", where R is the
/// role (M master, S replica, C child, X sentinel) and L the level mark (. debug, - verbose,
/// * notice, # warning). Operators' tools grep for these lines, so the format is part of the API.
/// Level mapping: Trace=debug, Debug=verbose, Information=notice, Warning and above=warning.
/// </summary>
public sealed class RedisLoggerProvider : ILoggerProvider
{
    private readonly object _lock = new();
    private TextWriter _out;
    private readonly bool _ownsWriter;
    public static char Role = 'M';
    public LogLevel MinLevel;

    public RedisLoggerProvider(string logFile, string level)
    {
        MinLevel = ParseLevel(level);
        if (string.IsNullOrEmpty(logFile))
        {
            _out = Console.Out;
        }
        else
        {
            var fs = new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            _out = new StreamWriter(fs) { AutoFlush = true };
            _ownsWriter = true;
        }
    }

    public static LogLevel ParseLevel(string level) => level switch
    {
        "debug" => LogLevel.Trace,
        "verbose" => LogLevel.Debug,
        "notice" => LogLevel.Information,
        "warning" => LogLevel.Warning,
        "nothing" => LogLevel.None,
        _ => LogLevel.Information,
    };

    public ILogger CreateLogger(string categoryName) => new RedisLogger(this);

    internal void Write(LogLevel level, string message)
    {
        char mark = level switch
        {
            LogLevel.Trace => '.',
            LogLevel.Debug => '-',
            LogLevel.Information => '*',
            _ => '#',
        };
        var now = DateTime.Now;
        var line = $"{Environment.ProcessId}:{Role} {now.ToString("dd MMM yyyy HH:mm:ss.fff", CultureInfo.InvariantCulture)} {mark} {message}";
        lock (_lock)
        {
            _out.WriteLine(line);
            _out.Flush();
        }
    }

    /// <summary>Writes a raw line (the ASCII-art banner is printed without the log prefix).</summary>
    public void WriteRaw(string text)
    {
        lock (_lock) { _out.Write(text); _out.Flush(); }
    }

    public void Dispose()
    {
        if (_ownsWriter) _out.Dispose();
    }

    private sealed class RedisLogger(RedisLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider.MinLevel && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            provider.Write(logLevel, formatter(state, exception));
        }
    }
}
