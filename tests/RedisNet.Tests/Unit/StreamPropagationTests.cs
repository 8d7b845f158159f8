using System.Text;
using RedisNet.Config;
using RedisNet.Server;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>
/// What stream commands propagate (as redis-server 7.0.15 writes them to its AOF) and which
/// keyspace events they raise, in order.
/// </summary>
public class StreamPropagationTests
{
    private sealed class Events : IEventPublisher
    {
        public readonly List<string> Seen = new();
        public void Publish(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> message)
        {
            var ch = Encoding.Latin1.GetString(channel);
            if (ch.StartsWith("__keyevent@")) Seen.Add(ch[(ch.IndexOf(':') + 1)..] + " " + Encoding.Latin1.GetString(message));
        }
    }

    [Fact]
    public void AutoIdsArePropagatedAsTheGeneratedId()
    {
        var h = new StringTestHost();
        var reply = h.Call("XADD", "s", "*", "f", "v");
        var id = reply.Split("\r\n")[1];
        h.Call("XADD", "s", "1-1", "f", "v");                 // error: not propagated
        h.Call("XADD", "s", $"{id.Split('-')[0]}-*", "f", "v");
        h.Call("XADD", "s", "NOMKSTREAM", "99999999999999-5", "f", "v");
        Assert.Equal(
        [
            $"XADD s {id} f v",
            $"XADD s {id.Split('-')[0]}-1 f v",
            "XADD s NOMKSTREAM 99999999999999-5 f v",
        ], h.Propagated);
    }

    [Fact]
    public void ApproximateTrimsArePropagatedAsExact()
    {
        var h = new StringTestHost();
        for (int i = 1; i <= 250; i++) h.Call("XADD", "s", $"{i}-0", "f", "v");
        h.Propagated.Clear();
        h.Call("XADD", "s", "MAXLEN", "~", "120", "251-0", "f", "v");
        h.Call("XTRIM", "s", "MINID", "~", "205");
        h.Call("XTRIM", "s", "MAXLEN", "~", "1000");                 // trims nothing: not propagated
        h.Call("XTRIM", "s", "MAXLEN", "=", "40");
        h.Call("XADD", "s", "MINID", "~", "0", "LIMIT", "5", "*", "f", "v");
        Assert.Equal("XADD s MAXLEN = 151 251-0 f v", h.Propagated[0]);
        Assert.Equal("XTRIM s MINID = 201-0", h.Propagated[1]);
        Assert.Equal("XTRIM s MAXLEN = 40", h.Propagated[2]);
        Assert.Matches(@"^XADD s MINID = 201-0 LIMIT 5 \d+-0 f v$", h.Propagated[3]);
        Assert.Equal(4, h.Propagated.Count);
    }

