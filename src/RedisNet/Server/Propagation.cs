using RedisNet.Keyspace;

namespace RedisNet.Server;

/// <summary>
/// A consumer of the write stream: the AOF and replica links (later issues). Each receives every
/// write in execution order, with the db it applies to, as the argv Redis would propagate.
/// </summary>
public interface IPropagationSink
{
    void Feed(int db, IReadOnlyList<byte[]> argv);
}

/// <summary>
/// The one path every write takes to AOF and replicas (Redis's propagate()/alsoPropagate()).
/// Commands are propagated after they execute, under the execution lock, so the order sinks see is
/// the order writes happened. When no sink is attached nothing is materialized.
/// As Redis 7.0's call()/afterCommand(), each execution unit (a top-level command, EXEC, a blocked
/// client served) is held between BeginTransaction and EndTransaction, so a unit that propagated
/// several commands (expired-key DELs plus its write, SPOP's SREMs, XREADGROUP's XGROUP/XCLAIM...)
/// reaches the sinks as one MULTI ... EXEC block.
/// </summary>
public sealed class Propagation
{
    private IPropagationSink[] _sinks = Array.Empty<IPropagationSink>();

    public bool Active => _sinks.Length != 0;

    public void Attach(IPropagationSink sink) => _sinks = [.. _sinks, sink];
    public void Detach(IPropagationSink sink) => _sinks = _sinks.Where(s => s != sink).ToArray();

    public void Propagate(int db, IReadOnlyList<byte[]> argv)
    {
        if (_sinks.Length == 0) return;
        if (_transactionDepth > 0)
        {
            (_pending ??= new()).Add((db, argv));
            return;
        }
        foreach (var s in _sinks) s.Feed(db, argv);
    }

    // Writes of an execution unit (a command, EXEC) are held until it ends, then sent as one atomic block.
    private int _transactionDepth;
    private List<(int Db, IReadOnlyList<byte[]> Argv)>? _pending;
    private static readonly byte[][] MultiArgv = ["MULTI"u8.ToArray()];
    private static readonly byte[][] ExecArgv = ["EXEC"u8.ToArray()];

    /// <summary>True while a unit holds back writes to send when it ends (decides nothing otherwise: skips per-command checks).</summary>
    public bool HasPending => _pending is { Count: > 0 };

    /// <summary>Starts holding back propagated writes (a command, EXEC, a served blocked client); calls nest.</summary>
    public void BeginTransaction() => _transactionDepth++;

    /// <summary>
    /// Ends a unit: as Redis 7.0's propagatePendingCommands, two or more writes are sent
    /// wrapped in MULTI (with the first write's db) ... EXEC (the last one's), a single write as is,
    /// and nothing at all for a read-only unit. <paramref name="wrap"/> false (a top-level SCAN or
    /// RANDOMKEY, which may expire arbitrary keys) sends them unwrapped, like active expiry.
    /// </summary>
    public void EndTransaction(bool wrap = true)
    {
        if (--_transactionDepth > 0 || _pending is null || _pending.Count == 0) return;
        var ops = _pending;
        _pending = null;
        wrap &= ops.Count > 1;
        if (wrap) Propagate(ops[0].Db, MultiArgv);
        foreach (var (db, argv) in ops) Propagate(db, argv);
        if (wrap) Propagate(ops[^1].Db, ExecArgv);
    }

    /// <summary>An expired key is propagated as DEL (UNLINK with lazyfree-lazy-expire), like Redis.</summary>
    public void PropagateExpire(Database db, byte[] key)
    {
        if (!Active) return;
        Propagate(db.Index, new[] { "DEL"u8.ToArray(), key });
    }
}
