using System.Diagnostics;
using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>
/// Output written to a client from elsewhere (pushes from other connections' PUBLISH, its own
/// PUBLISH to a channel it listens on) must always reach it, in order, with every reply. A RESP3
/// subscriber keeps running commands, many of them publishing to itself, while other connections
/// publish to it; at the end every push and every reply must have arrived (a lost one hangs a read).
/// </summary>
public class PubSubFlushStressTests
{
    [Fact]
    public void Resp3SubscriberGetsEveryPushAndReplyUnderConcurrentPublishers()
    {
        using var server = ServerProcess.StartRedisNet();
        using var sub = server.Client();
        sub.Timeout = 5000;
        sub.Call("HELLO", "3");
        Assert.Equal(">3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n", Encoding.ASCII.GetString(sub.Call("SUBSCRIBE", "ch")));

        using var stop = new CancellationTokenSource();
        var publishers = Enumerable.Range(0, 3).Select(p => Task.Run(() =>
        {
            using var c = server.Client();
            long sent = 0;
            while (!stop.IsCancellationRequested)
            {
                Assert.Equal(":1\r\n", Encoding.ASCII.GetString(c.Call("PUBLISH", "ch", "from-" + p)));
                sent++;
            }
            return sent;
        })).ToArray();

        long pushes = 0, selfPublished = 0;
        var commands = new[] { new[] { "PUBLISH", "ch", "self" }, new[] { "PING" }, new[] { "GET", "k" }, new[] { "PUBLISH", "ch", "self" } };
        var expected = new[] { ":1\r\n", "+PONG\r\n", "_\r\n", ":1\r\n" };
        var clock = Stopwatch.StartNew();
        for (int i = 0; clock.ElapsedMilliseconds < 3000; i++)
        {
            int k = i % commands.Length;
            sub.SendRaw(RespClient.Encode(commands[k].Select(RespClient.Bytes)));
            if (commands[k][0] == "PUBLISH") selfPublished++;
            // Pushes may come before the reply; the reply must come (publishers keep pushing, so
            // a lost reply shows as pushes without end, not as a read timeout).
            while (true)
            {
                var reply = Encoding.ASCII.GetString(sub.ReadReply());
                if (reply.StartsWith('>'))
                {
                    pushes++;
                    if (clock.ElapsedMilliseconds > 20_000) { stop.Cancel(); Assert.Fail($"no reply to {string.Join(' ', commands[k])} (command {i})"); }
                    continue;
                }
                Assert.Equal(expected[k], reply);
                break;
            }
        }
        stop.Cancel();
        long published = publishers.Sum(t => t.Result);
        // Every push was written before the publisher got its reply, so before this PING's reply.
        sub.SendRaw(RespClient.Encode(new[] { "PING" }.Select(RespClient.Bytes)));
        while (true)
        {
            var reply = Encoding.ASCII.GetString(sub.ReadReply());
            if (reply.StartsWith('>')) { pushes++; continue; }
            Assert.Equal("+PONG\r\n", reply);
            break;
        }
        Assert.Equal(published + selfPublished, pushes);
    }
}
