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
/// </summary>
public sealed class Propagation
{
    private IPropagationSink[] _sinks = Array.Empty<IPropagationSink>();

    public bool Active => _sinks.Length != 0;

    public void Attach(IPropagationSink sink) => _sinks = [.. _sinks, sink];
    public void Detach(IPropagationSink sink) => _sinks = _sinks.Where(s => s != sink).ToArray();

    public void Propagate(int db, IReadOnlyList<byte[]> argv)
    {
        foreach (var s in _sinks) s.Feed(db, argv);
    }

    /// <summary>An expired key is propagated as DEL (UNLINK with lazyfree-lazy-expire), like Redis.</summary>
    public void PropagateExpire(Database db, byte[] key)
    {
        if (!Active) return;
        Propagate(db.Index, new[] { "DEL"u8.ToArray(), key });
    }
}
