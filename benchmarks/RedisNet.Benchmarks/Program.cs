using BenchmarkDotNet.Running;

namespace RedisNet.Benchmarks;

public static class Program
{
    // `dotnet run -c Release --project benchmarks/RedisNet.Benchmarks -- --filter '*'` runs everything;
    // any BenchmarkDotNet option (--filter, --job short, --list flat) works as usual.
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
