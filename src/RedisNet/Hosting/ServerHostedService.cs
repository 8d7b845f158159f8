using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RedisNet.Networking;
using RedisNet.Server;

namespace RedisNet.Hosting;

/// <summary>
/// The standalone/replica/cluster-node role: binds the listeners, starts the cron, and logs the
/// startup lines operators' tools wait for ("Server initialized", "Ready to accept connections").
/// </summary>
public sealed class ServerHostedService(RedisServer server, IHostApplicationLifetime lifetime) : IHostedService
{
    private Listener? _listener;
    private ServerCron? _cron;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var log = server.Log;
        log.LogInformation("Running mode=standalone, port={Port}.", server.Config.Port);
        log.LogWarning("Server initialized");
        _listener = new Listener(server);
        try
        {
            _listener.Bind();
        }
        catch (IOException ex)
        {
            log.LogWarning("{Message}", ex.Message);
            log.LogWarning("Failed listening on port {Port} (tcp), aborting.", server.Config.Port);
            Environment.Exit(1);
        }
        _cron = new ServerCron(server);
        _cron.Register(_ => server.Instantaneous.Tick(server));
        server.ShutdownHandler = _ =>
        {
            lifetime.StopApplication();
            return true;
        };
        _listener.Start();
        _cron.Start();
        if (server.Config.Port != 0) log.LogInformation("Ready to accept connections tcp");
        if (!string.IsNullOrEmpty(server.Config.UnixSocket)) log.LogInformation("Ready to accept connections unix");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        server.Log.LogWarning("User requested shutdown...");
        _cron?.Dispose();
        _listener?.Dispose();
        server.Log.LogWarning("Redis is now ready to exit, bye bye...");
        return Task.CompletedTask;
    }
}
