using System.Text;
using RedisNet.Types;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>The hashtable encoding's table: lookups, replacement, growth and shrinking, SCAN, random picks.</summary>
public class BlobTableTests
{
    private static byte[] B(string s) => Encoding.ASCII.GetBytes(s);

    [Fact]
    public void PairsAreKeyedByField()
    {
        var pair = HashPair.Create(B("field"), B("value"));
        Assert.Equal("field", Encoding.ASCII.GetString(HashPair.Field(pair)));
        Assert.Equal("value", Encoding.ASCII.GetString(HashPair.Value(pair)));
        var longField = new string('f', 300);
        var p2 = HashPair.Create(B(longField), B(""));
        Assert.Equal(longField, Encoding.ASCII.GetString(HashPair.Field(p2)));
        Assert.Equal(0, HashPair.Value(p2).Length);

        var t = new BlobTable(pairs: true);
        Assert.True(t.Put(pair));
        Assert.False(t.Put(HashPair.Create(B("field"), B("other"))));
        Assert.Equal("other", Encoding.ASCII.GetString(HashPair.Value(t.ItemAt(t.IndexOf(B("field"))))));
        Assert.Equal(1, t.Count);
    }

    [Fact]
    public void GrowsShrinksAndKeepsEveryElement()
    {
        var t = new BlobTable(pairs: false);
        for (int i = 0; i < 10_000; i++) Assert.True(t.Put(B("m" + i)));
        Assert.Equal(10_000, t.Count);
        Assert.True(t.BucketCount >= 10_000);
        for (int i = 0; i < 10_000; i += 2) Assert.True(t.Remove(B("m" + i)));
        Assert.False(t.Remove(B("m0")));
        for (int i = 0; i < 10_000; i++) Assert.Equal(i % 2 == 1, t.Contains(B("m" + i)));
        for (int i = 1; i < 9_990; i += 2) t.Remove(B("m" + i));
        Assert.Equal(5, t.Count);
        Assert.True(t.BucketCount <= 32); // shrunk: below 1/8 full it rebuilds at the count's power of two
        Assert.True(t.Contains(B("m9999")));
    }

    [Fact]
    public void ReplacedAndRemovedRecordsAreReclaimed()
    {
        var t = new BlobTable(pairs: true);
        for (int round = 0; round < 50; round++)
            for (int i = 0; i < 200; i++) t.Put(HashPair.Create(B("f" + i), B(new string('v', round % 7) + round)));
        Assert.Equal(200, t.Count);
        for (int i = 0; i < 200; i++) Assert.Equal(new string('v', 49 % 7) + "49", Encoding.ASCII.GetString(HashPair.Value(t.ItemAt(t.IndexOf(B("f" + i))))));
        for (int i = 0; i < 199; i++) Assert.True(t.Remove(B("f" + i)));
        Assert.Equal("f199", Encoding.ASCII.GetString(HashPair.Field(t.ItemAt(t.IndexOf(B("f199"))))));
        t.Put(HashPair.Create(B(""), B("empty")));
        Assert.Equal("empty", Encoding.ASCII.GetString(HashPair.Value(t.ItemAt(t.IndexOf(B(""))))));
    }

    [Fact]
    public void ScanVisitsEveryElementAcrossGrowth()
    {
        var t = new BlobTable(pairs: false);
        for (int i = 0; i < 100; i++) t.Put(B("a" + i));
        var seen = new HashSet<string>();
        ulong cursor = 0;
        int step = 0;
        do
        {
            cursor = t.Scan(cursor, m => seen.Add(Encoding.ASCII.GetString(m)));
            // Growth in the middle of the scan must not lose elements present from the start.
            if (step++ == 10) for (int i = 0; i < 1000; i++) t.Put(B("b" + i));
        } while (cursor != 0);
        for (int i = 0; i < 100; i++) Assert.Contains("a" + i, seen);
    }

    [Fact]
    public void RandomReturnsMembers()
    {
        var t = new BlobTable(pairs: false);
        for (int i = 0; i < 50; i++) t.Put(B("x" + i));
        for (int i = 0; i < 40; i++) t.Remove(B("x" + i));
        var rng = new Random(1);
        var picks = Enumerable.Range(0, 500).Select(_ => Encoding.ASCII.GetString(t.ItemAt(t.RandomSlot(rng)))).ToHashSet();
        Assert.Equal(10, picks.Count);
        Assert.All(picks, p => Assert.True(int.Parse(p[1..]) >= 40));
    }
}
