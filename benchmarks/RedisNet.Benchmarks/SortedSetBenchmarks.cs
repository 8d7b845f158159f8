using BenchmarkDotNet.Attributes;
using RedisNet.Protocol;

namespace RedisNet.Benchmarks;

/// <summary>
/// `redis-benchmark -t zadd -r 100000 -P 16` in process: pipelines of 16 ZADDs of a random score
/// (0..99999) and a random member of 100k (element:NNNNNNNNNNNN) to one key, through
/// Executor.Execute. After the setup the set holds ~100k members, so most ZADDs move a member
/// (removal and insertion in the order tree); they should allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class SortedSetBenchmarks
{
    private const int Batches = 256;
    private InProcessServer _host = null!;
    private CommandBatch[] _batches = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _host = new InProcessServer();
        var rng = new Random(7);
        _batches = new CommandBatch[Batches];
        for (int b = 0; b < Batches; b++)
        {
            var ms = new MemoryStream();
            for (int i = 0; i < 16; i++)
                ms.Write(RespFixtures.Encode("ZADD", "myzset", $"{rng.Next(100_000):D12}", $"element:{rng.Next(100_000):D12}"));
            _batches[b] = RespFixtures.Parse(ms.ToArray());
        }
        // Fill the set: every member of the keyspace, at a random score.
        var fill = new MemoryStream();
        for (int i = 0; i < 100_000; i++)
            fill.Write(RespFixtures.Encode("ZADD", "myzset", $"{rng.Next(100_000):D12}", $"element:{i:D12}"));
        _host.Run(RespFixtures.Parse(fill.ToArray()));
    }

    /// <summary>One pipelined read of 16 ZADDs (per command).</summary>
    [Benchmark(OperationsPerInvoke = 16)]
    public int ZAdd16Pipelined() => _host.Run(_batches[_next++ % Batches]);
}
