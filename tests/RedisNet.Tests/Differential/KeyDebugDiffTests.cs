using System.Text;
using System.Text.RegularExpressions;
using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Differential.KeyDiffHelpers;

namespace RedisNet.Tests.Differential;

/// <summary>OBJECT and DEBUG against redis-server 7.0 started with enable-debug-command yes.</summary>
public class KeyDebugDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    [Fact]
    public void ObjectSubcommands()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE 2 k
            DEBUG POPULATE 1 big 100
            DEBUG POPULATE 1 edge 44
            DEBUG POPULATE 1 edge2 45
            OBJECT ENCODING k:0
            OBJECT ENCODING big:0
            OBJECT ENCODING edge:0
            OBJECT ENCODING edge2:0
            OBJECT ENCODING nokey
            OBJECT REFCOUNT k:0
            OBJECT REFCOUNT nokey
            OBJECT IDLETIME nokey
            OBJECT FREQ k:0
            OBJECT FREQ nokey
            OBJECT HELP
            object help
            OBJECT
            OBJECT foo
            OBJECT ENCODING
            OBJECT ENCODING a b
            OBJECT HELP x
            """);
        Close(s, 1, "OBJECT", "IDLETIME", "k:0");
    }

    [Fact]
    public void DebugHelpAndSubcommandErrors()
    {
        using var s = servers.Session();
        s.Script("""
            DEBUG HELP
            debug help
            DEBUG
            DEBUG foo
            DEBUG HELP extra
            DEBUG OBJECT
            DEBUG POPULATE
            DEBUG POPULATE 1 a 2 3
            DEBUG SLEEP
            DEBUG DIGEST x
            DEBUG "\x00abc"
            DEBUG ERROR "MYERR some text"
            DEBUG ERROR "line\r\nbreak"
            DEBUG PROTOCOL string
            DEBUG PROTOCOL integer
            DEBUG PROTOCOL double
            DEBUG PROTOCOL bignum
            DEBUG PROTOCOL null
            DEBUG PROTOCOL array
            DEBUG PROTOCOL set
            DEBUG PROTOCOL map
            DEBUG PROTOCOL attrib
            DEBUG PROTOCOL push
            DEBUG PROTOCOL true
            DEBUG PROTOCOL false
            DEBUG PROTOCOL verbatim
            DEBUG PROTOCOL nosuch
            DEBUG LOG "hello from a test"
            DEBUG SLEEP 0
            DEBUG SLEEP 0.01
            DEBUG SLEEP x
            DEBUG SET-ACTIVE-EXPIRE 1
            DEBUG CHANGE-REPL-ID
            """);
    }

    [Fact]
    public void PopulateArguments()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE -1
            DEBUG POPULATE x
            DEBUG POPULATE 0
            DEBUG POPULATE 2 p -1
            DEBUG POPULATE 2 p x
            DEBUG POPULATE 2 p 0
            DEBUG POPULATE 3
            DEBUG POPULATE 3 p 3
            DEBUG POPULATE 2 q 20
            DEBUG POPULATE 12 LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL 4
            DEBUG POPULATE 3 MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM
            DBSIZE
            DEBUG DIGEST
            DEBUG DIGEST-VALUE key:0 key:2 p:0 p:1 p:2 q:0 q:1
            DEBUG DIGEST
            DEBUG POPULATE 1 "with\x00nul"
            DEBUG DIGEST-VALUE with:0
            """);
        s.Same("DEBUG", "POPULATE", "2", new string('x', 200));
        s.Same("DEBUG", "DIGEST");
        SameSet(s, "KEYS", "x*");
    }

    [Fact]
    public void DigestMatchesRedisAfterTheSameScript()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG DIGEST
            DEBUG DIGEST-VALUE
            DEBUG DIGEST-VALUE nokey
            DEBUG POPULATE 100 a
            DEBUG POPULATE 50 b 64
            DEBUG DIGEST
            EXPIREAT a:1 4102444800
            PEXPIRE a:2 1000000
            DEBUG DIGEST
            DEBUG DIGEST-VALUE a:0 a:1 a:2 b:0 b:49
            RENAME a:3 renamed
            COPY b:0 copied DB 5
            MOVE a:4 7
            SELECT 7
            DEBUG POPULATE 10 s
            SELECT 0
            DEL a:5 a:6
            DEBUG DIGEST
            SWAPDB 0 7
            DEBUG DIGEST
            PERSIST a:2
            SELECT 7
            PERSIST a:2
            DEBUG DIGEST
            """);
    }

    [Fact]
    public void DebugObjectLine()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            DEBUG POPULATE 1 k
            DEBUG POPULATE 1 long 60
            DEBUG POPULATE 1 huge 20000
            DEBUG OBJECT nokey
            """);
        foreach (var key in new[] { "k:0", "long:0", "huge:0" })
        {
            var (redis, net) = s.Both("DEBUG", "OBJECT", key);
            // The address and the LRU clock differ between processes; everything else must be equal.
            Assert.Equal(Normalize(redis), Normalize(net));
            Assert.Matches(@"^\+Value at:0x[0-9a-f]+ refcount:1 encoding:\w+ serializedlength:\d+ lru:\d+ lru_seconds_idle:\d+\r\n$", Encoding.ASCII.GetString(net));
        }
    }

    private static string Normalize(byte[] reply) =>
        Regex.Replace(Encoding.ASCII.GetString(reply), @"Value at:0x[0-9a-f]+|lru:\d+|lru_seconds_idle:\d+", m => m.Value.Split(':')[0]);
}

/// <summary>DEBUG on servers that do not enable it: the refusal comes after the arity check.</summary>
public class KeyDebugRefusedDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void DebugIsRefused()
    {
        using var s = servers.Session();
        s.Script("""
            DEBUG HELP
            DEBUG DIGEST
            debug populate 10
            DEBUG
            DBSIZE
            """);
    }
}
