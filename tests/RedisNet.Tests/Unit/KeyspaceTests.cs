using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using RedisNet.Commands;
using RedisNet.Config;
using RedisNet.Keyspace;
using RedisNet.Server;
using Xunit;

namespace RedisNet.Tests.Unit;

public class KeyspaceTests
{
    private static readonly CommandTable Table = new();
    private readonly RedisServer _server = new(new ServerConfig(), Table, NullLoggerFactory.Instance);
    private Database Db => _server.Databases[0];
    private static byte[] B(string s) => Encoding.ASCII.GetBytes(s);

    [Fact]
    public void InlineStringsRoundTripAndConvertToOtherValues()
    {
        var e = Db.SetString(B("k"), B("hello"));
        Assert.True(e.TryGetString(out var v));
        Assert.Equal("hello", Encoding.ASCII.GetString(v));
        Assert.Equal("k", Encoding.ASCII.GetString(e.Key));
        e.Value = new MutableString(B("grow"), 16);
        Assert.True(e.IsString);
        Assert.True(e.TryGetString(out v));
        Assert.Equal("grow", Encoding.ASCII.GetString(v));
        Assert.Equal("k", Encoding.ASCII.GetString(e.Key));
        e.Value = B("back");
        Assert.Equal("back", Encoding.ASCII.GetString((byte[])e.Value));
        Assert.Same(e, Db.Lookup(B("k")));
    }

    [Fact]
    public void ManyKeysSurviveResizesAndDeletes()
    {
        for (int i = 0; i < 5000; i++) Db.SetString(B("key:" + i), B("v" + i));
        Assert.Equal(5000, Db.Count);
        for (int i = 0; i < 5000; i += 2) Assert.True(Db.Delete(B("key:" + i)));
        Assert.Equal(2500, Db.Count);
        for (int i = 0; i < 5000; i++)
        {
            var e = Db.Lookup(B("key:" + i));
            if (i % 2 == 0) Assert.Null(e);
            else { Assert.NotNull(e); Assert.True(e!.TryGetString(out var v)); Assert.Equal("v" + i, Encoding.ASCII.GetString(v)); }
        }
    }

    [Fact]
    public void ScanReturnsEveryKeyOnceWhileTableGrows()
    {
        for (int i = 0; i < 1000; i++) Db.SetString(B("a" + i), B("x"));
        var seen = new HashSet<string>();
        ulong cursor = 0;
        int added = 0;
        do
        {
            cursor = Db.Scan(cursor, e => seen.Add(Encoding.ASCII.GetString(e.Key)));
            // Grow the table mid-scan: keys present throughout must still all be returned.
            if (added < 3000) { for (int j = 0; j < 100; j++) Db.SetString(B("b" + added++), B("y")); }
        } while (cursor != 0);
        for (int i = 0; i < 1000; i++) Assert.Contains("a" + i, seen);
    }

    [Fact]
    public void VolatileCountIsExactAndActiveExpireReclaimsStaleEntries()
    {
        long past = _server.Clock.NowMs - 1000, future = _server.Clock.NowMs + 100_000;
        for (int i = 0; i < 100; i++) Db.SetExpire(Db.SetString(B("e" + i), B("v")), i < 50 ? past : future);
        Assert.Equal(100, Db.VolatileCount);
        Db.RemoveExpire(Db.Peek(B("e99"))!);      // PERSIST
        Db.SetString(B("e98"), B("new"));            // SET clears the TTL
        Db.Delete(B("e97"));
        Assert.Equal(97, Db.VolatileCount);
        Db.SetExpire(Db.Peek(B("e99"))!, future);   // TTL again: still one list entry
        Assert.Equal(98, Db.VolatileCount);
        // Sampling is random, as in Redis: enough passes make missing a key vanishingly unlikely.
        for (int pass = 0; pass < 300; pass++) Db.ActiveExpire(_server.Rng, long.MaxValue);
        Assert.Equal(48, Db.VolatileCount);
        Assert.Equal(49, Db.Count); // 100 keys - 50 expired - 1 deleted
        Assert.Null(Db.Lookup(B("e0")));
        Assert.NotNull(Db.Lookup(B("e60")));
        Assert.True(Db.Volatile.Count >= Db.VolatileCount);
    }

    [Fact]
    public void LazyExpiryDeletesOnLookup()
    {
        var e = Db.SetString(B("gone"), B("v"));
        Db.SetExpire(e, _server.Clock.NowMs - 1);
        Assert.Null(Db.Lookup(B("gone")));
        Assert.Equal(0, Db.Count);
        Assert.Equal(0, Db.VolatileCount);
        Assert.Equal(1, _server.Stats.ExpiredKeys);
    }
}
