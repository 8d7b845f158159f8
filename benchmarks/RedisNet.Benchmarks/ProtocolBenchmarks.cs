using BenchmarkDotNet.Attributes;
using RedisNet.Protocol;

namespace RedisNet.Benchmarks;

/// <summary>Parsing a pipelined read of 16 SET commands into a CommandBatch: the per-read cost outside the lock.</summary>
[MemoryDiagnoser]
public class RespParserBenchmarks
{
    private byte[] _input = null!;
    private readonly CommandBatch _batch = new();

    [Params(16, 1024)]
    public int ValueSize;

    [GlobalSetup]
    public void Setup()
    {
        _input = RespFixtures.SetPipeline(16, ValueSize);
        _batch.Buffer = _input;
    }

    [Benchmark(OperationsPerInvoke = 16)]
    public int Parse16Sets()
    {
        _batch.Clear();
        int pos = 0;
        var span = _input.AsSpan();
        while (RespParser.ParseCommand(span, ref pos, _batch, long.MaxValue, out _) == ParseStatus.Complete) { }
        return _batch.Count;
    }
}

/// <summary>Writing bulk replies (what GET and MGET produce) into a client's reply buffer.</summary>
[MemoryDiagnoser]
public class RespWriterBenchmarks
{
    private readonly RespWriter _writer = new();
    private byte[] _value = null!;

    [Params(16, 1024)]
    public int ValueSize;

    [GlobalSetup]
    public void Setup() => _value = new byte[ValueSize];

    [Benchmark(OperationsPerInvoke = 16)]
    public int Write16Bulks()
    {
        _writer.Reset();
        for (int i = 0; i < 16; i++) _writer.WriteBulk(_value);
        return _writer.Length;
    }
}

/// <summary>Writing integer replies (INCR, DEL, EXISTS...): formatting, not copying, dominates.</summary>
[MemoryDiagnoser]
public class RespWriterIntegerBenchmarks
{
    private readonly RespWriter _writer = new();

    [Benchmark(OperationsPerInvoke = 16)]
    public int Write16Integers()
    {
        _writer.Reset();
        for (int i = 0; i < 16; i++) _writer.WriteInteger(1_000_000 + i);
        return _writer.Length;
    }
}
