using BenchmarkDotNet.Running;

namespace RedisNet.Benchmarks;

public static class Program
{
    // `dotnet run -c Release --project benchmarks/RedisNet.Benchmarks -- --filter '*'` runs everything;
    // any BenchmarkDotNet option (--filter, --job short, --list flat) works as usual.
    public static void Main(string[] args)
    {
        // BenchmarkDotNet finds this project by searching the working directory's subfolders; start
        // from the project's own folder so it runs from anywhere (artifacts land there too).
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "RedisNet.Benchmarks.csproj"))) continue;
            Directory.SetCurrentDirectory(dir.FullName);
            break;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
