using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using RedisNet.Commands;
using RedisNet.Config;
using RedisNet.Protocol;
using RedisNet.Server;

namespace RedisNet.Tests.Unit;

/// <summary>An in-process server with one fake client, for checking state a reply does not show (stats, propagation).</summary>
internal sealed class KeyTestHost
{
    public RedisServer Server { get; }
    public Client Client { get; }
    public List<(int Db, string[] Argv)> Propagated { get; } = new();

    public KeyTestHost(Action<ServerConfig>? configure = null)
    {
        // No save points (like the test servers): FLUSHALL must not write a dump into the test directory.
        var config = new ServerConfig { EnableDebugCommand = "yes", SaveParams = new() };
        configure?.Invoke(config);
        Server = new RedisServer(config, new CommandTable(), NullLoggerFactory.Instance);
        Client = Server.CreateClient(null);
        Server.Propagation.Attach(new Sink(this));
    }

    /// <summary>Runs one command and returns its raw reply.</summary>
    public string Run(params string[] args)
    {
        Client.Output.Reset();
        var batch = CommandBatch.FromArgs(args.Select(Encoding.Latin1.GetBytes).ToArray());
        lock (Server.ExecLock) Executor.Execute(Server, Client, batch, 0);
        return Encoding.Latin1.GetString(Client.Output.WrittenSpan);
    }

    private sealed class Sink(KeyTestHost host) : IPropagationSink
    {
        public void Feed(int db, IReadOnlyList<byte[]> argv) =>
            host.Propagated.Add((db, argv.Select(a => Encoding.Latin1.GetString(a)).ToArray()));
    }
}
