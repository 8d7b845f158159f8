using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Integration;

public class NetworkCountersTests : IDisposable
{
    private readonly ServerProcess _server = ServerProcess.StartRedisNet();

    private static long Field(string info, string name)
    {
        foreach (var line in info.Split("\r\n"))
            if (line.StartsWith(name + ":")) return long.Parse(line[(name.Length + 1)..]);
        throw new InvalidOperationException(name + " missing");
    }

    [Fact]
    public void ReadsAndWritesAreCountedPerSocketOperation()
    {
        using var c = _server.Client();
        var first = Encoding.ASCII.GetString(c.Call("INFO", "stats"));
        for (int i = 0; i < 5; i++) c.Call("PING");
        var second = Encoding.ASCII.GetString(c.Call("INFO", "stats"));
        // Each PING is one read and one write; INFO itself adds one of each.
        Assert.True(Field(second, "total_reads_processed") - Field(first, "total_reads_processed") >= 6);
        Assert.True(Field(second, "total_writes_processed") - Field(first, "total_writes_processed") >= 5);
    }

    public void Dispose() => _server.Dispose();
}
