using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// Time inside MULTI/EXEC as Redis 7.0.15 has it: keys expire by the time frozen when EXEC started,
/// but TTL/PTTL, relative expiries (SET PX, PEXPIRE, GETEX) and XADD's IDs read the real clock
/// (mstime()), so after DEBUG SLEEP they see the time that passed.
/// </summary>
public class TimeInTransactionDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    [Fact]
    public void AKeyPastItsTtlStillExistsButReportsZeroTtl()
    {
        using var s = servers.Session();
        // The key outlives EXEC's start, not the sleep: it still exists (frozen time), its TTL is 0 (real time).
        s.Script("""
            SET k v PX 1500
            MULTI
            DEBUG SLEEP 1.6
            PTTL k
            TTL k
            EXISTS k
            GET k
            """);
        // Both EXECs start together (one after the other, each sleeps), so neither key expires before.
        s.Redis.SendRaw("EXEC\r\n");
        s.Net.SendRaw("EXEC\r\n");
        var expected = s.Redis.ReadReply();
        Assert.Equal("*5\r\n+OK\r\n:0\r\n:0\r\n:1\r\n$1\r\nv\r\n", Encoding.ASCII.GetString(expected));
        Assert.Equal(DiffSession.Escape(expected), DiffSession.Escape(s.Net.ReadReply()));
    }

    [Fact]
    public void TtlReadsAndNewExpiriesSeeTheTimeThatPassed()
    {
        using var s = servers.Session();
        foreach (var c in new[] { s.Redis, s.Net })
        {
            c.Call("DEL", "a", "b", "c", "k", "st");
            c.Call("SET", "b", "v");
            c.Call("SET", "c", "v");
            c.Call("SET", "k", "v", "PX", "100000");
            c.Call("MULTI");
            foreach (var cmd in new[]
            {
                new[] { "TIME" }, new[] { "DEBUG", "SLEEP", "0.3" },
                new[] { "PTTL", "k" }, new[] { "PEXPIRETIME", "k" },
                new[] { "SET", "a", "v", "PX", "10000" }, new[] { "PEXPIRE", "b", "10000" }, new[] { "GETEX", "c", "PX", "10000" },
                new[] { "PEXPIRETIME", "a" }, new[] { "PEXPIRETIME", "b" }, new[] { "PEXPIRETIME", "c" },
                new[] { "XADD", "st", "*", "f", "1" },
            }) Assert.Equal("+QUEUED\r\n", Encoding.ASCII.GetString(c.Call(cmd)));
            var lines = Encoding.ASCII.GetString(c.Call("EXEC")).Split("\r\n");
            // *11, *2, $10, secs, $n, usecs, +OK, :pttl, :pexpiretime, +OK, :1, $1, v, :a, :b, :c, $n, id
            long start = long.Parse(lines[3]) * 1000 + long.Parse(lines[5]) / 1000;
            long pttl = long.Parse(lines[7][1..]), expireAt = long.Parse(lines[8][1..]);
            // At least 300 ms passed since EXEC began, and PTTL shows it.
            Assert.True(pttl <= expireAt - start - 300, $"PTTL {pttl} ignores the sleep (expire at {expireAt}, EXEC at {start})");
            foreach (var at in new[] { lines[13], lines[14], lines[15] })
                Assert.True(long.Parse(at[1..]) - 10000 >= start + 300, $"relative expiry based on the frozen time: {at} vs EXEC at {start}");
            Assert.True(long.Parse(lines[17].Split('-')[0]) >= start + 300, $"XADD ID {lines[17]} from the frozen time, EXEC at {start}");
        }
    }

    [Fact]
    public void StreamIdleTimesSeeTheTimeThatPassed()
    {
        using var s = servers.Session();
        foreach (var c in new[] { s.Redis, s.Net })
        {
            c.Call("DEL", "ts");
            c.Call("XADD", "ts", "1-1", "f", "v");
            c.Call("XGROUP", "CREATE", "ts", "g", "0");
            c.Call("MULTI");
            foreach (var cmd in new[]
            {
                new[] { "XREADGROUP", "GROUP", "g", "c", "STREAMS", "ts", ">" }, new[] { "DEBUG", "SLEEP", "0.3" },
                new[] { "XPENDING", "ts", "g", "-", "+", "10" }, new[] { "XCLAIM", "ts", "g", "c2", "250", "1-1", "JUSTID" },
            }) Assert.Equal("+QUEUED\r\n", Encoding.ASCII.GetString(c.Call(cmd)));
            var text = Encoding.ASCII.GetString(c.Call("EXEC"));
            // XPENDING's idle time counts the sleep, so XCLAIM's min-idle-time of 250 ms lets it claim.
            var pending = text[text.IndexOf("*1\r\n*4\r\n$3\r\n1-1\r\n$1\r\nc\r\n:", StringComparison.Ordinal)..];
            long idle = long.Parse(pending.Split("\r\n")[6][1..]);
            Assert.True(idle >= 300, $"idle {idle} ignores the sleep");
            Assert.EndsWith("*1\r\n$3\r\n1-1\r\n", text);
        }
    }
}
