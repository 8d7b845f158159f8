using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using RedisNet.Commands;
using RedisNet.Config;
using RedisNet.Keyspace;
using RedisNet.Protocol;
using RedisNet.Server;

namespace RedisNet.Tests.Unit;

/// <summary>
/// An in-process server with one fake client, for looking at state a network client cannot see
/// yet (TTLs, encodings, statistics, what is propagated) and at types no command can create yet.
/// </summary>
internal sealed class StringTestHost : IPropagationSink
{
    private static readonly CommandTable Commands = new();

    public readonly RedisServer Server;
    public readonly Client Client;
    public readonly List<string> Propagated = new();

    public StringTestHost(bool propagate = true)
    {
        Server = new RedisServer(new ServerConfig { SaveParams = new() }, Commands, NullLoggerFactory.Instance); // no save points: no dump written by FLUSHALL
        Client = Server.CreateClient(null);
        if (propagate) Server.Propagation.Attach(this);
    }

    public Database Db => Client.Db;

    /// <summary>Runs one command and returns its raw reply, with CR LF shown as "\r\n".</summary>
    public string Call(params string[] args)
    {
        var batch = CommandBatch.FromArgs(args.Select(a => Encoding.Latin1.GetBytes(a)).ToArray());
        Client.Output.Reset();
        Executor.Execute(Server, Client, batch, 0);
        return Encoding.Latin1.GetString(Client.Output.WrittenSpan);
    }

    public KeyEntry? Entry(string key) => Db.Peek(Encoding.Latin1.GetBytes(key));

    public string EncodingOf(string key) => StringValues.Encoding(Entry(key)!.Value);

    public void Feed(int db, IReadOnlyList<byte[]> argv) =>
        Propagated.Add(string.Join(" ", argv.Select(a => Encoding.Latin1.GetString(a))));
}
