using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Infrastructure.BlockingHelpers;

namespace RedisNet.Tests.Differential;

/// <summary>
/// A client blocked in XREADGROUP when its stream key is replaced or moved away (COPY ... REPLACE,
/// RENAME either way, MOVE, SWAPDB, a MULTI that deletes and recreates it): Redis 7.0.15 wakes it and
/// serves the new stream, or fails it with -NOGROUP / -UNBLOCKED. Same reply on both servers.
/// </summary>
public class StreamBlockedKeyReplacedDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    public static TheoryData<string> Scenarios => new()
    {
        "RENAME rk:s rk:moved",
        "XADD rk:t 2-1 f v | XGROUP CREATE rk:t g 0 | RENAME rk:t rk:s",
        "XADD rk:t 2-1 f v | RENAME rk:t rk:s",
        "XADD rk:t 2-1 f v | XGROUP CREATE rk:t g 0 | COPY rk:t rk:s REPLACE",
        "XADD rk:t 2-1 f v | COPY rk:t rk:s REPLACE",
        "SET rk:t x | RENAME rk:t rk:s",
        "SET rk:t x | COPY rk:t rk:s REPLACE",
        "MOVE rk:s 1",
        "MULTI | DEL rk:s | XADD rk:s 5-1 f v | XGROUP CREATE rk:s g 0 | EXEC",
        "MULTI | DEL rk:s | XADD rk:s 5-1 f v | EXEC",
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void BlockedReaderGetsRedissReply(string steps)
    {
        using var s = servers.Session();
        using var redisReader = servers.Redis.Client();
        using var netReader = servers.RedisNet.Client();
        BlockReaders(s, redisReader, netReader);
        foreach (var step in steps.Split('|')) s.Same(step.Trim().Split(' '));
        var expected = redisReader.ReadReply();
        Assert.Equal(DiffSession.Escape(expected), DiffSession.Escape(netReader.ReadReply()));
        s.Same("FLUSHALL");
    }

    [Fact]
    public void ACopyWithoutNewEntriesKeepsTheReaderWaiting()
    {
        using var s = servers.Session();
        using var redisReader = servers.Redis.Client();
        using var netReader = servers.RedisNet.Client();
        BlockReaders(s, redisReader, netReader);
        s.Script("""
            XADD rk:t 2-1 f v
            XGROUP CREATE rk:t g $
            COPY rk:t rk:s REPLACE
            XADD rk:s 3-1 g w
            """);
        var expected = redisReader.ReadReply();
        Assert.Contains("3-1", DiffSession.Escape(expected));
        Assert.Equal(DiffSession.Escape(expected), DiffSession.Escape(netReader.ReadReply()));
        s.Same("FLUSHALL");
    }

    /// <summary>A stream rk:s with group g and nothing new; each server's reader blocks in XREADGROUP on it.</summary>
    private static void BlockReaders(DiffSession s, RespClient redisReader, RespClient netReader)
    {
        s.Same("FLUSHALL");
        s.Same("XADD", "rk:s", "1-1", "f", "v");
        s.Same("XGROUP", "CREATE", "rk:s", "g", "$");
        foreach (var (reader, admin) in new[] { (redisReader, s.Redis), (netReader, s.Net) })
        {
            Send(reader, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "rk:s", ">");
            WaitBlocked(admin, 1);
        }
    }
}
