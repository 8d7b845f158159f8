using System.Text;
using RedisNet.Commands;
using RedisNet.Protocol;
using RedisNet.Server;
using RedisNet.Types.List;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>What list commands send to AOF/replicas (as Redis rewrites them), blocking served in-process, and the list structure.</summary>
public class ListPropagationTests
{
    [Fact]
    public void BlockingCommandsThatServeAtOncePropagateTheirPlainForms()
    {
        var h = new KeyTestHost();
        h.Run("RPUSH", "q", "a", "b", "c", "d", "e");
        h.Propagated.Clear();
        Assert.Equal("*2\r\n$1\r\nq\r\n$1\r\na\r\n", h.Run("BLPOP", "none", "q", "0"));
        h.Run("BRPOP", "q", "1.5");
        h.Run("BLMOVE", "q", "dst", "LEFT", "RIGHT", "0");
        h.Run("BRPOPLPUSH", "q", "dst", "0");
        h.Run("LMPOP", "2", "none", "dst", "RIGHT", "COUNT", "10");
        h.Run("BLMPOP", "0", "1", "q", "LEFT");
        h.Run("BLPOP", "q", "0"); // nothing left: a fake client gets the timeout reply, nothing propagates
        Assert.Equal(new[]
        {
            "LPOP q", "RPOP q", "LMOVE q dst LEFT RIGHT", "RPOPLPUSH q dst", "RPOP dst 2", "LPOP q 1",
        }, h.Propagated.Select(p => string.Join(' ', p.Argv)));
    }

    [Fact]
    public void FakeClientsGetTheTimeoutReplyAtOnce()
    {
        var h = new KeyTestHost();
        Assert.Equal("*-1\r\n", h.Run("BLPOP", "none", "0"));
        Assert.Equal("$-1\r\n", h.Run("BLMOVE", "none", "d", "LEFT", "LEFT", "0"));
        Assert.Equal("*-1\r\n", h.Run("BLMPOP", "0", "1", "none", "LEFT"));
        Assert.Equal(0, h.Server.Blocking.BlockedOnKeys);
    }

    private static string Run(RedisServer server, Client c, params string[] args)
    {
        int mark = c.Output.Length;
        var batch = CommandBatch.FromArgs(args.Select(Encoding.Latin1.GetBytes).ToArray());
        lock (server.ExecLock) Executor.Execute(server, c, batch, 0);
        return Encoding.Latin1.GetString(c.Output.WrittenSpan[mark..]);
    }

    [Fact]
    public void ServedClientsPropagateAsPopsAfterThePush()
    {
        var h = new KeyTestHost();
        var t1 = new NullTransport();
        var waiter = h.Server.CreateClient(t1);
        var waiter2 = h.Server.CreateClient(new NullTransport());
        Assert.Equal("", Run(h.Server, waiter, "BLPOP", "k", "0"));
        Assert.Equal("", Run(h.Server, waiter2, "BLMOVE", "k", "d", "RIGHT", "LEFT", "0"));
        Assert.Equal(2, h.Server.Blocking.BlockedOnKeys);
        Assert.True(waiter.BlockState!.IsBlocked);
        Assert.Equal(":2\r\n", h.Run("RPUSH", "k", "x", "y"));
        Assert.Equal("*2\r\n$1\r\nk\r\n$1\r\nx\r\n", Encoding.Latin1.GetString(waiter.Output.WrittenSpan));
        Assert.Equal("$1\r\ny\r\n", Encoding.Latin1.GetString(waiter2.Output.WrittenSpan));
        Assert.Equal(1, t1.Flushes);
        Assert.True(waiter.BlockState.Unblocked.IsCompleted);
        Assert.Equal(0, h.Server.Blocking.BlockedOnKeys);
        Assert.Equal(new[] { "RPUSH k x y", "LPOP k", "LMOVE k d RIGHT LEFT" }, h.Propagated.Select(p => string.Join(' ', p.Argv)));
    }

    /// <summary>Runs a command without the top-level serving step, as EXEC and scripts run theirs.</summary>
    private static void CallInsideUnit(KeyTestHost h, params string[] args)
    {
        var ctx = h.Client.Context;
        ctx.Bind(CommandBatch.FromArgs(args.Select(Encoding.Latin1.GetBytes).ToArray()), 0, args.Length);
        var cmd = h.Server.Commands.Find(ctx.Arg(0))!;
        ctx.Command = cmd;
        Executor.Call(ctx, cmd);
    }

    [Fact]
    public void ClientsAreServedFromTheKeyThatBecameReadyFirst()
    {
        var h = new KeyTestHost();
        var waiter = h.Server.CreateClient(new NullTransport());
        Assert.Equal("", Run(h.Server, waiter, "BLPOP", "a", "b", "0"));
        lock (h.Server.ExecLock)
        {
            CallInsideUnit(h, "RPUSH", "b", "x");
            CallInsideUnit(h, "RPUSH", "a", "y");
            Assert.True(waiter.BlockState!.IsBlocked); // nothing is served inside the unit
            h.Server.Blocking.ServeReady(h.Server);
        }
        Assert.Equal("*2\r\n$1\r\nb\r\n$1\r\nx\r\n", Encoding.Latin1.GetString(waiter.Output.WrittenSpan));
        Assert.Equal(":1\r\n", h.Run("LLEN", "a"));
        Assert.Equal(":0\r\n", h.Run("EXISTS", "b"));
    }

    [Fact]
    public void ListStructureKeepsOrderAcrossNodes()
    {
        var list = new ListValue(2); // two elements per node: every operation crosses nodes
        var model = new List<string>();
        var rng = new Random(7);
        for (int step = 0; step < 3000; step++)
        {
            string v = "v" + rng.Next(50);
            switch (rng.Next(6))
            {
                case 0: list.PushHead(Encoding.ASCII.GetBytes(v)); model.Insert(0, v); break;
                case 1: list.PushTail(Encoding.ASCII.GetBytes(v)); model.Add(v); break;
                case 2 when model.Count > 0:
                    bool head = rng.Next(2) == 0;
                    Assert.Equal(head ? model[0] : model[^1], Encoding.ASCII.GetString(list.Pop(head)));
                    model.RemoveAt(head ? 0 : model.Count - 1);
                    break;
                case 3 when model.Count > 0:
                    int at = rng.Next(model.Count);
                    bool after = rng.Next(2) == 0;
                    list.Insert(at, after, Encoding.ASCII.GetBytes(v));
                    model.Insert(after ? at + 1 : at, v);
                    break;
                case 4 when model.Count > 2:
                    int from = rng.Next(model.Count - 1), n = rng.Next(1, Math.Min(4, model.Count - from));
                    list.RemoveRange(from, n);
                    model.RemoveRange(from, n);
                    break;
                case 5 when model.Count > 0:
                    int idx = rng.Next(model.Count);
                    list.Set(idx, Encoding.ASCII.GetBytes(v));
                    model[idx] = v;
                    break;
            }
            Assert.Equal(model.Count, list.Count);
        }
        for (int i = 0; i < model.Count; i++) Assert.Equal(model[i], Encoding.ASCII.GetString(list.Get(i)));
        var back = new List<string>();
        if (model.Count > 0)
            for (var c = list.CursorAt(model.Count - 1); c.Valid; c.Prev()) back.Add(Encoding.ASCII.GetString(c.Current));
        back.Reverse();
        Assert.Equal(model, back);
    }
}
