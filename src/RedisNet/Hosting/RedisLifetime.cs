using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using RedisNet.Logging;

namespace RedisNet.Hosting;

/// <summary>
/// Replaces the host's ConsoleLifetime so signals behave as in Redis: SIGTERM and SIGINT log
/// "Received SIGxxx scheduling shutdown..." and start a graceful shutdown (exit code 0); a second
/// SIGINT during shutdown exits at once with 1 ("You insist... exiting now."); SIGHUP is ignored.
/// Nothing else is printed (no .NET lifetime messages).
/// </summary>
public sealed class RedisLifetime(IHostApplicationLifetime app, RedisLoggerProvider log, ShutdownState state, Server.RedisServer server) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = new();

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, ctx => ctx.Cancel = true));
        return Task.CompletedTask;
    }

    private void OnSignal(PosixSignalContext ctx)
    {
        ctx.Cancel = true;
        if (ctx.Signal == PosixSignal.SIGINT && state.ShuttingDown)
        {
            log.WriteFromSignalHandler("You insist... exiting now.");
            Environment.Exit(1);
        }
        log.WriteFromSignalHandler(server.Rdb.Loading ? "Received shutdown signal during loading, scheduling shutdown." : ctx.Signal switch
        {
            PosixSignal.SIGTERM => "Received SIGTERM scheduling shutdown...",
            PosixSignal.SIGINT => "Received SIGINT scheduling shutdown...",
            _ => "Received shutdown signal, scheduling shutdown...",
        });
        // A failed final save keeps the server running (the errors are logged), as in Redis.
        if (state.Prepare is { } prepare && !prepare(ctx.Signal)) return;
        state.ShuttingDown = true;
        app.StopApplication();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
    }
}

/// <summary>Whether a shutdown has been scheduled (by a signal or SHUTDOWN).</summary>
public sealed class ShutdownState
{
    public volatile bool ShuttingDown;
    /// <summary>Runs the shutdown's preparation (final RDB save) for a signal; false: it failed, keep running. Set by the server.</summary>
    public Func<PosixSignal, bool>? Prepare;
}
