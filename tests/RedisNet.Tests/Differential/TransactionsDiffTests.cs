using System.Text;
using System.Text.RegularExpressions;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>MULTI/EXEC/DISCARD replies, errors while queuing and inside EXEC, RESP3, stats and MONITOR.</summary>
public class TransactionsDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void CommandTableEntries()
    {
        using var s = servers.Session();
        s.Script("""
            COMMAND INFO multi exec discard watch unwatch
            COMMAND DOCS multi exec discard watch unwatch
            COMMAND GETKEYS WATCH a b c
            """);
    }

    [Fact]
    public void QueueAndExecReplyShapes()
    {
        using var s = servers.Session();
        s.Script("""
            DEL tx:a tx:n
            MULTI
            SET tx:a 1
            GET tx:a
            INCR tx:n
            MGET tx:a tx:n tx:missing
            GET tx:missing
            PING
            ECHO hello
            EXEC
            MULTI
            EXEC
            MULTI
            SET tx:a 2
            DISCARD
            GET tx:a
            # after EXEC/DISCARD the client is out of MULTI
            EXEC
            DISCARD
            """);
    }

    [Fact]
    public void CommandErrorsOutsideAndInsideMulti()
    {
        using var s = servers.Session();
        s.Script("""
            EXEC
            DISCARD
            EXEC extra
            DISCARD extra
            MULTI
            MULTI
            WATCH tx:k
            EXEC
            # a nested MULTI or WATCH is an error of that command only: EXEC still runs
            MULTI
            SET tx:k v
            EXEC extra
            # EXEC with wrong arity aborted the transaction at once
            EXEC
            GET tx:k
            MULTI
            MULTI extra
            EXEC
            MULTI
            DISCARD extra
            EXEC
            MULTI
            WATCH
            UNWATCH extra
            EXEC
            """);
    }

    [Fact]
    public void QueuingErrorsMakeExecAbort()
    {
        using var s = servers.Session();
        s.Script("""
            DEL tx:q1 tx:q2
            MULTI
            SET tx:q1 a
            NOSUCHCOMMAND arg1 arg2
            SET tx:q2 b
            EXEC
            MGET tx:q1 tx:q2
            MULTI
            GET
            EXEC
            MULTI
            CONFIG NOSUCHSUB
            EXEC
            MULTI
            CLIENT
            EXEC
            MULTI
            SHUTDOWN
            SET tx:q1 a
            EXEC
            MULTI
            DEBUG SLEEP 0
            EXEC
            MGET tx:q1 tx:q2
            # the aborted transaction left nothing behind
            MULTI
            PING
            EXEC
            """);
    }

    [Fact]
    public void RuntimeErrorsInsideExecDoNotStopTheOthers()
    {
        using var s = servers.Session();
        s.Script("""
            DEL tx:r
            SET tx:r notanumber
            MULTI
            INCR tx:r
            SET tx:r2 v EX 0
            SET tx:r2 v BADOPTION
            GETRANGE tx:r 0 x
            SET tx:r 10
            INCR tx:r
            EXEC
            GET tx:r
            """);
    }

    [Fact]
    public void SelectAndClientStateInsideExec()
    {
        using var s = servers.Session();
        s.Script("""
            SELECT 0
            MULTI
            SELECT 3
            SET tx:db three
            SELECT 4
            GET tx:db
            EXEC
            GET tx:db
            SELECT 3
            GET tx:db
            DEL tx:db
            SELECT 0
            MULTI
            SET tx:db x
            RESET
            EXEC
            MULTI
            MONITOR
            PING
            EXEC
            MULTI
            UNWATCH
            QUIT extra
            """);
    }

    [Fact]
    public void Resp3Replies()
    {
        using var s = servers.Session();
        s.Both("HELLO", "3");
        s.Script("""
            DEL tx:h
            MULTI
            GET tx:h
            SET tx:h 1.5
            INCRBYFLOAT tx:h 1
            MGET tx:h tx:nothing
            EXEC
            WATCH tx:h
            SET tx:h 2
            MULTI
            GET tx:h
            EXEC
            MULTI
            NOSUCH
            EXEC
            EXEC
            """);
    }

    [Fact]
    public void TtlSetInsideExecIsReadOnTheRealClock()
    {
        // SET PX and PTTL both read the real clock inside EXEC (Redis's mstime()), so the answer is
        // 5000 minus whatever time passed between them: a loaded machine may take a few ms.
        using var s = servers.Session();
        s.Script("""
            MULTI
            SET tx:t v PX 5000
            PTTL tx:t
            """);
        var (redis, net) = s.Both("EXEC");
        foreach (var reply in new[] { redis, net })
        {
            var text = System.Text.Encoding.ASCII.GetString(reply);
            Assert.StartsWith("*2\r\n+OK\r\n:", text);
            long pttl = long.Parse(text["*2\r\n+OK\r\n:".Length..].TrimEnd());
            Assert.InRange(pttl, 4000, 5000);
        }
    }

    [Fact]
    public void ExecOfWritesWaitsForClientPauseWrite()
    {
        using var a = servers.Session();
        using var b = servers.Session();
        a.Script("""
            DEL tx:p
            MULTI
            SET tx:p 1
            """);
        b.Script("CLIENT PAUSE 300 WRITE");
        var exec = RespClient.Encode(["EXEC"u8.ToArray()]);
        a.Redis.SendRaw(exec);
        a.Net.SendRaw(exec);
        // Reads go on during the pause; the transaction's write has not happened yet.
        b.Script("GET tx:p");
        Assert.Equal(a.Redis.ReadReply(), a.Net.ReadReply());
        b.Script("""
            GET tx:p
            CLIENT PAUSE 300 WRITE
            """);
        // A read-only transaction is not held back.
        a.Script("""
            MULTI
            GET tx:p
            EXEC
            """);
        b.Script("CLIENT UNPAUSE");
    }

    [Theory]
    [InlineData("MULTI", "PING", "CLIENT REPLY OFF", "PING", "CLIENT REPLY ON", "PING", "EXEC", "PING")]
    [InlineData("MULTI", "PING", "CLIENT REPLY OFF", "PING", "EXEC", "PING", "CLIENT REPLY ON")]
    [InlineData("CLIENT REPLY OFF", "MULTI", "PING", "CLIENT REPLY ON", "PING", "EXEC", "PING")]
    [InlineData("MULTI", "CLIENT REPLY SKIP", "PING", "ECHO a", "EXEC", "ECHO skipped", "PING")]
    [InlineData("CLIENT REPLY SKIP", "EXEC", "MULTI", "PING", "CLIENT REPLY SKIP", "EXEC", "PING")]
    public void ClientReplyModesInsideExec(params string[] commands)
    {
        using var s = servers.Session();
        var pipeline = new StringBuilder();
        foreach (var c in commands.Append("CLIENT REPLY ON").Append("ECHO end")) pipeline.Append(c).Append("\r\n");
        s.Redis.SendRaw(pipeline.ToString());
        s.Net.SendRaw(pipeline.ToString());
        while (true)
        {
            var expected = s.Redis.ReadReply();
            Assert.Equal(DiffSession.Escape(expected), DiffSession.Escape(s.Net.ReadReply()));
            if (Encoding.Latin1.GetString(expected).EndsWith("end\r\n")) break;
        }
    }

    [Fact]
    public void CommandAndErrorStatsCountLikeRedis()
    {
        using var s = servers.Session();
        s.Both("CONFIG", "RESETSTAT");
        s.Script("""
            MULTI
            SET tx:s 1
            GET tx:s
            INCR tx:s
            EXEC
            MULTI
            GET
            NOSUCH
            SHUTDOWN
            EXEC
            EXEC extra
            MULTI
            MULTI
            DISCARD
            WATCH tx:s
            UNWATCH
            SET tx:s x
            MULTI
            INCR tx:s
            EXEC
            INFO errorstats
            """);
        var (redis, net) = s.Both("INFO", "commandstats");
        Assert.Equal(CommandStats(redis), CommandStats(net));
        var (r2, n2) = s.Both("INFO", "stats");
        Assert.Equal(Field(r2, "total_commands_processed"), Field(n2, "total_commands_processed"));
    }

    [Fact]
    public void ClientListShowsTransactionState()
    {
        using var s = servers.Session();
        using var other = servers.Session();
        s.Script("""
            CLIENT SETNAME txlist
            WATCH tx:cl
            MULTI
            SET tx:cl some-value
            GET tx:other
            """);
        Assert.Equal(ClientFields(other), ClientFields(other, net: true));
        other.Script("SET tx:cl changed");
        s.Script("GET tx:cl");
        Assert.Equal(ClientFields(other), ClientFields(other, net: true));
        s.Script("""
            EXEC
            WATCH tx:cl
            """);
        other.Script("SET tx:cl again");
        Assert.Equal(ClientFields(other), ClientFields(other, net: true));
        Assert.Contains("flags=d multi=-1", ClientFields(other, net: true));
        s.Script("""
            UNWATCH
            MULTI
            NOSUCH
            SET a b
            """);
        Assert.Equal(ClientFields(other), ClientFields(other, net: true));
        s.Script("DISCARD");
    }

    [Fact]
    public void MonitorShowsQueuedCommandsWhenExecRuns()
    {
        using var m = servers.Session();
        m.Same("MONITOR");
        using var s = servers.Session();
        s.Script("""
            MULTI
            SET tx:m 1
            GET tx:m
            NOSUCH
            EXEC
            MULTI
            INCR tx:m
            DISCARD
            MULTI
            SET tx:m 2
            EXEC extra
            MULTI
            ECHO inside
            EXEC
            ECHO last
            """);
        Assert.Equal(ServerMonitorDiffTests.ReadUntilLast(m.Redis), ServerMonitorDiffTests.ReadUntilLast(m.Net));
    }

    /// <summary>cmdstat lines for the commands used here, without the timings.</summary>
    private static List<string> CommandStats(byte[] info) =>
        Encoding.Latin1.GetString(info).Split("\r\n")
            .Where(l => l.StartsWith("cmdstat_"))
            .Select(l => Regex.Replace(l, @"usec=\d+,usec_per_call=[\d.]+,", ""))
            .Order(StringComparer.Ordinal).ToList();

    private static string Field(byte[] info, string name) =>
        Encoding.Latin1.GetString(info).Split("\r\n").Single(l => l.StartsWith(name + ":"));

    /// <summary>flags, multi, multi-mem and cmd of the client named txlist, as the other session sees them.</summary>
    private static string ClientFields(DiffSession other, bool net = false)
    {
        var list = Encoding.Latin1.GetString((net ? other.Net : other.Redis).Call("CLIENT", "LIST"));
        var line = list.Split('\n').Single(l => l.Contains(" name=txlist "));
        var keep = new[] { "flags=", "multi=", "multi-mem=", "cmd=" };
        return string.Join(" ", line.Split(' ').Where(f => keep.Any(f.StartsWith)));
    }
}
