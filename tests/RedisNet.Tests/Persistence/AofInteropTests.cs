using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Persistence.AofTestSupport;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// The AOF directory both ways with redis-server 7.0: what RedisNet writes passes redis-check-aof and
/// loads in Redis to the same DEBUG DIGEST; what Redis writes loads in RedisNet to the same digest;
/// with and without the RDB preamble, before and after BGREWRITEAOF.
/// </summary>
public class AofInteropTests
{
    private static readonly string Strings = $"""
        SET a 1
        SET b hello EX 100000
        SET big {new string('x', 5000)}
        INCR counter
        INCRBYFLOAT f 1.5
        MSET m1 1 m2 2
        EXPIRE a 50000
        GETEX b PX 90000000
        SETEX sx 100000 v
        APPEND a xyz
        DEL m1
        MULTI
        SET t1 1
        INCR t1
        EXEC
        SELECT 3
        SET c 3
        SET d v PXAT 99999999999999
        SELECT 0
        """;

    private const string OtherTypes = """
        RPUSH l a b c
        LPUSH l z
        SADD s x y z 1
        SADD is 1 2 3
        ZADD z 1 a 2.5 b -inf c 0.1 d
        HSET h f1 v1 f2 v2
        PFADD hll a b c
        SETBIT bits 7 1
        XADD st 1-1 a b
        XADD st 2-1 a c
        XGROUP CREATE st g 0
        SELECT 2
        RPUSH l2 q
        SELECT 0
        """;

    private const string After = """
        SET after 1
        RPUSH lafter 1 2
        DEL counter
        """;

    [Theory]
    [InlineData("yes")]
    [InlineData("no")]
    public void RedisNetDirectoryPassesRedisCheckAofAndLoadsInRedis(string preamble)
    {
        var dir = NewDir();
        try
        {
            string beforeRewrite, digest;
            using (var net = RedisNetOn(dir, "--appendonly", "yes", "--aof-use-rdb-preamble", preamble))
            using (var c = net.Client())
            {
                Run(c, Strings);
                Run(c, OtherTypes);
                beforeRewrite = Digest(c);
                Assert.Equal("+Background append only file rewriting started\r\n", c.CallString("BGREWRITEAOF"));
                WaitRewriteDone(c);
                Run(c, After);
                digest = Digest(c);
            }
            string ext = preamble == "yes" ? "rdb" : "aof";
            Assert.Equal($"file appendonly.aof.2.base.{ext} seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n", Manifest(dir));
            Assert.Equal(["appendonly.aof.2.base." + ext, "appendonly.aof.2.incr.aof", "appendonly.aof.manifest"],
                Directory.GetFiles(Path.Combine(dir, "appendonlydir")).Select(Path.GetFileName).Order());
            AssertCheckAofAccepts(dir);
            using (var redis = RedisOn(dir, "--appendonly", "yes"))
            using (var c = redis.Client())
                Assert.Equal(digest, Digest(c));
            Assert.NotEqual(beforeRewrite, digest);
        }
        finally { Delete(dir); }
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("no")]
    public void RedisDirectoryLoadsInRedisNet(string preamble)
    {
        var dir = NewDir();
        string? beforeCopy = null;
        try
        {
            string before, after;
            using (var redis = RedisOn(dir, "--appendonly", "yes", "--aof-use-rdb-preamble", preamble, "--appendfsync", "always"))
            using (var c = redis.Client())
            {
                Run(c, Strings);
                Run(c, OtherTypes);
                before = Digest(c);
                beforeCopy = CopyDir(dir);
                c.Call("BGREWRITEAOF");
                WaitRewriteDone(c);
                Run(c, After);
                after = Digest(c);
                Shutdown(redis, c);
            }
            // Only incr files (and an empty base) before the rewrite: every type replays as commands.
            using (var net = RedisNetOn(beforeCopy, "--appendonly", "yes"))
            using (var c = net.Client())
                Assert.Equal(before, Digest(c));
            using (var net = RedisNetOn(dir, "--appendonly", "yes"))
            using (var c = net.Client())
            {
                Assert.Equal(after, Digest(c));
                AssertLogged(net, $"DB loaded from base file appendonly.aof.2.base.{(preamble == "yes" ? "rdb" : "aof")}");
                AssertLogged(net, "DB loaded from incr file appendonly.aof.2.incr.aof");
                AssertLogged(net, "Opening AOF incr file appendonly.aof.2.incr.aof on server start");
            }
        }
        finally
        {
            Delete(dir);
            if (beforeCopy is not null) Delete(beforeCopy);
        }
    }

    [Fact]
    public void IncrFileMatchesRedisByteForByte()
    {
        var script = Strings + "\n" + OtherTypes + """
            EXPIRE l 1000
            PEXPIRE s 100000
            EXPIREAT z 99999999999
            PERSIST z
            SET e v PX 100000 KEEPTTL
            SET e w KEEPTTL
            SETEX e2 100 v
            PSETEX e3 100000 v
            GETEX e PERSIST
            FLUSHDB
            SET last 1
            """;
        string Incr(Func<string, ServerProcess> start)
        {
            var dir = NewDir();
            try
            {
                using (var s = start(dir))
                using (var c = s.Client())
                {
                    foreach (var line in script.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        c.Call(line.Split(' '));
                    Shutdown(s, c);
                }
                return IncrText(dir);
            }
            finally { Delete(dir); }
        }
        var expected = Incr(d => RedisOn(d, "--appendonly", "yes"));
        var actual = Incr(d => RedisNetOn(d, "--appendonly", "yes"));
        Assert.Equal(expected, actual);
    }
}
