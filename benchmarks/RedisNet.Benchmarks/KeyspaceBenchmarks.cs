using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using RedisNet.Commands;
using RedisNet.Config;
using RedisNet.Keyspace;
using RedisNet.Server;

namespace RedisNet.Benchmarks;

/// <summary>
/// Key lookups and writes on a populated database: the hash table alone (KeyTable.Find) and
/// through Database, which adds the lazy-expiry check, the LRU stamp and observer signals.
/// </summary>
[MemoryDiagnoser]
public class KeyspaceBenchmarks
{
    private const int Batch = 1024;
    private Database _db = null!;
    private byte[][] _hits = null!;
    private byte[][] _misses = null!;
    private uint[] _hitHashes = null!;
    private readonly byte[] _value = new byte[16];

    [Params(100_000, 1_000_000)]
    public int Keys;

    [GlobalSetup]
    public void Setup()
    {
        var server = new RedisServer(new ServerConfig(), new CommandTable(), NullLoggerFactory.Instance);
        _db = server.Databases[0];
        for (int i = 0; i < Keys; i++) _db.Set(Key(i), new byte[16]);
        // Probe keys spread over the table so consecutive lookups do not share cache lines.
        var rng = new Random(42);
        _hits = new byte[Batch][];
        _misses = new byte[Batch][];
        _hitHashes = new uint[Batch];
        for (int i = 0; i < Batch; i++)
        {
            _hits[i] = Key(rng.Next(Keys));
            _hitHashes[i] = KeyHash.Compute(_hits[i]);
            _misses[i] = Key(Keys + rng.Next(Keys));
        }
    }

    private static byte[] Key(int i) => System.Text.Encoding.ASCII.GetBytes($"key:{i:D12}");

    [Benchmark(OperationsPerInvoke = Batch)]
    public int KeyTableFind()
    {
        var table = _db.Table;
        int found = 0;
        for (int i = 0; i < Batch; i++) if (table.Find(_hits[i], _hitHashes[i]) != null) found++;
        return found;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int LookupHit()
    {
        int found = 0;
        for (int i = 0; i < Batch; i++) if (_db.Lookup(_hits[i]) != null) found++;
        return found;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int LookupMiss()
    {
        int found = 0;
        for (int i = 0; i < Batch; i++) if (_db.Lookup(_misses[i]) != null) found++;
        return found;
    }

    /// <summary>Overwrites existing keys with the same value object: the table does not grow, nothing is allocated.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int SetExisting()
    {
        for (int i = 0; i < Batch; i++) _db.Set(_hits[i], _value);
        return _db.Count;
    }
}
