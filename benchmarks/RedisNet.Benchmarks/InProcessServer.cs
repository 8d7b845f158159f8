using Microsoft.Extensions.Logging.Abstractions;
using RedisNet.Commands;
using RedisNet.Config;
using RedisNet.Protocol;
using RedisNet.Server;

namespace RedisNet.Benchmarks;

/// <summary>A server and one client in process: runs parsed batches as a connection does, under the execution lock.</summary>
internal sealed class InProcessServer
{
    public readonly RedisServer Server = new(new ServerConfig(), new CommandTable(), NullLoggerFactory.Instance);
    public readonly Client Client;

    public InProcessServer() => Client = Server.CreateClient(null);

    /// <summary>Executes every command of the batch; returns the reply bytes written.</summary>
    public int Run(CommandBatch batch)
    {
        Client.Output.Reset();
        lock (Server.ExecLock)
            for (int i = 0; i < batch.Count; i++) Executor.Execute(Server, Client, batch, i);
        return Client.Output.Length;
    }
}
