using System.Text;
using RedisNet.Commands;
using RedisNet.Protocol;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>The hot string commands allocate nothing beyond the value they store; RESP3 reply shapes.</summary>
public class StringHotPathTests
{
    private static long AllocatedPerCall(StringTestHost h, params string[] args)
    {
        var batch = CommandBatch.FromArgs(args.Select(a => Encoding.ASCII.GetBytes(a)).ToArray());
        for (int i = 0; i < 100; i++) { h.Client.Output.Reset(); Executor.Execute(h.Server, h.Client, batch, 0); }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) { h.Client.Output.Reset(); Executor.Execute(h.Server, h.Client, batch, 0); }
        return (GC.GetAllocatedBytesForCurrentThread() - before) / 1000;
    }

    [Fact]
    public void ReadsAllocateNothing()
    {
        var h = new StringTestHost(propagate: false);
        h.Call("MSET", "a", "hello", "b", "12345");
        Assert.Equal(0, AllocatedPerCall(h, "GET", "a"));
        Assert.Equal(0, AllocatedPerCall(h, "GET", "missing"));
        Assert.Equal(0, AllocatedPerCall(h, "MGET", "a", "b", "missing"));
        Assert.Equal(0, AllocatedPerCall(h, "STRLEN", "a"));
    }

    [Fact]
    public void WritesAllocateOnlyTheStoredValue()
    {
        var h = new StringTestHost(propagate: false);
        h.Call("SET", "a", "x");
        // A byte[] of up to 8 bytes is 32 bytes on 64-bit .NET; only the stored copy is allowed,
        // and an overwrite with a value of the same length is done in place (nothing at all).
        Assert.InRange(AllocatedPerCall(h, "SET", "a", "hello"), 0, 32);
        Assert.InRange(AllocatedPerCall(h, "INCR", "n"), 0, 32);
        Assert.InRange(AllocatedPerCall(h, "SET", "a", "hello", "EX", "100"), 0, 32);
        Assert.InRange(AllocatedPerCall(h, "MSET", "a", "1", "b", "2"), 0, 64);
        h.Call("SET", "same", "12345");
        Assert.Equal(0, AllocatedPerCall(h, "SET", "same", "54321"));
    }

    [Fact]
    public void Resp3Replies()
    {
        var h = new StringTestHost();
        h.Client.SetResp(3);
        h.Call("MSET", "la", "ohmytext", "lb", "mynewtext");
        // As redis-server 7.0.15 answers after HELLO 3.
        Assert.Equal("%2\r\n$7\r\nmatches\r\n*2\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n*3\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n:2\r\n$3\r\nlen\r\n:6\r\n",
            h.Call("LCS", "la", "lb", "IDX", "WITHMATCHLEN"));
        Assert.Equal("_\r\n", h.Call("GET", "nokey"));
        Assert.Equal("$3\r\n1.5\r\n", h.Call("INCRBYFLOAT", "ff", "1.5"));
    }
}
