using System.Diagnostics;

namespace RedisNet.Server;

/// <summary>
/// Time as commands see it. Redis freezes "now" for the duration of a command so a key cannot expire
/// half-way through one; we refresh it once per executed command (cheap) and per cron tick.
/// </summary>
public sealed class Clock
{
    public long NowMs;
    /// <summary>Seconds resolution LRU clock, 24 bits wide as Redis's LRU_CLOCK.</summary>
    public uint LruClock;
    public static readonly long StartTicks = Stopwatch.GetTimestamp();

    public Clock() => Refresh();

    public void Refresh()
    {
        NowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        LruClock = (uint)(NowMs / 1000) & ((1u << 24) - 1);
    }

    public static long UnixMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Microseconds since the process started (monotonic), for command timing.</summary>
    public static long MonotonicUs() => (long)((Stopwatch.GetTimestamp() - StartTicks) * (1_000_000.0 / Stopwatch.Frequency));
}
