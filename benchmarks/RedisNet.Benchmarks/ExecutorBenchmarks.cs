using BenchmarkDotNet.Attributes;
using RedisNet.Protocol;

namespace RedisNet.Benchmarks;

/// <summary>
/// Commands through Executor.Execute on an in-process server, as a connection runs a parsed batch
/// under the execution lock: dispatch, the handler, reply writing, stats. No sockets.
/// A command this build does not have is measured too (as the unknown-command error path); the
/// setup says so, so a result is never mistaken for the real command.
/// </summary>
[MemoryDiagnoser]
public class ExecutorBenchmarks
{
    private InProcessServer _host = null!;
    private CommandBatch _ping = null!, _get = null!, _set = null!, _set16 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = new InProcessServer();
        _ping = RespFixtures.Parse(RespFixtures.Encode("PING"));
        _set = RespFixtures.Parse(RespFixtures.Encode("SET", "key:000000000001", "value-of-16-byte"));
        _get = RespFixtures.Parse(RespFixtures.Encode("GET", "key:000000000001"));
        _set16 = RespFixtures.Parse(RespFixtures.SetPipeline(16, 16));
        foreach (var name in new[] { "ping", "get", "set" })
            if (_host.Server.Commands.Find(System.Text.Encoding.ASCII.GetBytes(name)) is null)
                Console.WriteLine($"// note: this build has no {name.ToUpperInvariant()}: its benchmark measures the unknown-command error path");
        Run(_set);
    }

    private int Run(CommandBatch batch) => _host.Run(batch);

    [Benchmark(Baseline = true)]
    public int Ping() => Run(_ping);

    [Benchmark]
    public int Get() => Run(_get);

    [Benchmark]
    public int Set() => Run(_set);

    /// <summary>One pipelined read of 16 SETs: one lock acquisition for the lot, as the connection does.</summary>
    [Benchmark(OperationsPerInvoke = 16)]
    public int Set16Pipelined() => Run(_set16);
}
