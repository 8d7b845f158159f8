namespace RedisNet.Keyspace;

/// <summary>
/// Access frequency under an LFU maxmemory-policy (Redis's evict.c LFU helpers): a key's 24-bit lru
/// field holds the minute of its last decrement (16 bits) and a logarithmic counter (8 bits). New keys
/// start at 5 so they are not evicted at once; each access first decays the counter by one per
/// lfu-decay-time minutes elapsed, then increments it with probability 1/((counter-5)*lfu-log-factor+1).
/// </summary>
public static class Lfu
{
    public const uint InitialCounter = 5;

    /// <summary>Minutes since the epoch, 16 bits wide (Redis's LFUGetTimeInMinutes).</summary>
    public static uint Minutes(long nowMs) => (uint)(nowMs / 60_000) & 65535;

    /// <summary>The field of a newly created value.</summary>
    public static uint Initial(long nowMs) => (Minutes(nowMs) << 8) | InitialCounter;

    /// <summary>The counter after decay, without storing it (Redis's LFUDecrAndReturn; OBJECT FREQ's answer).</summary>
    public static uint Counter(uint field, long nowMs, int decayTime)
    {
        uint lastMinutes = field >> 8;
        uint counter = field & 255;
        if (decayTime == 0) return counter;
        uint now = Minutes(nowMs);
        uint elapsed = now >= lastMinutes ? now - lastMinutes : 65535 - lastMinutes + now;
        uint periods = elapsed / (uint)decayTime;
        return periods >= counter ? 0 : counter - periods;
    }

    /// <summary>An access (Redis's updateLFU): decay, then the logarithmic increment.</summary>
    public static uint Touch(uint field, long nowMs, int decayTime, int logFactor, Random rng)
    {
        uint counter = Counter(field, nowMs, decayTime);
        if (counter < 255)
        {
            double baseVal = counter > InitialCounter ? counter - InitialCounter : 0;
            double p = 1.0 / (baseVal * logFactor + 1);
            if (rng.NextDouble() < p) counter++;
        }
        return (Minutes(nowMs) << 8) | counter;
    }
}
