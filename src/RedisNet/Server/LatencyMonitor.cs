namespace RedisNet.Server;

/// <summary>
/// The latency monitor behind LATENCY LATEST/HISTORY/RESET/GRAPH/DOCTOR: per event ("command",
/// "fast-command", later "fork", "aof-fsync-always"...), the last 160 one-second samples of events
/// that took at least latency-monitor-threshold milliseconds. Mutated under the execution lock.
/// </summary>
public sealed class LatencyMonitor
{
    public const int HistoryLength = 160;

    public sealed class Series
    {
        public readonly (long Time, long Latency)[] Samples = new (long, long)[HistoryLength];
        public int Index;      // next slot to write
        public long Max;       // all-time max for this event
    }

    private readonly Dictionary<string, Series> _events = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Series> Events => _events;

    /// <summary>Adds a sample; two samples in the same second keep the larger latency (latencyAddSample).</summary>
    public void Add(string evt, long latencyMs, long unixSeconds)
    {
        if (!_events.TryGetValue(evt, out var s)) _events[evt] = s = new Series();
        if (latencyMs > s.Max) s.Max = latencyMs;
        int prev = (s.Index + HistoryLength - 1) % HistoryLength;
        if (s.Samples[prev].Time == unixSeconds)
        {
            if (latencyMs > s.Samples[prev].Latency) s.Samples[prev].Latency = latencyMs;
            return;
        }
        s.Samples[s.Index] = (unixSeconds, latencyMs);
        s.Index = (s.Index + 1) % HistoryLength;
    }

    /// <summary>Samples of an event, oldest first.</summary>
    public static List<(long Time, long Latency)> History(Series s)
    {
        var list = new List<(long, long)>();
        for (int i = 0; i < HistoryLength; i++)
        {
            var sample = s.Samples[(s.Index + i) % HistoryLength];
            if (sample.Time != 0) list.Add(sample);
        }
        return list;
    }

    public static (long Time, long Latency) Latest(Series s) => s.Samples[(s.Index + HistoryLength - 1) % HistoryLength];

    /// <summary>Removes the named events (all when none are named); returns how many existed.</summary>
    public int Reset(IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            int n = _events.Count;
            _events.Clear();
            return n;
        }
        int removed = 0;
        foreach (var name in names) if (_events.Remove(name)) removed++;
        return removed;
    }
}