    [Fact]
    public void GroupReadsPropagateClaimsAndGroupIds()
    {
        var h = new StringTestHost();
        h.Call("XADD", "s", "1-1", "a", "1");
        h.Call("XADD", "s", "2-1", "a", "2");
        h.Call("XGROUP", "CREATE", "s", "g", "0");
        h.Propagated.Clear();
        h.Call("XREADGROUP", "GROUP", "g", "c1", "COUNT", "1", "STREAMS", "s", ">");
        h.Call("XREADGROUP", "GROUP", "g", "c2", "NOACK", "STREAMS", "s", ">");
        h.Call("XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "0");       // history: nothing
        h.Call("XREADGROUP", "GROUP", "g", "c3", "STREAMS", "s", ">");       // nothing new: nothing
        var now = h.Server.Clock.NowMs;
        string T(string line) => System.Text.RegularExpressions.Regex.Replace(line, @"TIME \d+", "TIME t");
        Assert.Equal(
        [
            "XCLAIM s g c1 0 1-1 TIME t RETRYCOUNT 1 FORCE JUSTID LASTID 1-1",
            "MULTI", // two commands from one call: wrapped, as Redis 7.0's propagatePendingCommands
            "XGROUP CREATECONSUMER s g c2",
            "XGROUP SETID s g 2-1 ENTRIESREAD 2",
            "EXEC",
        ], h.Propagated.Select(T));
        Assert.InRange(long.Parse(h.Propagated[0].Split(' ')[7]), now - 5000, now);

        h.Propagated.Clear();
        h.Call("XCLAIM", "s", "g", "c4", "0", "1-1", "RETRYCOUNT", "5");
        h.Call("XCLAIM", "s", "g", "c4", "0", "9-9", "LASTID", "3-0");        // nothing claimed: the last ID alone
        h.Call("XAUTOCLAIM", "s", "g", "c5", "0", "0", "JUSTID");
        h.Call("XDEL", "s", "1-1");
        h.Call("XAUTOCLAIM", "s", "g", "c6", "0", "0");                      // drops the deleted entry
        h.Call("XACK", "s", "g", "1-1");
        Assert.Equal(
        [
            "XCLAIM s g c4 0 1-1 TIME t RETRYCOUNT 5 FORCE JUSTID LASTID 2-1",
            "XGROUP SETID s g 3-0 ENTRIESREAD 2",
            "XCLAIM s g c5 0 1-1 TIME t RETRYCOUNT 5 FORCE JUSTID LASTID 3-0",
            "XDEL s 1-1",
            "XCLAIM s g c5 0 1-1 TIME t RETRYCOUNT 5 FORCE JUSTID LASTID 3-0",
        ], h.Propagated.Select(T));
    }

    [Fact]
    public void KeyspaceEvents()
    {
        var h = new StringTestHost(propagate: false);
        var events = new Events();
        h.Server.Events.Publisher = events;
        h.Server.Config.NotifyKeyspaceEvents = KeyspaceEventFlags.Parse("KEA");
        h.Call("XADD", "s", "MAXLEN", "1", "1-1", "a", "1");
        h.Call("XADD", "s", "MAXLEN", "1", "2-1", "a", "1");
        h.Call("XGROUP", "CREATE", "s", "g", "0");
        h.Call("XGROUP", "CREATECONSUMER", "s", "g", "c");
        h.Call("XREADGROUP", "GROUP", "g", "d", "STREAMS", "s", ">");
        h.Call("XGROUP", "SETID", "s", "g", "0");
        h.Call("XGROUP", "DELCONSUMER", "s", "g", "c");
        h.Call("XGROUP", "DESTROY", "s", "g");
        h.Call("XSETID", "s", "5-5");
        h.Call("XDEL", "s", "2-1");
        h.Call("XTRIM", "s", "MAXLEN", "0");   // empty already: no event
        h.Call("XGROUP", "CREATE", "t", "g", "$", "MKSTREAM");
        Assert.Equal(
        [
            "xadd s", "xadd s", "xtrim s", "xgroup-create s", "xgroup-createconsumer s", "xgroup-createconsumer s",
            "xgroup-setid s", "xgroup-delconsumer s", "xgroup-destroy s", "xsetid s", "xdel s", "xgroup-create t",
        ], events.Seen);
    }

    [Fact]
    public void BlockWhereClientsCannotBlockRepliesAsATimeout()
    {
        var h = new StringTestHost(propagate: false);   // a fake client, like a script's
        h.Call("XADD", "s", "1-1", "a", "1");
        Assert.Equal("*-1\r\n", h.Call("XREAD", "BLOCK", "0", "STREAMS", "s", "$"));
        h.Call("XGROUP", "CREATE", "s", "g", "$");
        Assert.Equal("*-1\r\n", h.Call("XREADGROUP", "GROUP", "g", "c", "BLOCK", "10", "STREAMS", "s", ">"));
        Assert.StartsWith("*1\r\n", h.Call("XREAD", "BLOCK", "0", "STREAMS", "s", "0"));
    }
}
