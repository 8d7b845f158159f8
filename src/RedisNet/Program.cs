using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RedisNet.Commands;
using RedisNet.Config;
using RedisNet.Hosting;
using RedisNet.Logging;
using RedisNet.Server;

namespace RedisNet;

public static class Program
{
    public static int Main(string[] args)
    {
        // A daemon child leaves the parent's session and terminal before anything else happens.
        Daemon.DetachChild();
        var action = CommandLine.Classify(args, CommandLine.InvokedAs());
        if (action != StartAction.Run) return CommandLine.RunEarlyAction(action, args, Console.Out, Console.Error);

        // Socket completions run on the epoll threads, as Redis's event loop does: no thread-pool hop
        // between a request arriving and its command executing. Must be set before any socket exists.
        Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

        var startDirectory = Directory.GetCurrentDirectory();
        var config = ConfigLoader.Load(args);
        // `io-threads` (default 1, as in Redis) is the number of epoll threads: with one, a single
        // thread reads, executes and writes, like Redis's event loop. Measured on 2 cores with the
        // client beside it, one beats two (which contend for the execution lock and the core).
        // Set before the first asynchronous socket operation, which is when the runtime reads it.
        if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT") is null)
            Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT", config.IoThreads.ToString());
        // A daemon has no terminal: with logfile "" its log goes nowhere, as in Redis.
        var logTarget = config.Daemonize && string.IsNullOrEmpty(config.LogFile) ? "/dev/null" : config.LogFile;
        using var logProvider = new RedisLoggerProvider(logTarget, config.LogLevel);
        if (config.SyslogEnabled) logProvider.EnableSyslog(config.SyslogIdent, config.SyslogFacility);
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logProvider));
        var bootLog = loggerFactory.CreateLogger("redis");

        var supervision = Supervision.Start(config.Supervised, bootLog, announce: !Daemon.IsChild);
        bool background = config.Daemonize && !supervision.Supervised;
        if (background && !Daemon.IsChild) return Daemon.LaunchChild(args, startDirectory);

        bootLog.LogWarning("oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo");
        bootLog.LogWarning("Redis version={Version}, bits={Bits}, commit={Sha}, modified={Dirty}, pid={Pid}, just started",
            ServerVersion.Version, ServerVersion.Bits, ServerVersion.GitSha1, ServerVersion.GitDirty, Environment.ProcessId);
        if (args.Length == 0)
            bootLog.LogWarning("Warning: no config file specified, using the default config. In order to specify a config file use {Exe} /path/to/redis.conf",
                CommandLine.InvokedAs() ?? "redis-server");
        else
            bootLog.LogWarning("Configuration loaded");

        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = args });
        // The host's own messages ("Application started", hosting diagnostics) are not Redis's: drop them.
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        var server = new RedisServer(config, new CommandTable(), loggerFactory);
        foreach (var (from, to) in config.RenameCommands) server.Commands.Rename(from, to);
        config.LogLevelChanged = level => logProvider.MinLevel = RedisLoggerProvider.ParseLevel(level);
        if (ConfigLoader.NotImplementedNote(config) is { } note) server.Log.LogWarning("{Note}", note);
        builder.Services.AddSingleton(server);
        builder.Services.AddSingleton(logProvider);
        builder.Services.AddSingleton(supervision);
        builder.Services.AddSingleton(new PidFile(config.PidFile, background));
        builder.Services.AddSingleton<ShutdownState>();
        builder.Services.AddSingleton<IHostLifetime, RedisLifetime>();
        builder.Services.AddHostedService<ServerHostedService>();
        using var host = builder.Build();
        try
        {
            host.Run();
        }
        catch (StartupFailedException)
        {
            return 1;
        }
        return 0;
    }
}
