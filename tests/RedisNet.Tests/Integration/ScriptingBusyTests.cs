using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>A long script makes other clients get BUSY; SCRIPT KILL / FUNCTION KILL end it (two connections).</summary>
public class ScriptingBusyTests
{
    private static string WaitForBusy(RespClient other, params string[] cmd)
    {
        for (int i = 0; i < 200; i++)
        {
            var r = other.CallString(cmd);
            if (r.StartsWith("-BUSY", StringComparison.Ordinal)) return r;
            Thread.Sleep(20);
        }
        return "never busy";
    }

    [Fact]
    public void ScriptKillStopsALongScript()
    {
        using var server = ServerProcess.StartRedisNet("--busy-reply-threshold", "100");
        using var runner = server.Client();
        using var other = server.Client();
        runner.SendRaw(RespClient.Encode(new[] { "EVAL", "while true do end", "0" }.Select(RespClient.Bytes)));
        Assert.Equal("-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n", WaitForBusy(other, "PING"));
        Assert.Equal("-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n", other.CallString("FUNCTION", "KILL"));
        Assert.Equal("+OK\r\n", other.CallString("SCRIPT", "KILL"));
        var reply = System.Text.Encoding.ASCII.GetString(runner.ReadReply());
        Assert.StartsWith("-ERR Script killed by user with SCRIPT KILL...", reply);
        Assert.Equal("+PONG\r\n", other.CallString("PING"));
        Assert.Equal("-NOTBUSY No scripts in execution right now.\r\n", other.CallString("SCRIPT", "KILL"));
    }

    [Fact]
    public void PcallCannotSwallowTheKill()
    {
        using var server = ServerProcess.StartRedisNet("--busy-reply-threshold", "100");
        using var runner = server.Client();
        using var other = server.Client();
        runner.SendRaw(RespClient.Encode(new[] { "EVAL", "while true do pcall(function() while true do end end) end", "0" }.Select(RespClient.Bytes)));
        WaitForBusy(other, "GET", "x");
        Assert.Equal("+OK\r\n", other.CallString("SCRIPT", "KILL"));
        Assert.StartsWith("-ERR Script killed by user", System.Text.Encoding.ASCII.GetString(runner.ReadReply()));
    }

    [Fact]
    public void ScriptThatWroteIsUnkillableAndFunctionKillWorks()
    {
        using var server = ServerProcess.StartRedisNet("--busy-reply-threshold", "100");
        using var runner = server.Client();
        using var other = server.Client();
        runner.SendRaw(RespClient.Encode(new[] { "EVAL", "redis.call('set','k','v') local t = redis.call('time') while redis.call('time')[1] - t[1] < 2 do end return 1", "0" }.Select(RespClient.Bytes)));
        WaitForBusy(other, "PING");
        Assert.StartsWith("-UNKILLABLE Sorry the script already executed write commands", other.CallString("SCRIPT", "KILL"));
        Assert.Equal(":1\r\n", System.Text.Encoding.ASCII.GetString(runner.ReadReply()));

        Assert.Equal("$1\r\nf\r\n", other.CallString("FUNCTION", "LOAD", "#!lua name=f\nredis.register_function('spin', function() while true do end end)"));
        runner.SendRaw(RespClient.Encode(new[] { "FCALL", "spin", "0" }.Select(RespClient.Bytes)));
        Assert.Equal("-BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.\r\n", WaitForBusy(other, "PING"));
        var stats = other.CallString("FUNCTION", "STATS");
        Assert.StartsWith("*4\r\n$14\r\nrunning_script\r\n*6\r\n$4\r\nname\r\n$4\r\nspin\r\n$7\r\ncommand\r\n*3\r\n$5\r\nFCALL\r\n$4\r\nspin\r\n$1\r\n0\r\n$11\r\nduration_ms\r\n:", stats);
        Assert.Equal("+OK\r\n", other.CallString("FUNCTION", "KILL"));
        Assert.StartsWith("-ERR Script killed by user", System.Text.Encoding.ASCII.GetString(runner.ReadReply()));
    }

    [Fact]
    public void ShutdownNosaveEndsABusyServer()
    {
        using var server = ServerProcess.StartRedisNet("--busy-reply-threshold", "100");
        using var runner = server.Client();
        using var other = server.Client();
        runner.SendRaw(RespClient.Encode(new[] { "EVAL", "redis.call('set','k','v') while true do end", "0" }.Select(RespClient.Bytes)));
        WaitForBusy(other, "PING");
        Assert.StartsWith("-UNKILLABLE", other.CallString("SCRIPT", "KILL"));
        other.SendRaw(RespClient.Encode(new[] { "SHUTDOWN", "NOSAVE" }.Select(RespClient.Bytes)));
        Assert.True(server.WaitForExit(10_000));
    }
}
