using System.Diagnostics;

namespace RedisNet.Server;

/// <summary>
/// Time as commands see it. Redis freezes "now" for the duration of a command so a key cannot expire
/// half-way through one. Each command advances it from the monotonic timestamp the executor takes
/// anyway for timing (one clock read instead of two); each cron tick re-syncs it to the wall clock.
/// </summary>
public sealed class Clock
{
    public long NowMs;
    /// <summary>Seconds resolution LRU clock, 24 bits wide as Redis's LRU_CLOCK.</summary>
    public uint LruClock;
    public static readonly long StartTicks = Stopwatch.GetTimestamp();
    private static readonly long TicksPerMs = Stopwatch.Frequency / 1000;
    private long _baseUnixMs, _baseTicks;

    public Clock() => Refresh();

    /// <summary>Reads the wall clock (cron ticks, startup).</summary>
    public void Refresh()
    {
        _baseTicks = Stopwatch.GetTimestamp();
        _baseUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Set(_baseUnixMs);
    }

    /// <summary>Advances "now" to a Stopwatch timestamp taken by the caller. Never goes backwards.</summary>
    public void Advance(long timestamp)
    {
        long ms = _baseUnixMs + (timestamp - _baseTicks) / TicksPerMs;
        if (ms > NowMs) Set(ms);
    }

    private void Set(long ms)
    {
        NowMs = ms;
        LruClock = (uint)(ms / 1000) & ((1u << 24) - 1);
    }

    public static long UnixMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Microseconds since the process started (monotonic), for command timing.</summary>
    public static long MonotonicUs() => (long)((Stopwatch.GetTimestamp() - StartTicks) * (1_000_000.0 / Stopwatch.Frequency));
}
