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
    /// <summary>While non-zero (EXEC, scripts), "now" stays where the outer command froze it, as in Redis's nested calls.</summary>
    public int Frozen;
    /// <summary>Seconds resolution LRU clock, 24 bits wide as Redis's LRU_CLOCK.</summary>
    public uint LruClock;
    public static readonly long StartTicks = Stopwatch.GetTimestamp();
    // The base keeps sub-millisecond precision (100ns units), so "now" is the wall clock's millisecond,
    // never one behind it.
    private static readonly double UnitsPerTick = 10_000_000.0 / Stopwatch.Frequency;
    private long _baseUnix100ns, _baseTicks;

    public Clock() => Refresh();

    /// <summary>Reads the wall clock (cron ticks, startup).</summary>
    public void Refresh()
    {
        _baseTicks = Stopwatch.GetTimestamp();
        _baseUnix100ns = DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks;
        Set(_baseUnix100ns / 10_000);
    }

    /// <summary>Advances "now" to a Stopwatch timestamp taken by the caller. Never goes backwards.</summary>
    public void Advance(long timestamp)
    {
        if (Frozen != 0) return;
        long ms = MsAt(timestamp);
        if (ms > NowMs) Set(ms);
    }

    /// <summary>
    /// Redis 7.0's mstime(): the real time even while "now" is frozen (EXEC, scripts). In 7.0 only key
    /// expiry uses the frozen time; TTL/PTTL, relative expiries (EXPIRE, SET PX, GETEX...) and XADD's
    /// IDs read the clock, so after DEBUG SLEEP inside MULTI they see the time that passed.
    /// </summary>
    public long CurrentMs => Frozen == 0 ? NowMs : Math.Max(NowMs, MsAt(Stopwatch.GetTimestamp()));

    private long MsAt(long timestamp) => (_baseUnix100ns + (long)((timestamp - _baseTicks) * UnitsPerTick)) / 10_000;

    private void Set(long ms)
    {
        NowMs = ms;
        LruClock = (uint)(ms / 1000) & ((1u << 24) - 1);
    }

    public static long UnixMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Microseconds since the process started (monotonic), for command timing.</summary>
    public static long MonotonicUs() => (long)((Stopwatch.GetTimestamp() - StartTicks) * (1_000_000.0 / Stopwatch.Frequency));
}
