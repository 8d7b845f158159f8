using System.Runtime.InteropServices;
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
        // Socket completions run on the epoll threads, as Redis's event loop does: no thread-pool hop
        // between a request arriving and its command executing. Must be set before any socket exists.
        Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        // One epoll thread per usable core (ProcessorCount honours taskset): I/O and parsing run in
        // parallel across connections while execution stays serialized by the execution lock.
        if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT") is null)
            Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT", Environment.ProcessorCount.ToString());

        var config = ConfigLoader.Load(args);
        var logProvider = new RedisLoggerProvider(config.LogFile, config.LogLevel);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = args });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logProvider);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logProvider));
        var server = new RedisServer(config, new CommandTable(), loggerFactory);
        foreach (var (from, to) in config.RenameCommands) server.Commands.Rename(from, to);
        config.LogLevelChanged = level => logProvider.MinLevel = RedisLoggerProvider.ParseLevel(level);
        if (ConfigLoader.NotImplementedNote(config) is { } note) server.Log.LogWarning("{Note}", note);
        if (!OpenFilesLimit.Adjust(config, server.Log)) return 1;
        builder.Services.AddSingleton(server);
        builder.Services.AddHostedService<ServerHostedService>();
        // SIGHUP must not kill the server (Redis ignores it; init scripts send it to "reload").
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, ctx => ctx.Cancel = true);
        using var host = builder.Build();
        host.Run();
        return 0;
    }
}
