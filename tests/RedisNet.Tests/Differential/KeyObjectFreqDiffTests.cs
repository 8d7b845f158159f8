using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// OBJECT FREQ under an LFU policy. With lfu-log-factor 0 every access adds exactly one, so the
/// counters are deterministic: new keys start at 5, reads and writes count, TYPE/EXISTS/TTL do not.
/// </summary>
public class KeyObjectFreqDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void FrequencyCountersFollowAccesses()
    {
        using var s = servers.Session();
        s.Script("""
            FLUSHALL
            OBJECT FREQ f:k
            SET f:k v
            OBJECT FREQ f:k
            CONFIG SET maxmemory-policy allkeys-lfu
            OBJECT IDLETIME f:k
            SET f:new v
            OBJECT FREQ f:new
            # the first access always counts, whatever the log factor
            GET f:new
            OBJECT FREQ f:new
            CONFIG SET lfu-log-factor 0
            GET f:new
            GET f:new
            MGET f:new f:none
            OBJECT FREQ f:new
            SET f:new v2
            APPEND f:new x
            SETRANGE f:new 0 y
            OBJECT FREQ f:new
            EXISTS f:new
            TYPE f:new
            TTL f:new
            OBJECT ENCODING f:new
            OBJECT FREQ f:new
            SET f:src v
            RENAME f:src f:dst
            OBJECT FREQ f:dst
            COPY f:new f:copy
            OBJECT FREQ f:copy
            OBJECT FREQ f:new
            MSET f:a xx f:new yy
            OBJECT FREQ f:a
            OBJECT FREQ f:new
            GETSET f:new zz
            GETDEL f:copy
            OBJECT FREQ f:new
            SET f:copy v
            GETEX f:copy
            OBJECT FREQ f:copy
            CONFIG SET maxmemory-policy volatile-lfu
            OBJECT FREQ f:copy
            CONFIG SET maxmemory-policy allkeys-lru
            OBJECT FREQ f:copy
            CONFIG SET lfu-log-factor 10
            CONFIG SET maxmemory-policy noeviction
            """);
    }
}
