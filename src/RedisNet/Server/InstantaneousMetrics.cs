namespace RedisNet.Server;

/// <summary>
/// INFO's instantaneous_* figures, as Redis computes them: every 100 ms the cron samples the
/// per-second rate of a counter since the previous sample; the figure is the mean of the last 16.
/// </summary>
public sealed class InstantaneousMetrics
{
    private const int Samples = 16;
    private const long PeriodMs = 100;

    private sealed class Metric
    {
        public readonly double[] Rates = new double[Samples];
        public int Index;
        public long LastValue, LastMs;

        public void Sample(long value, long nowMs)
        {
            if (LastMs != 0 && nowMs > LastMs)
            {
                Rates[Index] = (value - LastValue) * 1000.0 / (nowMs - LastMs);
                Index = (Index + 1) % Samples;
            }
            LastValue = value;
            LastMs = nowMs;
        }

        public double Mean => Rates.Average();
    }

    private readonly Metric _ops = new(), _netIn = new(), _netOut = new();
    private long _lastSampleMs;

    /// <summary>Called from the cron (under the execution lock); samples at most every 100 ms.</summary>
    public void Tick(RedisServer server)
    {
        long now = Clock.UnixMs();
        if (now - _lastSampleMs < PeriodMs) return;
        _lastSampleMs = now;
        _ops.Sample(server.Stats.TotalCommandsProcessed, now);
        _netIn.Sample(Interlocked.Read(ref server.Stats.NetInputBytes), now);
        _netOut.Sample(Interlocked.Read(ref server.Stats.NetOutputBytes), now);
    }

    public long OpsPerSec => (long)_ops.Mean;
    public double InputKbps => _netIn.Mean / 1024;
    public double OutputKbps => _netOut.Mean / 1024;
}
