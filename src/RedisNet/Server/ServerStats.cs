namespace RedisNet.Server;

/// <summary>Counters behind INFO stats and errorstats. Mutated under the execution lock.</summary>
public sealed class ServerStats
{
    public long TotalConnectionsReceived;
    public long TotalCommandsProcessed;
    public long RejectedConnections;
    public long ExpiredKeys;
    public long ExpiredStalePerc;
    public long ExpiredTimeCapReachedCount;
    public long ExpireCycleCpuMilliseconds;
    public long EvictedKeys;
    public long KeyspaceHits;
    public long KeyspaceMisses;
    public long TotalErrorReplies;
    public long UnexpectedErrorReplies;
    public long TotalReadsProcessed;  // socket reads and writes: Interlocked, they happen outside the lock
    public long TotalWritesProcessed;
    public long NetInputBytes; // updated with Interlocked: receive paths run outside the lock
    public long NetOutputBytes;
    public long ClientQueryBufferLimitDisconnections;
    public long ClientOutputBufferLimitDisconnections;
    public long DumpPayloadSanitizations;
    public long IoThreadedReadsProcessed;
    public long IoThreadedWritesProcessed;
    public readonly Dictionary<string, long> ErrorCounts = new(StringComparer.Ordinal);

    /// <summary>Counts an error reply under its code (the first word), as INFO errorstats shows.</summary>
    public void CountError(string message)
    {
        TotalErrorReplies++;
        int sp = message.IndexOf(' ');
        var code = sp < 0 ? message : message[..sp];
        // Redis caps the table at 128 codes to bound memory against arbitrary error text.
        if (ErrorCounts.Count >= 128 && !ErrorCounts.ContainsKey(code)) return;
        ErrorCounts[code] = ErrorCounts.GetValueOrDefault(code) + 1;
    }

    public void Reset()
    {
        TotalConnectionsReceived = TotalCommandsProcessed = RejectedConnections = ExpiredKeys = 0;
        ExpiredStalePerc = ExpiredTimeCapReachedCount = ExpireCycleCpuMilliseconds = EvictedKeys = 0;
        KeyspaceHits = KeyspaceMisses = TotalErrorReplies = UnexpectedErrorReplies = 0;
        Interlocked.Exchange(ref TotalReadsProcessed, 0);
        Interlocked.Exchange(ref TotalWritesProcessed, 0);
        Interlocked.Exchange(ref NetInputBytes, 0);
        Interlocked.Exchange(ref NetOutputBytes, 0);
        ClientQueryBufferLimitDisconnections = ClientOutputBufferLimitDisconnections = DumpPayloadSanitizations = 0;
        ErrorCounts.Clear();
    }
}
