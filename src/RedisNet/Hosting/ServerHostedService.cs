using RedisNet.Config;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RedisNet.Logging;
using RedisNet.Networking;
using RedisNet.Persistence;
using RedisNet.Server;

namespace RedisNet.Hosting;

/// <summary>Startup could not complete (bind failure, too few file descriptors): the process exits 1.</summary>
public sealed class StartupFailedException : Exception
{
    public StartupFailedException() : base("startup failed") { }
}

/// <summary>
/// The standalone/replica/cluster-node role: adjusts the fd limit, binds the listeners, writes the
/// pid file, logs the startup lines operators' tools wait for ("Server initialized", "Ready to accept
/// connections"), starts the cron, and on shutdown logs Redis's lines while tearing down in Redis's order.
/// </summary>
public sealed class ServerHostedService(
    RedisServer server, IHostApplicationLifetime lifetime, RedisLoggerProvider logProvider,
    Supervision supervision, PidFile pidFile, ShutdownState state) : IHostedService
{
    private Listener? _listener;
    private ServerCron? _cron;
    private volatile bool _prepared;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var log = server.Log;
        var cfg = server.Config;
        RedisLoggerProvider.Role = 'M';
        if (!OpenFilesLimit.Adjust(cfg, log)) throw new StartupFailedException();
        log.LogInformation("monotonic clock: POSIX clock_gettime");

        _listener = new Listener(server);
        if (!_listener.Bind()) throw new StartupFailedException();
        pidFile.Write();

        if (Logo.ShouldShow(cfg.AlwaysShowLogo, logProvider.SyslogEnabled, cfg.LogFile, Native.isatty(1) == 1))
            logProvider.WriteRaw(Logo.Render("standalone", cfg.Port, Environment.ProcessId));
        else
            log.LogInformation("{Line}", Logo.OneLine("standalone", cfg.Port));
        TcpBacklog.Check(cfg.TcpBacklog, log);
        log.LogWarning("Server initialized");

        _cron = new ServerCron(server);
        _cron.Register(_ => server.Instantaneous.Tick(server));
        _cron.Register(new PeriodicLogs(server, logProvider).Tick);
        _cron.Register(tick => server.Aof.File?.CronTick(tick));
        _cron.Register(_ => RdbSaves.Cron(server));
        // Signals prepare the shutdown (final save) before the host stops; a failed save keeps the server up.
        state.Prepare = signal =>
        {
            // shutdown-on-sigint / shutdown-on-sigterm: "default" or flags among save, nosave, now, force.
            var flags = (signal == System.Runtime.InteropServices.PosixSignal.SIGINT ? cfg.ShutdownOnSigint : cfg.ShutdownOnSigterm).Split(' ');
            var request = new ShutdownRequest(flags.Contains("nosave"), flags.Contains("save"), flags.Contains("now"), flags.Contains("force"), false, FromSignal: true);
            lock (server.ExecLock) return PrepareForShutdown(request);
        };
        server.ShutdownHandler = request =>
        {
            if (!PrepareForShutdown(request)) return false;
            state.ShuttingDown = true;
            // Not inline: the caller holds the execution lock, and stopping takes it.
            ThreadPool.UnsafeQueueUserWorkItem(_ => lifetime.StopApplication(), null);
            return true;
        };
        // Clients connecting while the dump or the AOF loads are served between loading steps: -LOADING for
        // most commands, as from Redis. "Ready to accept connections" follows the load.
        cfg.RebindListeners = _listener.RebindTcp;
        // The listener starts on a pool thread: with inline socket completions, starting it here would
        // let a waiting client's commands run on this thread, inside the load's lock hold.
        var listener = _listener;
        var loaded = RdbLoading.LoadAtStartup(server, () => ThreadPool.UnsafeQueueUserWorkItem(_ => listener.Start(), null));
        if (loaded == RdbLoading.Outcome.Fatal) throw new StartupFailedException();
        if (loaded == RdbLoading.Outcome.Aborted) return Task.CompletedTask; // the host is stopping already
        if (_listener.HasTcp) log.LogInformation("Ready to accept connections");
        if (_listener.HasUnix) log.LogInformation("The server is now ready to accept connections at {Path}", cfg.UnixSocket);
        _cron.Start();
        supervision.Ready();
        Daemon.SignalReady();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Redis's prepareForShutdown up to the final save (under the execution lock). False: the save
    /// failed without FORCE, the errors are logged and the server keeps running.
    /// </summary>
    private bool PrepareForShutdown(ShutdownRequest request)
    {
        if (_prepared) return true;
        server.Log.LogWarning("User requested shutdown...");
        // During the startup load nothing is saved, and the load stops at its next yield.
        if (server.Rdb.Loading) server.Rdb.AbortLoading = true;
        if (!RdbSaves.BeforeShutdown(server, request, () => server.Aof.File?.BeforeShutdown(request.Force) ?? true))
        {
            server.Log.LogWarning("Errors trying to shut down the server. Check the logs for more information.");
            return false;
        }
        _prepared = true;
        return true;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        var log = server.Log;
        state.ShuttingDown = true;
        if (!_prepared) lock (server.ExecLock) PrepareForShutdown(new ShutdownRequest(false, false, false, Force: true, false, FromSignal: true));
        supervision.Stopping();
        _cron?.Dispose();
        lock (server.ExecLock) server.Aof.File?.Dispose();
        pidFile.Remove(log);
        if (_listener != null)
        {
            _listener.Dispose();
            if (_listener.HasUnix) log.LogInformation("Removing the unix socket file.");
        }
        log.LogWarning("Redis is now ready to exit, bye bye...");
        return Task.CompletedTask;
    }
}
