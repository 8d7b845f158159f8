using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>
/// Blocking list commands with real connections, run against both redis-server 7.0 and RedisNet
/// with the same expected bytes: wake order, timeouts, pipelines held behind a blocked command,
/// BLMOVE chains, CLIENT UNBLOCK, disconnects, keys that change type while clients wait.
/// (Blocking inside MULTI is not covered: MULTI is not on this branch's main.)
/// </summary>
public class ListBlockingTests(DiffServers servers) : IClassFixture<DiffServers>
{
    public static readonly TheoryData<string> Servers = new("redis", "redisnet");

    private ServerProcess Server(string kind) => kind == "redis" ? servers.Redis : servers.RedisNet;

    private static void Send(RespClient c, params string[] args) => c.SendRaw(RespClient.Encode(args.Select(RespClient.Bytes)));

    private static string Text(byte[] reply) => Encoding.Latin1.GetString(reply);

    /// <summary>Waits until the server reports <paramref name="n"/> blocked clients (the order of later blocks then is known).</summary>
    private static void WaitBlocked(RespClient admin, int n)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Text(admin.Call("INFO", "clients")).Contains($"blocked_clients:{n}\r\n"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"never saw {n} blocked clients");
            Thread.Sleep(5);
        }
    }

    [Theory, MemberData(nameof(Servers))]
    public void ClientsAreServedInBlockingOrder(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var c1 = p.Client();
        using var c2 = p.Client();
        admin.Call("DEL", "fifo");
        Send(c1, "BLPOP", "fifo", "0");
        WaitBlocked(admin, 1);
        Send(c2, "BRPOP", "other", "fifo", "0");
        WaitBlocked(admin, 2);
        Assert.Equal(":2\r\n", admin.CallString("RPUSH", "fifo", "a", "b"));
        Assert.Equal("*2\r\n$4\r\nfifo\r\n$1\r\na\r\n", Text(c1.ReadReply()));
        Assert.Equal("*2\r\n$4\r\nfifo\r\n$1\r\nb\r\n", Text(c2.ReadReply()));
        Assert.Equal(":0\r\n", admin.CallString("EXISTS", "fifo"));
        WaitBlocked(admin, 0);
    }

    [Theory, MemberData(nameof(Servers))]
    public void TimeoutsReplyNullArrays(string kind)
    {
        var p = Server(kind);
        using var c = p.Client();
        Assert.Equal("*-1\r\n", c.CallString("BLPOP", "to:none", "0.01"));
        Assert.Equal("*-1\r\n", c.CallString("BLMOVE", "to:none", "to:dst", "LEFT", "RIGHT", "0.01"));
        Assert.Equal("*-1\r\n", c.CallString("BRPOPLPUSH", "to:none", "to:dst", "0.01"));
        Assert.Equal("*-1\r\n", c.CallString("BLMPOP", "0.01", "1", "to:none", "LEFT"));
        c.Call("HELLO", "3");
        Assert.Equal("_\r\n", c.CallString("BRPOP", "to:none", "0.01"));
        Assert.Equal(":0\r\n", c.CallString("EXISTS", "to:dst"));
    }

    [Theory, MemberData(nameof(Servers))]
    public void PipelinedCommandsWaitForTheBlockedOne(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var c = p.Client();
        admin.Call("DEL", "pipe:q", "pipe:after");
        c.SendRaw(RespClient.Encode(new[] { "BLPOP", "pipe:q", "0" }.Select(RespClient.Bytes))
            .Concat(RespClient.Encode(new[] { "SET", "pipe:after", "1" }.Select(RespClient.Bytes)))
            .Concat(RespClient.Encode(new[] { "GET", "pipe:after" }.Select(RespClient.Bytes))).ToArray());
        WaitBlocked(admin, 1);
        Assert.Equal("$-1\r\n", admin.CallString("GET", "pipe:after"));
        admin.Call("RPUSH", "pipe:q", "x");
        Assert.Equal("*2\r\n$6\r\npipe:q\r\n$1\r\nx\r\n", Text(c.ReadReply()));
        Assert.Equal("+OK\r\n", Text(c.ReadReply()));
        Assert.Equal("$1\r\n1\r\n", Text(c.ReadReply()));
    }

    [Theory, MemberData(nameof(Servers))]
    public void BlmoveChainPassesTheElementAlong(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var c1 = p.Client();
        using var c2 = p.Client();
        admin.Call("DEL", "ch:a", "ch:b", "ch:c");
        Send(c1, "BLMOVE", "ch:a", "ch:b", "LEFT", "RIGHT", "0");
        WaitBlocked(admin, 1);
        Send(c2, "BRPOPLPUSH", "ch:b", "ch:c", "0");
        WaitBlocked(admin, 2);
        admin.Call("RPUSH", "ch:a", "x");
        Assert.Equal("$1\r\nx\r\n", Text(c1.ReadReply()));
        Assert.Equal("$1\r\nx\r\n", Text(c2.ReadReply()));
        Assert.Equal("*1\r\n$1\r\nx\r\n", admin.CallString("LRANGE", "ch:c", "0", "-1"));
        Assert.Equal(":0\r\n", admin.CallString("EXISTS", "ch:a", "ch:b"));
    }

    [Theory, MemberData(nameof(Servers))]
    public void ClientUnblockWithTimeoutOrError(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var c = p.Client();
        var id = Text(c.Call("CLIENT", "ID"))[1..^2];
        Assert.Equal(":0\r\n", admin.CallString("CLIENT", "UNBLOCK", id));
        Send(c, "BLPOP", "ub:q", "0");
        WaitBlocked(admin, 1);
        Assert.Contains("flags=b ", admin.CallString("CLIENT", "LIST", "ID", id));
        Assert.Equal(":1\r\n", admin.CallString("CLIENT", "UNBLOCK", id));
        Assert.Equal("*-1\r\n", Text(c.ReadReply()));
        Send(c, "BLMPOP", "10", "1", "ub:q", "LEFT");
        WaitBlocked(admin, 1);
        Assert.Contains("clients_in_timeout_table:1\r\n", admin.CallString("INFO", "clients"));
        Assert.Equal(":1\r\n", admin.CallString("CLIENT", "UNBLOCK", id, "ERROR"));
        Assert.Equal("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n", Text(c.ReadReply()));
        Assert.Equal("+PONG\r\n", c.CallString("PING"));
        Assert.Contains("clients_in_timeout_table:0\r\n", admin.CallString("INFO", "clients"));
    }

    [Theory, MemberData(nameof(Servers))]
    public void DisconnectWhileBlockedLeavesNoWaiter(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        admin.Call("DEL", "dc:q");
        using (var c = p.Client())
        {
            Send(c, "BLPOP", "dc:q", "0");
            WaitBlocked(admin, 1);
        }
        WaitBlocked(admin, 0);
        admin.Call("RPUSH", "dc:q", "kept");
        Assert.Equal(":1\r\n", admin.CallString("LLEN", "dc:q"));
    }

    [Theory, MemberData(nameof(Servers))]
    public void ClientKillEndsTheWait(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var c = p.Client();
        admin.Call("DEL", "kill:q");
        var id = Text(c.Call("CLIENT", "ID"))[1..^2];
        Send(c, "BRPOP", "kill:q", "0");
        WaitBlocked(admin, 1);
        Assert.Equal(":1\r\n", admin.CallString("CLIENT", "KILL", "ID", id));
        Assert.True(c.IsClosedByServer());
        WaitBlocked(admin, 0);
        admin.Call("RPUSH", "kill:q", "kept");
        Assert.Equal(":1\r\n", admin.CallString("LLEN", "kill:q"));
    }

    [Theory, MemberData(nameof(Servers))]
    public void KeyOfAnotherTypeKeepsClientsWaiting(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var c = p.Client();
        admin.Call("DEL", "ty:q", "ty:q2");
        Send(c, "BLPOP", "ty:q", "ty:q2", "0");
        WaitBlocked(admin, 1);
        admin.Call("SET", "ty:q", "string");
        Assert.Equal("+PONG\r\n", admin.CallString("PING"));
        WaitBlocked(admin, 1);
        admin.Call("RPUSH", "ty:q2", "v");
        Assert.Equal("*2\r\n$5\r\nty:q2\r\n$1\r\nv\r\n", Text(c.ReadReply()));
        Assert.Equal("string", Text(admin.Call("GET", "ty:q"))[4..^2]);
    }

    [Theory, MemberData(nameof(Servers))]
    public void BrpoplpushToWrongTypeFailsWhenServed(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var c = p.Client();
        admin.Call("DEL", "wd:src", "wd:dst");
        admin.Call("SET", "wd:dst", "string");
        Send(c, "BRPOPLPUSH", "wd:src", "wd:dst", "0");
        WaitBlocked(admin, 1);
        admin.Call("RPUSH", "wd:src", "v");
        Assert.Equal("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", Text(c.ReadReply()));
        Assert.Equal("*1\r\n$1\r\nv\r\n", admin.CallString("LRANGE", "wd:src", "0", "-1"));
        WaitBlocked(admin, 0);
    }

    [Theory, MemberData(nameof(Servers))]
    public void OnePushServesAsManyClientsAsItHasElements(string kind)
    {
        var p = Server(kind);
        using var admin = p.Client();
        using var c1 = p.Client();
        using var c2 = p.Client();
        using var c3 = p.Client();
        admin.Call("DEL", "many:q");
        Send(c1, "BLMPOP", "0", "1", "many:q", "RIGHT", "COUNT", "2");
        WaitBlocked(admin, 1);
        Send(c2, "BLPOP", "many:q", "0");
        WaitBlocked(admin, 2);
        Send(c3, "BLPOP", "many:q", "0");
        WaitBlocked(admin, 3);
        admin.Call("RPUSH", "many:q", "a", "b", "c");
        Assert.Equal("*2\r\n$6\r\nmany:q\r\n*2\r\n$1\r\nc\r\n$1\r\nb\r\n", Text(c1.ReadReply()));
        Assert.Equal("*2\r\n$6\r\nmany:q\r\n$1\r\na\r\n", Text(c2.ReadReply()));
        WaitBlocked(admin, 1);
        admin.Call("LPUSH", "many:q", "d");
        Assert.Equal("*2\r\n$6\r\nmany:q\r\n$1\r\nd\r\n", Text(c3.ReadReply()));
    }
}
