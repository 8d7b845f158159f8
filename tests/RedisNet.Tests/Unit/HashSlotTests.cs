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
