using System.Globalization;
using Microsoft.Extensions.Logging;

namespace RedisNet.Logging;

/// <summary>
/// Writes log lines exactly as Redis does: "pid:R dd Mon yyyy HH:mm:ss.mmm L message", where R is the
/// role (C before the server is initialised, M master, S replica, X sentinel) and L the level mark
/// (. debug, - verbose, * notice, # warning). Operators' tools grep for these lines, so the format is
/// part of the API. Level mapping: Trace=debug, Debug=verbose, Information=notice, Warning+=warning.
/// `logfile ""` writes to stdout; a file is opened for append; `syslog-enabled` also sends to syslog.
/// </summary>
public sealed class RedisLoggerProvider : ILoggerProvider
{
    private readonly object _lock = new();
    private readonly TextWriter _out;
    private readonly bool _ownsWriter;
    private SyslogSink? _syslog;
    /// <summary>Redis prints 'C' until the server has its pid and role (server.pid is still 0).</summary>
    public static volatile char Role = 'C';
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

    public void EnableSyslog(string ident, string facility) => _syslog = new SyslogSink(ident, facility);

    public bool SyslogEnabled => _syslog != null;

    public static LogLevel ParseLevel(string level) => level switch
    {
        "debug" => LogLevel.Trace,
        "verbose" => LogLevel.Debug,
        "notice" => LogLevel.Information,
        "warning" => LogLevel.Warning,
        "nothing" => LogLevel.None,
        _ => LogLevel.Information,
    };

    public static char Mark(LogLevel level) => level switch
    {
        LogLevel.Trace => '.',
        LogLevel.Debug => '-',
        LogLevel.Information => '*',
        _ => '#',
    };

    public bool IsEnabled(LogLevel level) => level >= MinLevel && level != LogLevel.None && MinLevel != LogLevel.None;

    /// <summary>
    /// The category of the lines Redis's forked child writes (BGSAVE, AOF rewrite): they carry role C.
    /// RedisNet has no child; the thread standing in for it logs through this category.
    /// </summary>
    public const string ChildCategory = "redis-child";

    public ILogger CreateLogger(string categoryName) => new RedisLogger(this, categoryName == ChildCategory ? 'C' : null);

    public static string FormatLine(int pid, char role, DateTime now, char mark, string message) =>
        $"{pid}:{role} {now.ToString("dd MMM yyyy HH:mm:ss.fff", CultureInfo.InvariantCulture)} {mark} {message}";

    internal void Write(LogLevel level, string message, char? role = null)
    {
        char mark = Mark(level);
        var line = FormatLine(Environment.ProcessId, role ?? Role, DateTime.Now, mark, message);
        lock (_lock)
        {
            _out.WriteLine(line);
            _out.Flush();
            _syslog?.Send(mark, message);
        }
    }

    /// <summary>
    /// A line logged from a signal handler: Redis cannot format time there, so it prints
    /// "pid:signal-handler (unix seconds) message". Shown unless the level is "nothing".
    /// </summary>
    public void WriteFromSignalHandler(string message)
    {
        if (!IsEnabled(LogLevel.Warning)) return;
        var line = $"{Environment.ProcessId}:signal-handler ({DateTimeOffset.UtcNow.ToUnixTimeSeconds()}) {message}";
        lock (_lock)
        {
            _out.WriteLine(line);
            _out.Flush();
            _syslog?.Send('#', message);
        }
    }

    /// <summary>Writes raw text without the prefix (the ASCII-art logo), at notice level.</summary>
    public void WriteRaw(string text)
    {
        if (!IsEnabled(LogLevel.Information)) return;
        lock (_lock) { _out.Write(text); _out.Flush(); }
    }

    public void Dispose()
    {
        if (_ownsWriter) _out.Dispose();
        _syslog?.Dispose();
    }

    private sealed class RedisLogger(RedisLoggerProvider provider, char? role) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => provider.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            provider.Write(logLevel, formatter(state, exception), role);
        }
    }
}
