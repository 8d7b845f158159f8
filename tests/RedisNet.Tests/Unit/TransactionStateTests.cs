using System.Text;
using RedisNet.Commands;
using RedisNet.Protocol;
using RedisNet.Server;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>What EXEC sends to AOF/replicas, and that watches never outlive their transaction or client.</summary>
public class TransactionStateTests
{
    [Fact]
    public void SeveralWritesArePropagatedAsOneMultiExecBlock()
    {
        var h = new KeyTestHost();
        h.Run("MULTI");
        h.Run("SELECT", "1");
        h.Run("SET", "a", "1");
        h.Run("GET", "a");
        h.Run("SELECT", "2");
        h.Run("INCR", "n");
        Assert.Empty(h.Propagated); // queued only
        Assert.Equal("*5\r\n+OK\r\n+OK\r\n$1\r\n1\r\n+OK\r\n:1\r\n", h.Run("EXEC"));
        Assert.Equal(
            [(1, "MULTI"), (1, "SET a 1"), (2, "INCR n"), (2, "EXEC")],
            h.Propagated.Select(p => (p.Db, string.Join(' ', p.Argv))).ToList());
    }

    [Fact]
    public void OneWriteIsPropagatedAloneAndReadsOrAbortsNotAtAll()
    {
        var h = new KeyTestHost();
        h.Run("MULTI");
        h.Run("SET", "a", "1");
        h.Run("GET", "a");
        h.Run("EXEC");
        Assert.Equal(["SET a 1"], h.Propagated.Select(p => string.Join(' ', p.Argv)));

        h.Propagated.Clear();
        h.Run("MULTI");
        h.Run("GET", "a");
        h.Run("INCR", "a2", "extra");   // arity error: EXECABORT
        h.Run("EXEC");
        h.Run("MULTI");
        h.Run("GET", "a");
        h.Run("INCR", "a");             // discarded: never runs
        h.Run("DISCARD");
        h.Run("MULTI");
        h.Run("GET", "a");
        h.Run("EXEC");
        Assert.Empty(h.Propagated);
    }

    [Fact]
    public void ExpiriesInsideExecJoinTheBlock()
    {
        var h = new KeyTestHost();
        h.Run("SET", "old", "v");
        h.Server.Databases[0].SetExpire(h.Server.Databases[0].FindRaw("old"u8)!, 1); // logically expired
        h.Propagated.Clear();
        h.Run("MULTI");
        h.Run("GET", "old");
        h.Run("SET", "new", "v");
        h.Run("EXEC");
        Assert.Equal(["MULTI", "DEL old", "SET new v", "EXEC"], h.Propagated.Select(p => string.Join(' ', p.Argv)));
    }

    [Fact]
    public void WatchesAreReleasedByExecDiscardUnwatchResetAndDisconnect()
    {
        var h = new KeyTestHost();
        var watched = h.Server.WatchedKeys;
        h.Run("WATCH", "a", "b", "a");
        Assert.Equal(2, watched.Count);
        h.Run("UNWATCH");
        Assert.Equal(0, watched.Count);

        h.Run("WATCH", "a");
        h.Run("MULTI");
        h.Run("EXEC");
        Assert.Equal(0, watched.Count);

        h.Run("WATCH", "a");
        h.Run("MULTI");
        h.Run("DISCARD");
        Assert.Equal(0, watched.Count);

        h.Run("WATCH", "a");
        h.Run("RESET");
        Assert.Equal(0, watched.Count);
        Assert.Equal(ClientFlags.None, h.Client.Flags & (ClientFlags.Multi | ClientFlags.DirtyCas));

        var other = h.Server.CreateClient(null);
        Run(h.Server, other, "WATCH", "a");
        h.Run("WATCH", "a");
        Assert.Equal(1, watched.Count); // one key, two watchers
        h.Server.RemoveClient(other);
        Assert.Equal(1, watched.Count);
        h.Run("SET", "a", "1");
        Assert.NotEqual(ClientFlags.None, h.Client.Flags & ClientFlags.DirtyCas);
        h.Server.RemoveClient(h.Client);
        Assert.Equal(0, watched.Count);
    }

    [Fact]
    public void QueuedArgumentsAreCopies()
    {
        var h = new KeyTestHost();
        h.Run("MULTI");
        var batch = CommandBatch.FromArgs([Encoding.Latin1.GetBytes("SET"), Encoding.Latin1.GetBytes("k"), Encoding.Latin1.GetBytes("before")]);
        lock (h.Server.ExecLock) Executor.Execute(h.Server, h.Client, batch, 0);
        "after!"u8.CopyTo(batch.Buffer.AsSpan(4)); // the connection reuses its buffer for the next read
        Assert.Equal(10 + 3 * 8, h.Client.Multi!.ArgvMemory);
        h.Run("EXEC");
        Assert.Equal("$6\r\nbefore\r\n", h.Run("GET", "k"));
    }

    private static void Run(RedisServer server, Client client, params string[] args)
    {
        var batch = CommandBatch.FromArgs(args.Select(Encoding.Latin1.GetBytes).ToArray());
        lock (server.ExecLock) Executor.Execute(server, client, batch, 0);
    }
}
