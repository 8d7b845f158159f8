using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Persistence.RdbTestKit;

namespace RedisNet.Tests.Persistence;

/// <summary>SAVE and BGSAVE files checked by redis-check-rdb and loaded by redis-server 7.0 to the same digest; BGSAVE is point-in-time.</summary>
public class RdbSaveInteropTests
{
    private static void Fill(RespClient c)
    {
        Assert.Equal("+OK\r\n", c.CallString("DEBUG", "POPULATE", "3000", "key", "20"));
        c.Call("SET", "int", "12345");
        c.Call("SET", "big", new string('q', 5000));
        c.Call("SET", "ttl", "v", "PX", "100000000");
        c.Call("SELECT", "5");
        c.Call("SET", "in5", "x");
        c.Call("SET", "bin\x00\xff", "\x01\x02");
        c.Call("SELECT", "0");
    }

    [Theory]
    [InlineData("SAVE", "yes")]
    [InlineData("BGSAVE", "yes")]
    [InlineData("BGSAVE", "no")]
    public void SavedFileIsAcceptedByRedisCheckRdbAndLoadsInRedisWithTheSameDigest(string command, string compression)
    {
        string digest;
        string path;
        using var net = ServerProcess.StartRedisNet("--enable-debug-command", "yes", "--save", "", "--rdbcompression", compression);
        using (var c = net.Client())
        {
            Fill(c);
            digest = Digest(c);
            var reply = c.CallString(command);
            Assert.Equal(command == "SAVE" ? "+OK\r\n" : "+Background saving started\r\n", reply);
            WaitBgsaveDone(c);
            Assert.Equal("0", Info(c, "rdb_changes_since_last_save"));
            Assert.Equal("ok", Info(c, "rdb_last_bgsave_status"));
            path = Path.Combine(net.WorkDir, "dump.rdb");
        }
        Assert.Empty(Directory.GetFiles(net.WorkDir, "temp-*.rdb"));
        AssertCheckRdbAccepts(path);
        var copy = NewDir("rdbsave-");
        try
        {
            File.Copy(path, Path.Combine(copy, "dump.rdb"));
            using var redis = OracleOn(copy);
            using var rc = redis.Client();
            Assert.Equal(digest, Digest(rc));
        }
        finally { Directory.Delete(copy, true); }
    }

    [Fact]
    public void BackgroundSaveWritesTheDatasetAsItWasWhenItStartedWhileClientsKeepWriting()
    {
        using var net = ServerProcess.StartRedisNet("--enable-debug-command", "yes", "--save", "");
        using var c = net.Client();
        c.Call("DEBUG", "POPULATE", "2000", "key", "10");
        string digestAtStart = Digest(c);
        // 500 µs per key: about a second of saving, during which writes must keep being served.
        c.Call("CONFIG", "SET", "rdb-key-save-delay", "500");
        Assert.Equal("+Background saving started\r\n", c.CallString("BGSAVE"));
        Assert.Equal("1", Info(c, "rdb_bgsave_in_progress"));
        Assert.Equal("2000", Info(c, "current_save_keys_total"));
        Assert.Equal("-ERR Background save already in progress\r\n", c.CallString("BGSAVE"));
        Assert.Equal("-ERR Background save already in progress\r\n", c.CallString("SAVE"));
        int round = 0;
        using var writer = net.Client();
        while (Info(c, "rdb_bgsave_in_progress") == "1")
        {
            // New keys, overwrites and deletes of keys the save may not have reached yet.
            writer.Call("SET", "new:" + round, "n");
            writer.Call("SET", "key:" + (round * 7 % 2000), "changed");
            writer.Call("DEL", "key:" + (round * 13 % 2000 + 1));
            round++;
        }
        Assert.True(round > 10, "the save ended before clients could write");
        Assert.NotEqual(digestAtStart, Digest(c));

        var copy = NewDir("rdbsave-pit-");
        try
        {
            File.Copy(Path.Combine(net.WorkDir, "dump.rdb"), Path.Combine(copy, "dump.rdb"));
            using var redis = OracleOn(copy);
            using var rc = redis.Client();
            Assert.Equal(digestAtStart, Digest(rc));
            Assert.Equal(":2000\r\n", rc.CallString("DBSIZE"));
        }
        finally { Directory.Delete(copy, true); }
    }

    [Fact]
    public void AKilledServerMidSaveLeavesThePreviousDumpIntact()
    {
        var net = ServerProcess.StartRedisNet("--enable-debug-command", "yes", "--save", "");
        try
        {
            using var c = net.Client();
            c.Call("SET", "first", "1");
            Assert.Equal("+OK\r\n", c.CallString("SAVE"));
            var dump = Path.Combine(net.WorkDir, "dump.rdb");
            var before = File.ReadAllBytes(dump);
            c.Call("DEBUG", "POPULATE", "3000");
            c.Call("CONFIG", "SET", "rdb-key-save-delay", "1000");
            c.Call("BGSAVE");
            WaitFor(() => File.Exists(Path.Combine(net.WorkDir, $"temp-{net.Pid}.rdb")), "the temp file");
            Assert.Equal(before, File.ReadAllBytes(dump));
            net.Signal(9);
            net.WaitForExit(10_000);
            Assert.Equal(before, File.ReadAllBytes(dump));
            AssertCheckRdbAccepts(dump);
        }
        catch (IOException e) { throw new IOException("server output:\n" + net.Output, e); }
        catch (System.Net.Sockets.SocketException e) { throw new IOException("server output:\n" + net.Output, e); }
        finally { net.Dispose(); }
    }
}
