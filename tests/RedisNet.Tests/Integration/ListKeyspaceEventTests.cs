using System.Text;
using RedisNet.Config;
using RedisNet.Server;
using RedisNet.Tests.Infrastructure;
using RedisNet.Tests.Unit;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>
/// Keyspace events of the list commands: the oracle's events (seen by a PSUBSCRIBE client) against
/// those RedisNet's commands raise (recorded from the event publisher hook, pub/sub not being here yet).
/// </summary>
public class ListKeyspaceEventTests
{
    private static readonly string[][] Commands =
    [
        ["RPUSH", "ev:a", "1", "2", "3"], ["LPUSH", "ev:a", "0"], ["LPUSHX", "ev:none", "x"], ["RPUSHX", "ev:a", "4"],
        ["LPOP", "ev:a"], ["RPOP", "ev:a", "2"], ["LINSERT", "ev:a", "BEFORE", "2", "x"], ["LINSERT", "ev:a", "AFTER", "zz", "y"],
        ["LSET", "ev:a", "0", "z"], ["LREM", "ev:a", "0", "nothing"], ["LREM", "ev:a", "1", "z"], ["LTRIM", "ev:a", "0", "-1"],
        ["LMOVE", "ev:a", "ev:b", "LEFT", "RIGHT"], ["LMOVE", "ev:b", "ev:b", "LEFT", "RIGHT"], ["RPOPLPUSH", "ev:a", "ev:b"],
        ["RPUSH", "ev:c", "a", "b", "c"], ["LMPOP", "1", "ev:c", "LEFT", "COUNT", "5"], ["RPUSH", "ev:c", "a"],
        ["BLPOP", "ev:c", "0"], ["RPUSH", "ev:c", "a", "b"], ["BLMOVE", "ev:c", "ev:d", "RIGHT", "LEFT", "0"],
        ["BLMPOP", "0", "1", "ev:c", "RIGHT"], ["BRPOPLPUSH", "ev:d", "ev:d", "0"], ["LTRIM", "ev:d", "5", "6"],
        ["RPUSH", "ev:e", "a", "a"], ["LREM", "ev:e", "0", "a"], ["RPUSH", "ev:e", "a"], ["RPOP", "ev:e", "5"],
    ];

    private sealed class Recorder : IEventPublisher
    {
        public readonly List<string> Events = new();
        public void Publish(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> message) =>
            Events.Add(Encoding.Latin1.GetString(channel) + " " + Encoding.Latin1.GetString(message));
    }

    [Fact]
    public void EventsMatchRedisInNameAndOrder()
    {
        using var redis = ServerProcess.StartRedis("--notify-keyspace-events", "Elg");
        using var sub = redis.Client();
        using var cmd = redis.Client();
        sub.Call("PSUBSCRIBE", "__keyevent@0__:*");
        foreach (var c in Commands) cmd.Call(c);
        cmd.Call("DEL", "ev:end");
        cmd.Call("RPUSH", "ev:end", "x");
        var expected = new List<string>();
        while (true)
        {
            // *4 pmessage pattern channel message (no CR/LF inside these names)
            var parts = Encoding.Latin1.GetString(sub.ReadReply()).Split("\r\n");
            var ev = parts[6] + " " + parts[8];
            if (ev.EndsWith(" ev:end")) break;
            expected.Add(ev);
        }

        Assert.True(expected.Count > 30);
        var h = new KeyTestHost(c => c.NotifyKeyspaceEvents = KeyspaceEventFlags.Keyevent | KeyspaceEventFlags.List | KeyspaceEventFlags.Generic);
        var recorder = new Recorder();
        h.Server.Events.Publisher = recorder;
        foreach (var c in Commands) h.Run(c);
        Assert.Equal(expected, recorder.Events);
    }
}
