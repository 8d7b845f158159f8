using System.Diagnostics;
using System.Text;
using RedisNet.Persistence.Rdb;
using RedisNet.Tests.Infrastructure;
using RedisNet.Tests.Unit;
using Xunit;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// RDB files holding every value type and encoding, both ways: the file RedisNet writes passes
/// redis-check-rdb and loads in redis-server to the same DEBUG DIGEST; the file redis-server
/// writes loads here to the same digest and encodings. Also RESTORE's propagation.
/// </summary>
public class RdbTypesInteropTests
{
    private static IEnumerable<string[]> Dataset()
    {
        yield return ["RPUSH", "list", "a", "1", "-4097", "9223372036854775807", "", "x\0y"];
        var big = new List<string> { "RPUSH", "biglist" };
        for (int i = 0; i < 3000; i++) big.Add("element-" + i);
        yield return big.ToArray();
        yield return ["SADD", "intset", "1", "70000", "-5"];
        yield return ["SADD", "wordset", "a", "b", "c"];
        yield return ["HSET", "hash", "f", "v", "n", "12"];
        yield return ["HSET", "longhash", "f", new string('v', 100)];
        yield return ["ZADD", "zset", "1", "a", "2.5", "b", "-inf", "c"];
        yield return ["ZADD", "skiplist", "1", "a", "2", new string('m', 100)];
        yield return ["XADD", "stream", "1-1", "f", "v"];
        yield return ["XADD", "stream", "2-1", "f", "w", "g", "h"];
        yield return ["XGROUP", "CREATE", "stream", "grp", "0"];
        yield return ["XREADGROUP", "GROUP", "grp", "c1", "COUNT", "1", "STREAMS", "stream", ">"];
        yield return ["SET", "str", "hello"];
        yield return ["SET", "expiring", "v", "PX", "100000000"];
        yield return ["SELECT", "2"];
        yield return ["ZADD", "z2", "3", "x"];
        var wide = new List<string> { "HSET", "widehash" };
        for (int i = 0; i < 700; i++) { wide.Add("field" + i); wide.Add("v" + i); }
        yield return wide.ToArray();
        yield return ["SELECT", "0"];
    }

    /// <summary>Writes the host's dataset to <paramref name="path"/> and asserts redis-check-rdb accepts it.</summary>
    internal static void SaveChecked(KeyTestHost host, string path)
    {
        using (var f = File.Create(path))
        lock (host.Server.ExecLock) RdbSaver.WriteAll(new RdbWriter(), host.Server, f);
        var check = Process.Start(new ProcessStartInfo("redis-check-rdb", path) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string output = check.StandardOutput.ReadToEnd() + check.StandardError.ReadToEnd();
        check.WaitForExit();
        Assert.True(check.ExitCode == 0, output);
        Assert.Contains("RDB looks OK", output);
    }

    private static readonly string[] Keys = ["list", "biglist", "intset", "wordset", "hash", "longhash", "zset", "skiplist", "stream", "str", "expiring"];

    [Fact]
    public void OurFileLoadsInRedisWithTheSameDigest()
    {
        var host = new KeyTestHost();
        foreach (var cmd in Dataset()) host.Run(cmd);
        string digest = host.Run("DEBUG", "DIGEST");
        var dir = Directory.CreateTempSubdirectory("rdbtypes-").FullName;
        try
        {
            SaveChecked(host, Path.Combine(dir, "dump.rdb"));

            using var redis = ServerProcess.StartRedis("--dir", dir, "--dbfilename", "dump.rdb", "--enable-debug-command", "yes");
            using var c = redis.Client();
            Assert.Equal(digest, c.CallString("DEBUG", "DIGEST"));
            foreach (var k in Keys) Assert.Equal(host.Run("OBJECT", "ENCODING", k), c.CallString("OBJECT", "ENCODING", k));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void RedisFileLoadsHereWithTheSameDigest()
    {
        using var redis = ServerProcess.StartRedis("--enable-debug-command", "yes");
        using var c = redis.Client();
        foreach (var cmd in Dataset()) c.Call(cmd);
        string digest = c.CallString("DEBUG", "DIGEST");
        Assert.Equal("+OK\r\n", c.CallString("SAVE"));

        var host = new KeyTestHost();
        using (var f = File.OpenRead(Path.Combine(redis.WorkDir, "dump.rdb")))
        lock (host.Server.ExecLock)
        {
            var result = RdbLoader.Load(new RdbReader(f), host.Server, new RdbLoadOptions());
            Assert.Equal(13, result.KeysLoaded);
        }
        Assert.Equal(digest, host.Run("DEBUG", "DIGEST"));
        foreach (var k in Keys) Assert.Equal(c.CallString("OBJECT", "ENCODING", k), host.Run("OBJECT", "ENCODING", k));
        // The loaded values keep working: the same commands give the same replies.
        foreach (var cmd in new[] { new[] { "LRANGE", "biglist", "1500", "1505" }, ["XINFO", "STREAM", "stream"], ["ZRANGE", "skiplist", "0", "-1", "WITHSCORES"], ["RPUSH", "biglist", "more"], ["LINDEX", "biglist", "-1"] })
            Assert.Equal(c.CallString(cmd), host.Run(cmd));
    }

    [Fact]
    public void SerializedLengthIsTheRdbSize()
    {
        using var redis = ServerProcess.StartRedis("--enable-debug-command", "yes");
        using var c = redis.Client();
        var host = new KeyTestHost();
        foreach (var cmd in Dataset()) { c.Call(cmd); host.Run(cmd); }
        foreach (var compression in new[] { "yes", "no" })
        {
            c.Call("CONFIG", "SET", "rdbcompression", compression);
            host.Run("CONFIG", "SET", "rdbcompression", compression);
            foreach (var k in Keys.Where(k => k is not ("wordset" or "longhash")))
                Assert.Equal(Field(c.CallString("DEBUG", "OBJECT", k), "serializedlength"), Field(host.Run("DEBUG", "OBJECT", k), "serializedlength"));
        }
    }

    private static string Field(string debugObject, string name) =>
        debugObject.Split(' ', '\r').Single(p => p.StartsWith(name + ":"));

    [Fact]
    public void RestorePropagatesAnAbsoluteTtlOrTheDeletion()
    {
        var host = new KeyTestHost();
        host.Run("SET", "src", "value");
        var payload = DumpRestoreDiffTests.Bulk(Encoding.Latin1.GetBytes(host.Run("DUMP", "src")));
        string p = Encoding.Latin1.GetString(payload);
        host.Propagated.Clear();
        Assert.Equal("+OK\r\n", host.Run("RESTORE", "a", "0", p));
        Assert.Equal("+OK\r\n", host.Run("RESTORE", "b", "100000", p));
        Assert.Equal("+OK\r\n", host.Run("RESTORE", "c", "1", p, "ABSTTL"));
        Assert.Equal("+OK\r\n", host.Run("RESTORE", "a", "1", p, "ABSTTL", "REPLACE"));
        Assert.Equal(3, host.Propagated.Count);
        Assert.Equal(["RESTORE", "a", "0", p], host.Propagated[0].Argv);
        var b = host.Propagated[1].Argv;
        Assert.Equal("RESTORE", b[0]);
        Assert.True(long.Parse(b[2]) > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal("ABSTTL", b[^1]);
        Assert.Equal(["DEL", "a"], host.Propagated[2].Argv);
        Assert.Equal(":0\r\n", host.Run("EXISTS", "a"));
    }
}
