using System.Diagnostics;
using System.Text;
using RedisNet.Persistence;
using RedisNet.Persistence.Rdb;
using RedisNet.Tests.Infrastructure;
using RedisNet.Tests.Unit;
using Xunit;

namespace RedisNet.Tests.Persistence;

/// <summary>The RDB primitives and file structure: CRC64, lengths, string encodings, and a file of strings both servers accept.</summary>
public class RdbCoreTests
{
    [Fact]
    public void Crc64MatchesTheJonesCheckValue()
    {
        Assert.Equal(0xE9C6D914C4B8D9CAUL, Crc64.Compute("123456789"u8));
        var data = Encoding.ASCII.GetBytes(new string('x', 1000) + "abcdefgh12345");
        ulong whole = Crc64.Compute(data);
        Assert.Equal(whole, Crc64.Update(Crc64.Compute(data.AsSpan(0, 333)), data.AsSpan(333)));
    }

    [Theory]
    [InlineData("", "00")]
    [InlineData("12", "C00C")]
    [InlineData("-129", "C17FFF")]
    [InlineData("70000", "C270110100")]
    [InlineData("012", "03303132")]
    [InlineData("12345678901", "0B3132333435363738393031")]
    public void StringsUseRedisEncodings(string s, string hex)
    {
        var w = new RdbWriter();
        w.WriteString(Encoding.ASCII.GetBytes(s));
        Assert.Equal(hex, Convert.ToHexString(w.ToArray()));
        Assert.Equal(s, Encoding.ASCII.GetString(RdbReader.Over(w.ToArray()).ReadString()));
    }

    [Theory]
    [InlineData(63L)]
    [InlineData(64L)]
    [InlineData(16383L)]
    [InlineData(16384L)]
    [InlineData(uint.MaxValue + 1L)]
    public void LengthsRoundTrip(long n)
    {
        var w = new RdbWriter();
        w.WriteLength(n);
        Assert.Equal(n, RdbReader.Over(w.ToArray()).ReadLength());
    }

    [Fact]
    public void LongStringsAreCompressedAndReadBack()
    {
        var s = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("hello world ", 5000)));
        var w = new RdbWriter();
        w.WriteString(s);
        var bytes = w.ToArray();
        Assert.Equal(0xC3, bytes[0]);
        Assert.True(bytes.Length < s.Length / 10);
        Assert.Equal(s, RdbReader.Over(bytes).ReadString());
        var plain = new RdbWriter(compress: false);
        plain.WriteString(s);
        Assert.Equal(s.Length + 5, plain.ToArray().Length); // rdbcompression no: 32-bit length and the bytes
    }

    [Fact]
    public void AFileOfStringsIsAcceptedByRedisCheckRdbAndLoadedByBothServers()
    {
        var host = new KeyTestHost();
        host.Run("SET", "a", "1");
        host.Run("SET", "big", new string('z', 300));
        host.Run("SET", "ttl", "v", "PX", "100000000");
        host.Run("SELECT", "3");
        host.Run("SET", "n", "-70000");
        var dir = Directory.CreateTempSubdirectory("rdbcore-").FullName;
        try
        {
            var path = Path.Combine(dir, "dump.rdb");
            RdbTypesInteropTests.SaveChecked(host, path);

            using (var redis = ServerProcess.StartRedis("--dir", dir, "--dbfilename", "dump.rdb"))
            using (var c = redis.Client())
            {
                Assert.Equal("$300\r\n" + new string('z', 300) + "\r\n", c.CallString("GET", "big"));
                Assert.Equal(":1\r\n", c.CallString("EXISTS", "ttl"));
                c.CallString("SELECT", "3");
                Assert.Equal("$6\r\n-70000\r\n", c.CallString("GET", "n"));
            }

            var back = new KeyTestHost();
            using (var f = File.OpenRead(path))
            lock (back.Server.ExecLock)
            {
                var result = RdbLoader.Load(new RdbReader(f), back.Server, new RdbLoadOptions());
                Assert.Equal(4, result.KeysLoaded);
                Assert.Equal("7.0.15", result.Aux["redis-ver"]);
            }
            Assert.Equal("$1\r\n1\r\n", back.Run("GET", "a"));
            Assert.StartsWith(":", back.Run("PTTL", "ttl"));
            back.Run("SELECT", "3");
            Assert.Equal("$6\r\n-70000\r\n", back.Run("GET", "n"));
        }
        finally { Directory.Delete(dir, true); }
    }
}

/// <summary>A background snapshot writes the dataset as it was when it began, while writes go on between its steps.</summary>
public class DatasetSnapshotTests
{
    [Fact]
    public void BackgroundSnapshotIsPointInTimeWhileWritesContinue()
    {
        var host = new KeyTestHost();
        for (int i = 0; i < 3000; i++) host.Run("SET", "k" + i, "v" + i);
        host.Run("SELECT", "2");
        for (int i = 0; i < 500; i++) host.Run("SET", "d2:" + i, "x" + i);
        host.Run("SELECT", "0");

        DatasetSnapshot snap;
        lock (host.Server.ExecLock) snap = RdbSnapshotEncoder.Begin(host.Server);
        int step = 0;
        var output = new MemoryStream();
        // Between steps: overwrite, delete and add keys in both databases, as clients would.
        Assert.True(snap.Run(output, bucketsPerStep: 16, betweenSteps: () =>
        {
            step++;
            host.Run("SET", "k" + (step * 7 % 3000), "changed");
            host.Run("DEL", "k" + (step * 13 % 3000));
            host.Run("SET", "new" + step, "n");
            host.Run("SELECT", "2");
            host.Run("SET", "d2:" + (step % 500), "changed");
            host.Run("SELECT", "0");
        }));
        Assert.True(step > 10);
        Assert.Equal(3500, snap.KeysProcessed);

        var back = new KeyTestHost();
        output.Position = 0;
        lock (back.Server.ExecLock) Assert.Equal(3500, RdbLoader.Load(new RdbReader(output), back.Server, new RdbLoadOptions()).KeysLoaded);
        for (int i = 0; i < 3000; i += 37) Assert.Equal($"${("v" + i).Length}\r\nv{i}\r\n", back.Run("GET", "k" + i));
        Assert.Equal("$-1\r\n", back.Run("GET", "new1"));
        back.Run("SELECT", "2");
        Assert.Equal("$2\r\nx1\r\n", back.Run("GET", "d2:1"));
    }
}
