using RedisNet.Keyspace;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>String commands' effects on state not visible through replies yet: types, TTLs, encodings, statistics.</summary>
public class StringStateTests
{
    private const string WrongType = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    private static StringTestHost WithOtherType(out string key)
    {
        var h = new StringTestHost();
        key = "other";
        h.Db.Add("other"u8, new List<byte[]>()); // stands in for a list, hash... until those exist
        return h;
    }

    [Theory]
    [InlineData("GET", "other")]
    [InlineData("SET", "other", "v", "GET")]
    [InlineData("GETSET", "other", "v")]
    [InlineData("GETDEL", "other")]
    [InlineData("GETEX", "other", "EX", "10")]
    [InlineData("APPEND", "other", "x")]
    [InlineData("APPEND", "other", "")]
    [InlineData("STRLEN", "other")]
    [InlineData("GETRANGE", "other", "0", "1")]
    [InlineData("SUBSTR", "other", "0", "1")]
    [InlineData("SETRANGE", "other", "0", "x")]
    [InlineData("SETRANGE", "other", "0", "")]
    [InlineData("INCR", "other")]
    [InlineData("DECR", "other")]
    [InlineData("INCRBY", "other", "2")]
    [InlineData("DECRBY", "other", "2")]
    [InlineData("INCRBYFLOAT", "other", "1.5")]
    public void OtherTypesAreWrongType(params string[] command)
    {
        var h = WithOtherType(out var key);
        Assert.Equal(WrongType, h.Call(command));
        Assert.IsType<List<byte[]>>(h.Entry(key)!.Value);
        Assert.Empty(h.Propagated);
    }

    [Fact]
    public void OtherTypesInMultiKeyAndOverwritingCommands()
    {
        var h = WithOtherType(out _);
        h.Call("SET", "s", "v");
        Assert.Equal("*2\r\n$-1\r\n$1\r\nv\r\n", h.Call("MGET", "other", "s"));
        Assert.Equal("-ERR The specified keys must contain string values\r\n", h.Call("LCS", "other", "s"));
        Assert.Equal("-ERR The specified keys must contain string values\r\n", h.Call("LCS", "s", "other"));
        Assert.Equal(":0\r\n", h.Call("SETNX", "other", "v"));
        Assert.Equal("$-1\r\n", h.Call("SET", "other", "v", "NX"));
        Assert.Equal(":0\r\n", h.Call("MSETNX", "other", "v", "fresh", "v"));
        Assert.Equal("+OK\r\n", h.Call("SET", "other", "v"));
        Assert.Equal("$1\r\nv\r\n", h.Call("GET", "other"));

        h.Db.Add("other2"u8, new List<byte[]>());
        Assert.Equal("+OK\r\n", h.Call("MSET", "other2", "x"));
        Assert.Equal("$1\r\nx\r\n", h.Call("GET", "other2"));
        h.Db.Add("other3"u8, new List<byte[]>());
        Assert.Equal("+OK\r\n", h.Call("SETEX", "other3", "10", "y"));
        Assert.Equal("$1\r\ny\r\n", h.Call("GET", "other3"));
    }

    [Fact]
    public void ExpiryIsSetKeptAndCleared()
    {
        var h = new StringTestHost();
        long now = h.Server.Clock.NowMs;
        h.Call("SET", "k", "v", "EX", "100");
        Assert.InRange(h.Entry("k")!.ExpireAt, now + 100_000, now + 101_000);
        h.Call("SET", "k", "v2", "KEEPTTL");
        Assert.InRange(h.Entry("k")!.ExpireAt, now + 100_000, now + 101_000);
        h.Call("SET", "k", "v3");
        Assert.Equal(-1, h.Entry("k")!.ExpireAt);
        Assert.Equal(0, h.Db.VolatileCount);

        h.Call("SET", "k", "1", "PX", "5000");
        h.Call("INCR", "k");
        h.Call("INCRBYFLOAT", "k", "1.5");
        h.Call("APPEND", "k", "0");
        h.Call("SETRANGE", "k", "0", "9");
        Assert.InRange(h.Entry("k")!.ExpireAt, now + 5000, now + 6000);
        h.Call("GETSET", "k", "x");
        Assert.Equal(-1, h.Entry("k")!.ExpireAt);

        h.Call("SET", "k", "v", "EXAT", "99999999999");
        Assert.Equal(99999999999000, h.Entry("k")!.ExpireAt);
        h.Call("SET", "k", "v", "PXAT", "99999999999999");
        Assert.Equal(99999999999999, h.Entry("k")!.ExpireAt);
        h.Call("SETEX", "s", "10", "v");
        Assert.InRange(h.Entry("s")!.ExpireAt, now + 10_000, now + 11_000);
        h.Call("PSETEX", "s", "20000", "v");
        Assert.InRange(h.Entry("s")!.ExpireAt, now + 20_000, now + 21_000);
        h.Call("GETEX", "s", "EX", "50");
        Assert.InRange(h.Entry("s")!.ExpireAt, now + 50_000, now + 51_000);
        h.Call("GETEX", "s");
        Assert.InRange(h.Entry("s")!.ExpireAt, now + 50_000, now + 51_000);
        h.Call("GETEX", "s", "PERSIST");
        Assert.Equal(-1, h.Entry("s")!.ExpireAt);
        h.Call("MSET", "s", "v", "k", "v");
        Assert.Equal(0, h.Db.VolatileCount);
    }

