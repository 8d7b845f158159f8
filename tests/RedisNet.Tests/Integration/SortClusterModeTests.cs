using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Integration;

/// <summary>
/// SORT under cluster-enabled: BY with a real pattern and any GET are refused with Redis 7.0's
/// texts (checked on redis-server with every slot assigned); BY without '*' still works.
/// </summary>
public class SortClusterModeTests
{
    [Fact]
    public void ByAndGetPatternsAreRefused()
    {
        using var server = ServerProcess.StartRedisNet("--save", "", "--cluster-enabled", "yes");
        using var c = server.Client();
        Assert.Equal(":2\r\n", c.CallString("RPUSH", "l", "2", "1"));
        Assert.Equal("-ERR BY option of SORT denied in Cluster mode.\r\n", c.CallString("SORT", "l", "BY", "w_*"));
        Assert.Equal("-ERR GET option of SORT denied in Cluster mode.\r\n", c.CallString("SORT", "l", "GET", "#"));
        Assert.Equal("-ERR GET option of SORT denied in Cluster mode.\r\n", c.CallString("SORT", "l", "BY", "x", "GET", "x"));
        Assert.Equal("*2\r\n$1\r\n2\r\n$1\r\n1\r\n", c.CallString("SORT", "l", "BY", "nosort"));
        Assert.Equal("*2\r\n$1\r\n1\r\n$1\r\n2\r\n", c.CallString("SORT", "l"));
    }
}
