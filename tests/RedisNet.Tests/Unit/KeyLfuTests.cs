using RedisNet.Keyspace;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>The LFU counter's decay and logarithmic increment (Redis's LFUDecrAndReturn / LFULogIncr).</summary>
public class KeyLfuTests
{
    private const long Minute = 60_000;

    [Fact]
    public void CounterDecaysOnePointPerDecayPeriod()
    {
        long now = 1000 * Minute;
        uint field = (Lfu.Minutes(now - 10 * Minute) << 8) | 20;
        Assert.Equal(10u, Lfu.Counter(field, now, decayTime: 1));
        Assert.Equal(15u, Lfu.Counter(field, now, decayTime: 2));
        Assert.Equal(20u, Lfu.Counter(field, now, decayTime: 0));
        Assert.Equal(0u, Lfu.Counter((Lfu.Minutes(now - 30 * Minute) << 8) | 20, now, decayTime: 1));
    }

    [Fact]
    public void MinutesWrapAroundSixteenBits()
    {
        long now = 65536 * Minute + 3 * Minute;          // minutes field 3, just wrapped
        uint field = (65534u << 8) | 9;                  // stamped at minute 65534: Redis counts 65535 - 65534 + 3 = 4 elapsed
        Assert.Equal(5u, Lfu.Counter(field, now, decayTime: 1));
    }

    [Fact]
    public void IncrementIsCertainNearTheStartAndCappedAt255()
    {
        var rng = new Random(1);
        long now = 5 * Minute;
        uint field = Lfu.Initial(now);
        Assert.Equal(5u, field & 255);
        field = Lfu.Touch(field, now, 1, 10, rng);
        Assert.Equal(6u, field & 255);
        Assert.Equal(Lfu.Minutes(now), field >> 8);
        uint max = (Lfu.Minutes(now) << 8) | 255;
        Assert.Equal(255u, Lfu.Touch(max, now, 1, 0, rng) & 255);
        for (int i = 0; i < 100; i++) field = Lfu.Touch(field, now, 1, 0, rng);
        Assert.Equal(106u, field & 255);
    }

    [Fact]
    public void LargeLogFactorMakesIncrementsRare()
    {
        var rng = new Random(7);
        long now = 5 * Minute;
        uint field = (Lfu.Minutes(now) << 8) | 105;      // 100 above the start
        int increments = 0;
        for (int i = 0; i < 1000; i++)
            if ((Lfu.Touch(field, now, 1, 100, rng) & 255) == 106) increments++;
        Assert.InRange(increments, 0, 5);                // p = 1/10001 per access
    }
}
