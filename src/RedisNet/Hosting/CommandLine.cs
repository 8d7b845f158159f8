namespace RedisNet.Hosting;

/// <summary>What the process was asked to do before any configuration is read.</summary>
public enum StartAction { Run, Version, Help, TestMemory, CheckSystem, Sentinel }

/// <summary>
/// redis-server's early command-line handling: `-v`/`--version`, `-h`/`--help`, `--test-memory` and
/// `--check-system` are only recognised as the first argument (as Redis does); sentinel mode is chosen
/// by `--sentinel` anywhere or by being started under a name containing "redis-sentinel".
/// </summary>
public static class CommandLine
{
    public const string Usage =
        "Usage: ./redis-server [/path/to/redis.conf] [options] [-]\n" +
        "       ./redis-server - (read config from stdin)\n" +
        "       ./redis-server -v or --version\n" +
        "       ./redis-server -h or --help\n" +
        "       ./redis-server --test-memory <megabytes>\n" +
        "       ./redis-server --check-system\n" +
        "\n" +
        "Examples:\n" +
        "       ./redis-server (run the server with default conf)\n" +
        "       echo 'maxmemory 128mb' | ./redis-server -\n" +
        "       ./redis-server /etc/redis/6379.conf\n" +
        "       ./redis-server --port 7777\n" +
        "       ./redis-server --port 7777 --replicaof 127.0.0.1 8888\n" +
        "       ./redis-server /etc/myredis.conf --loglevel verbose -\n" +
        "       ./redis-server /etc/myredis.conf --loglevel verbose\n" +
        "\n" +
        "Sentinel mode:\n" +
        "       ./redis-server /etc/sentinel.conf --sentinel\n";

    public const string SentinelNotImplemented = "Sentinel mode is not implemented yet in RedisNet";

    public static StartAction Classify(IReadOnlyList<string> args, string? invokedAs)
    {
        if (args.Count > 0)
        {
            switch (args[0])
            {
                case "-v" or "--version": return StartAction.Version;
                case "-h" or "--help": return StartAction.Help;
                case "--test-memory": return StartAction.TestMemory;
                case "--check-system": return StartAction.CheckSystem;
            }
        }
        if (invokedAs != null && Path.GetFileName(invokedAs).Contains("redis-sentinel", StringComparison.Ordinal))
            return StartAction.Sentinel;
        foreach (var a in args)
            if (a == "--sentinel") return StartAction.Sentinel;
        return StartAction.Run;
    }

    /// <summary>
    /// The name the process was started under (argv[0]), before the apphost or `dotnet` rewrote it:
    /// a `redis-sentinel` symlink to the apphost shows here, while Environment.ProcessPath resolves
    /// the link. /proc/self/cmdline holds the kernel's argv, NUL-separated.
    /// </summary>
    public static string? InvokedAs()
    {
        try
        {
            var raw = File.ReadAllBytes("/proc/self/cmdline");
            int end = Array.IndexOf(raw, (byte)0);
            if (end < 0) end = raw.Length;
            var argv0 = System.Text.Encoding.UTF8.GetString(raw, 0, end);
            // Under `dotnet redis-server.dll`, argv[0] is "dotnet": the dll's own name is the program name.
            if (Path.GetFileName(argv0) == "dotnet") return Environment.GetCommandLineArgs()[0];
            return argv0;
        }
        catch (IOException) { return Environment.GetCommandLineArgs()[0]; }
        catch (UnauthorizedAccessException) { return Environment.GetCommandLineArgs()[0]; }
    }

    /// <summary>Handles the non-run actions: prints what Redis prints and returns the exit code.</summary>
    public static int RunEarlyAction(StartAction action, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        switch (action)
        {
            case StartAction.Version:
                stdout.WriteLine(ServerVersion.VersionLine);
                return 0;
            case StartAction.Help:
                // Redis prints its usage to stderr and exits 1.
                stderr.Write(Usage);
                return 1;
            case StartAction.TestMemory:
                if (args.Count != 2)
                {
                    stderr.Write("Please specify the amount of memory to test in megabytes.\nExample: ./redis-server --test-memory 4096\n\n");
                    return 1;
                }
                stderr.WriteLine("--test-memory is not supported by RedisNet (it runs on a managed runtime that does not expose raw memory testing).");
                return 1;
            case StartAction.CheckSystem:
                stderr.WriteLine("--check-system is not supported by RedisNet.");
                return 1;
            case StartAction.Sentinel:
                stderr.WriteLine(SentinelNotImplemented);
                return 1;
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
    }
}
