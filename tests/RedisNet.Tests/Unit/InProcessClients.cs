using System.Text;
using RedisNet.Commands;
using RedisNet.Protocol;
using RedisNet.Server;

namespace RedisNet.Tests.Unit;

internal static class InProcessClients
{
    /// <summary>Runs one top-level command for <paramref name="c"/> and returns what it wrote (nothing when it blocked).</summary>
    public static string Run(RedisServer server, Client c, params string[] args)
    {
        int mark = c.Output.Length;
        var batch = CommandBatch.FromArgs(args.Select(Encoding.Latin1.GetBytes).ToArray());
        lock (server.ExecLock) Executor.Execute(server, c, batch, 0);
        return Encoding.Latin1.GetString(c.Output.WrittenSpan[mark..]);
    }
}
