using System.Text;
using RedisNet.Cluster;
using Xunit;

namespace RedisNet.Tests.Unit;

public class HashSlotTests
{
    // Slots as real Redis reports them (CLUSTER KEYSLOT on a 7.0 cluster node).
    [Theory]
    [InlineData("123456789", 12739)] // CRC16/XMODEM check value 0x31C3
    [InlineData("foo", 12182)]
    [InlineData("bar", 5061)]
    [InlineData("{user1000}.following", 3443)]
    [InlineData("{user1000}.followers", 3443)]
    [InlineData("foo{}{bar}", 8363)]   // empty first tag: whole key hashed
    [InlineData("foo{{bar}}zap", 4015)] // tag is "{bar"
    [InlineData("foo{bar}{zap}", 5061)] // first tag only
    public void MatchesRedis(string key, int slot)
    {
        Assert.Equal(slot, HashSlot.Of(Encoding.ASCII.GetBytes(key)));
    }
}

public class SlotIndexTests
{
    [Fact]
    public void ClusterNodesKeepKeysBySlot()
    {
        var cfg = new RedisNet.Config.ServerConfig { ClusterEnabled = true };
        var server = new RedisNet.Server.RedisServer(cfg, new RedisNet.Commands.CommandTable(), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var db = server.Databases[0];
        db.SetString("{user1000}.following"u8, "a"u8);
        db.SetString("{user1000}.followers"u8, "b"u8);
        db.SetString("foo"u8, "c"u8);
        Assert.Equal(2, server.SlotIndex!.CountKeys(3443));
        Assert.Equal(1, server.SlotIndex.CountKeys(12182));
        db.Delete("foo"u8);
        Assert.Equal(0, server.SlotIndex.CountKeys(12182));
        Assert.Equal(2, server.SlotIndex.Keys(3443, 10).Count);
        db.Clear();
        Assert.Equal(0, server.SlotIndex.CountKeys(3443));
        Assert.Null(new RedisNet.Server.RedisServer(new RedisNet.Config.ServerConfig(), new RedisNet.Commands.CommandTable(), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).SlotIndex);
    }
}
