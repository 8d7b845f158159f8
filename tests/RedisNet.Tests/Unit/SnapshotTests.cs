using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using RedisNet.Commands;
using RedisNet.Config;
using RedisNet.Keyspace;
using RedisNet.Server;
using Xunit;

namespace RedisNet.Tests.Unit;

public class SnapshotTests
{
    private readonly RedisServer _server = new(new ServerConfig(), new CommandTable(), NullLoggerFactory.Instance);
    private Database Db => _server.Databases[0];
    private static byte[] B(string s) => Encoding.ASCII.GetBytes(s);
    private static string S(ReadOnlySpan<byte> b) => Encoding.ASCII.GetString(b);

    private Dictionary<string, (string Value, long Expire)> State()
    {
        var d = new Dictionary<string, (string, long)>();
        foreach (var e in Db.Entries()) { e.TryGetString(out var v); d[S(e.Key)] = (S(v), e.ExpireAt); }
        return d;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SnapshotSeesTheTableAsItWasWhileWritesGoOn(int seed)
    {
        var rng = new Random(seed);
        for (int i = 0; i < 2000; i++) Db.SetString(B("k" + i), B("v" + i));
        for (int i = 0; i < 2000; i += 7) Db.SetExpire(Db.Peek(B("k" + i))!, _server.Clock.NowMs + 100_000);
        var before = State();
        int buckets = Db.Table.BucketCount;

        var seen = new Dictionary<string, (string, long)>();
        var snap = Db.Table.BeginSnapshot(e =>
        {
            e.TryGetString(out var v);
            Assert.True(seen.TryAdd(S(e.Key), (S(v), e.ExpireAt)), "entry visited twice");
        });
        int next = 2000;
        while (snap.Step(16))
        {
            for (int w = 0; w < 20; w++)
            {
                var key = B("k" + rng.Next(2600));
                switch (rng.Next(5))
                {
                    case 0: Db.SetString(key, B("changed" + w)); break;
                    case 1: Db.Delete(key); break;
                    case 2: Db.SetString(B("k" + next++), B("new")); break;
                    case 3: if (Db.Peek(key) is { } e) Db.SetExpire(e, _server.Clock.NowMs + 5000 + w); break;
                    case 4: if (Db.LookupWrite(key) is { } m) m.Value = new MutableString(B("inplace"), 16); break;
                }
            }
        }
        Assert.Equal(before, seen);
        Assert.Equal(buckets, Db.Table.BucketCount); // no resize while it ran
        Assert.True(snap.EarlyVisits > 0);
        Assert.False(Db.Table.SnapshotActive);
        for (int i = 0; i < 5000; i++) Db.SetString(B("after" + i), B("x"));
        Assert.True(Db.Table.BucketCount > buckets); // resizes again afterwards
    }

    [Fact]
    public void FlushDuringSnapshotDoesNotDisturbIt()
    {
        for (int i = 0; i < 100; i++) Db.SetString(B("k" + i), B("v"));
        int count = 0;
        var snap = Db.Table.BeginSnapshot(_ => count++);
        snap.Step(1);
        Db.Clear(); // FLUSHDB swaps in a new table; the snapshot keeps walking the old one
        while (snap.Step(64)) { }
        Assert.Equal(100, count);
    }
}
