using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Persistence.AofTestSupport;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// kill -9 while clients write: under appendfsync always every acknowledged write is there after a
/// restart on the same directory (repeated), under everysec everything written more than a second
/// before the kill is.
/// </summary>
public class AofDurabilityTests
{
    /// <summary>Writes from a few connections until the server dies; returns the keys whose SET was acknowledged.</summary>
    private static List<string> WriteUntilKilled(ServerProcess server, string prefix, int killAfterMs)
    {
        var acked = new List<string>();
        int count = 0;
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(() =>
        {
            var mine = new List<string>();
            try
            {
                using var c = server.Client();
                for (int i = 0; ; i++)
                {
                    var key = $"{prefix}:{w}:{i}";
                    if (c.CallString("SET", key, key) != "+OK\r\n") break;
                    mine.Add(key);
                    Interlocked.Increment(ref count);
                    if (i % 50 == 0) c.Call("RPUSH", $"{prefix}:list:{w}", key);
                }
            }
            catch (IOException) { }
            catch (System.Net.Sockets.SocketException) { }
            catch (InvalidOperationException) { }
            return mine;
        })).ToArray();
        // A loaded machine may take a while to connect: kill only once writes are flowing.
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref count) < 30 && sw.Elapsed < TimeSpan.FromSeconds(20)) Thread.Sleep(10);
        Thread.Sleep(killAfterMs);
        server.Signal(9);
        Assert.True(server.WaitForExit(10_000));
        foreach (var t in writers) acked.AddRange(t.Result);
        return acked;
    }

    private static void AssertAllPresent(RespClient c, List<string> keys)
    {
        for (int i = 0; i < keys.Count; i += 200)
        {
            var batch = keys.Skip(i).Take(200).ToArray();
            var reply = Encoding.Latin1.GetString(c.Call(["MGET", .. batch]));
            foreach (var k in batch) Assert.True(reply.Contains($"\r\n{k}\r\n"), $"{k} missing of {keys.Count}");
        }
    }

    [Fact]
    public void AppendfsyncAlwaysLosesNoAcknowledgedWriteOverRepeatedKills()
    {
        var dir = NewDir();
        try
        {
            var all = new List<string>();
            int lists = 0;
            for (int round = 0; round < 3; round++)
            {
                using var server = RedisNetOn(dir, "--appendonly", "yes", "--appendfsync", "always");
                using (var c = server.Client()) AssertAllPresent(c, all);
                var acked = WriteUntilKilled(server, $"r{round}", 700);
                Assert.NotEmpty(acked);
                all.AddRange(acked);
                // A writer's list got its RPUSH acknowledged once its second SET was (a slow writer may
                // not have started at all before the kill).
                lists += acked.GroupBy(k => k.Split(':')[1]).Count(g => g.Count() >= 2);
            }
            using (var server = RedisNetOn(dir, "--appendonly", "yes"))
            using (var c = server.Client())
            {
                AssertAllPresent(c, all);
                // Writes that reached the file but whose reply was cut by the kill may be there too.
                var size = long.Parse(c.CallString("DBSIZE")[1..^2]);
                Assert.True(size >= all.Count + lists, $"DBSIZE {size}, acked {all.Count}, lists {lists}");
            }
            AssertCheckAofAccepts(dir);
        }
        finally { Delete(dir); }
    }

    [Fact]
    public void EverysecKeepsWhatWasWrittenAfterASecond()
    {
        var dir = NewDir();
        try
        {
            var keys = Enumerable.Range(0, 2000).Select(i => "k" + i).ToList();
            using (var server = RedisNetOn(dir, "--appendonly", "yes", "--appendfsync", "everysec"))
            {
                using (var c = server.Client())
                    foreach (var k in keys) Assert.Equal("+OK\r\n", c.CallString("SET", k, k));
                Thread.Sleep(1500);
                server.Signal(9);
                Assert.True(server.WaitForExit(10_000));
            }
            using (var server = RedisNetOn(dir, "--appendonly", "yes"))
            using (var c = server.Client())
            {
                AssertAllPresent(c, keys);
                Assert.Equal(":2000\r\n", c.CallString("DBSIZE"));
            }
        }
        finally { Delete(dir); }
    }

    [Fact]
    public void KilledDuringRewriteKeepsEveryAcknowledgedWrite()
    {
        var dir = NewDir();
        try
        {
            List<string> acked;
            using (var server = RedisNetOn(dir, "--appendonly", "yes", "--appendfsync", "always"))
            {
                using (var c = server.Client())
                {
                    for (int i = 0; i < 3000; i++) c.Call("SET", "base" + i, "base" + i);
                    c.Call("BGREWRITEAOF");
                }
                acked = WriteUntilKilled(server, "during", 300);
            }
            var files = string.Join(",", Directory.GetFiles(Path.Combine(dir, "appendonlydir")).Select(f => Path.GetFileName(f) + ":" + new FileInfo(f).Length));
            using (var server = RedisNetOn(dir, "--appendonly", "yes"))
            using (var c = server.Client())
            {
                Assert.True(acked.Count > 0, files);
                try { AssertAllPresent(c, acked); }
                catch (Exception ex) { throw new Exception(files + "\n" + Manifest(dir) + "\n" + server.Output, ex); }
                AssertAllPresent(c, Enumerable.Range(0, 3000).Select(i => "base" + i).ToList());
            }
            AssertCheckAofAccepts(dir);
        }
        finally { Delete(dir); }
    }
}
