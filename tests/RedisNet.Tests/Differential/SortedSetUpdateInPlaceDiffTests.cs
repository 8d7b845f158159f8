using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// Score updates rewrite a member's entry in place, so every set built from another one (COPY,
/// ZRANGESTORE, ZUNIONSTORE of one source) must own its entries: later updates of either side stay
/// invisible to the other. Both encodings, against redis-server 7.0.
/// </summary>
public class SortedSetUpdateInPlaceDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Theory]
    [InlineData("128")]
    [InlineData("0")]
    public void CopiesKeepTheirScoresWhenTheSourceChanges(string maxEntries)
    {
        using var s = servers.Session();
        s.Script($"""
            CONFIG SET zset-max-listpack-entries {maxEntries}
            DEL src cp rs un
            ZADD src 1 a 2 b 3 c 4 d 5 e
            COPY src cp
            ZRANGESTORE rs src 0 -1
            ZUNIONSTORE un 1 src
            ZADD src 10 a 0 e
            ZINCRBY src 5 c
            ZADD cp 7 b
            ZINCRBY rs -3 d
            ZRANGE src 0 -1 WITHSCORES
            ZRANGE cp 0 -1 WITHSCORES
            ZRANGE rs 0 -1 WITHSCORES
            ZRANGE un 0 -1 WITHSCORES
            ZSCORE src a
            ZSCORE cp a
            ZRANK src e
            ZRANK cp e
            OBJECT ENCODING cp
            CONFIG SET zset-max-listpack-entries 128
            """);
    }

    [Fact]
    public void UpdatesAmongEqualScoresKeepMemberOrder()
    {
        using var s = servers.Session();
        s.Script("""
            CONFIG SET zset-max-listpack-entries 0
            DEL ties
            ZADD ties 1 m 1 c 1 x 1 a 2 b 2 z 2 k 0 q
            ZADD ties 2 m 1 z 2 q -0 c
            ZADD ties 0 a
            ZRANGE ties 0 -1 WITHSCORES
            ZRANGEBYSCORE ties 1 2 WITHSCORES
            ZRANGEBYLEX ties - + LIMIT 0 3
            ZRANK ties m
            ZREVRANK ties c
            ZREM ties z q
            ZRANGE ties 0 -1 WITHSCORES
            CONFIG SET zset-max-listpack-entries 128
            """);
    }
}
