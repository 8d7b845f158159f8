using System.Text;
using RedisNet.Commands;
using RedisNet.Protocol;
using RedisNet.Server;

namespace RedisNet.Tests.Unit;

/// <summary>A transport for in-process clients: counts flush requests, sends nothing.</summary>
internal sealed class NullTransport : IClientTransport
{
    public int Flushes;
    public void RequestFlush() => Flushes++;
    public void Close(bool now = false) { }
    public string RemoteAddress => "127.0.0.1:1";
    public string LocalAddress => "127.0.0.1:2";
    public int Fd => 0;
    public int QueryBufferLength => 0;
}

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