    [Fact]
    public void ExpiredKeysAreGoneForEveryCommand()
    {
        var h = new StringTestHost();
        h.Call("SET", "k", "5", "PXAT", "1");
        Assert.Equal(":1\r\n", h.Call("INCR", "k"));
        h.Call("SET", "k", "5", "PXAT", "1");
        Assert.Equal("$-1\r\n", h.Call("SET", "k", "new", "KEEPTTL", "GET"));
        Assert.Equal(-1, h.Entry("k")!.ExpireAt); // the stale TTL went with the expired key
        h.Call("SET", "k", "5", "PXAT", "1");
        Assert.Equal(":1\r\n", h.Call("MSETNX", "k", "x"));
        Assert.Equal(3, h.Server.Stats.ExpiredKeys);
    }

    [Theory]
    [InlineData("123", "int")]
    [InlineData("-9223372036854775808", "int")]
    [InlineData("12345678901234567890", "embstr")]
    [InlineData("01", "embstr")]
    [InlineData("-0", "embstr")]
    [InlineData("+1", "embstr")]
    [InlineData("", "embstr")]
    [InlineData("hello", "embstr")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "embstr")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "raw")]
    public void SetEncodings(string value, string encoding)
    {
        var h = new StringTestHost();
        h.Call("SET", "k", value);
        Assert.Equal(encoding, h.EncodingOf("k"));
        h.Call("MSET", "m", value);
        Assert.Equal(encoding, h.EncodingOf("m"));
        h.Call("APPEND", "a", value);
        Assert.Equal(encoding, h.EncodingOf("a"));
    }

    [Fact]
    public void EncodingsFollowHistory()
    {
        var h = new StringTestHost();
        h.Call("SET", "k", "abc");
        h.Call("APPEND", "k", "");
        Assert.Equal("raw", h.EncodingOf("k"));
        h.Call("SETRANGE", "r", "0", "x");
        Assert.Equal("raw", h.EncodingOf("r"));
        h.Call("SET", "r2", "12");
        h.Call("SETRANGE", "r2", "0", "3");
        Assert.Equal("raw", h.EncodingOf("r2"));
        h.Call("SET", "f", "10");
        h.Call("INCRBYFLOAT", "f", "1");
        Assert.Equal("embstr", h.EncodingOf("f"));
        Assert.Equal("$2\r\n11\r\n", h.Call("GET", "f"));
        h.Call("APPEND", "f", "0");
        Assert.Equal("raw", h.EncodingOf("f"));
        h.Call("INCR", "f");
        Assert.Equal("int", h.EncodingOf("f"));
        h.Call("INCRBYFLOAT", "g", "1.5");
        Assert.Equal("embstr", h.EncodingOf("g"));
        h.Call("INCRBYFLOAT", "big", "1e60");
        Assert.Equal("raw", h.EncodingOf("big"));
        h.Call("GETSET", "gs", "42");
        Assert.Equal("int", h.EncodingOf("gs"));
    }

    [Fact]
    public void AppendGrowsInPlace()
    {
        var h = new StringTestHost();
        h.Call("SET", "k", "a");
        for (int i = 0; i < 100; i++) h.Call("APPEND", "k", "b");
        var m = Assert.IsType<MutableString>(h.Entry("k")!.Value);
        Assert.Equal(101, m.Length);
        Assert.True(m.Buffer.Length >= 101);
        Assert.Equal(":101\r\n", h.Call("STRLEN", "k"));
    }

    [Fact]
    public void KeyspaceHitsAndMissesCountReadsOnly()
    {
        var h = new StringTestHost();
        var stats = h.Server.Stats;
        void Expect(long hits, long misses, params string[] cmd)
        {
            h.Call(cmd);
            Assert.True(stats.KeyspaceHits == hits && stats.KeyspaceMisses == misses,
                $"{string.Join(' ', cmd)}: hits {stats.KeyspaceHits} misses {stats.KeyspaceMisses}, expected {hits}/{misses}");
        }
        // The sequence and counts observed on redis-server 7.0.15.
        Expect(0, 1, "GET", "a");
        Expect(0, 1, "SET", "a", "1");
        Expect(1, 1, "GET", "a");
        Expect(2, 1, "SET", "a", "2", "GET");
        Expect(2, 2, "SET", "b", "2", "GET");
        Expect(2, 2, "INCR", "a");
        Expect(2, 2, "INCRBYFLOAT", "c", "1");
        Expect(2, 2, "APPEND", "a", "1");
        Expect(3, 2, "STRLEN", "a");
        Expect(3, 3, "STRLEN", "zz");
        Expect(4, 3, "GETRANGE", "a", "0", "1");
        Expect(4, 4, "GETRANGE", "zz", "0", "1");
        Expect(4, 4, "SETRANGE", "a", "0", "1");
        Expect(5, 4, "GETEX", "a");
        Expect(5, 5, "GETEX", "zz");
        Expect(6, 5, "GETDEL", "a");
        Expect(6, 6, "GETDEL", "a");
        Expect(6, 7, "GETSET", "a", "1");
        Expect(8, 8, "MGET", "a", "b", "zz");
        Expect(8, 8, "MSET", "a", "1");
        Expect(8, 8, "MSETNX", "a", "1");
        Expect(8, 8, "SETNX", "a", "1");
        Expect(10, 8, "LCS", "a", "b");
        Expect(10, 10, "LCS", "zz", "yy");
        Expect(10, 10, "SET", "a", "1", "XX");
        Expect(11, 10, "SUBSTR", "a", "0", "1");
    }

    [Fact]
    public void DirtyCountsEveryWrite()
    {
        var h = new StringTestHost();
        long d0 = h.Server.Dirty;
        h.Call("MSET", "a", "1", "b", "2", "c", "3");
        Assert.Equal(d0 + 3, h.Server.Dirty);
        h.Call("SET", "a", "1", "NX");
        h.Call("GETEX", "a", "PERSIST");
        h.Call("SETRANGE", "a", "0", "");
        h.Call("INCR", "nonint-missing-is-fine");
        Assert.Equal(d0 + 4, h.Server.Dirty);
        h.Call("APPEND", "a", "x");
        h.Call("GETDEL", "b");
        h.Call("MSETNX", "x", "1", "y", "2");
        Assert.Equal(d0 + 8, h.Server.Dirty);
    }
}

public class StringSizeLimitTests
{
    [Fact]
    public void ProtoMaxBulkLenBoundsAppendAndSetRange()
    {
        var h = new StringTestHost();
        h.Server.Config.ProtoMaxBulkLen = 1024 * 1024;
        const string tooBig = "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n";
        Assert.Equal(":1048576\r\n", h.Call("SETRANGE", "k", "1048575", "x"));
        Assert.Equal(tooBig, h.Call("APPEND", "k", "y"));
        Assert.Equal(":1048576\r\n", h.Call("APPEND", "k", ""));
        Assert.Equal(tooBig, h.Call("SETRANGE", "k", "1048575", "xy"));
        Assert.Equal(tooBig, h.Call("SETRANGE", "new", "1048576", "x"));
        Assert.Null(h.Entry("new"));
        Assert.Equal(":1048576\r\n", h.Call("SETRANGE", "k", "0", "abc"));
        Assert.Equal("$5\r\nabc\0\0\r\n", h.Call("GETRANGE", "k", "0", "4"));
    }
}
