using System.Text;
using RedisNet.Types.SortedSet;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>
/// A score update rewrites the member's entry in place: the member table keeps the same entry, the
/// tree (which orders by its own copy of each score) moves it, and a clone owns separate entries.
/// </summary>
public class SortedSetInPlaceUpdateTests
{
    private static byte[] B(string s) => Encoding.ASCII.GetBytes(s);

    [Fact]
    public void UpdateMovesTheSameEntryAndClonesStayApart()
    {
        var z = new SortedSetValue();
        z.ConvertToSkiplist();
        for (int i = 0; i < 3000; i++) z.Insert(i % 7, B("m" + i)); // many equal scores: ties go by member
        var copy = z.Clone();
        var e = z.Find("m42"u8)!;
        z.Update(e, 2.5);
        Assert.Same(e, z.Find("m42"u8));
        Assert.Equal(2.5, ZEntry.Score(e));
        z.Tree.Validate();
        Assert.Equal(z.Count - 1, z.Rank("m42"u8) + (z.Count - z.Tree.LowerBound(new ScoreFrom(2.5, strict: true))));
        Assert.True(copy.TryGetScore("m42"u8, out double old));
        Assert.Equal(0, old);
        copy.Tree.Validate();

        // Every member moved once, then back: the order is the original one again.
        foreach (var m in Enumerable.Range(0, 3000).Select(i => B("m" + i)))
        {
            var x = z.Find(m)!;
            z.Update(x, -ZEntry.Score(x) - 1);
        }
        z.Tree.Validate();
        foreach (var m in Enumerable.Range(0, 3000).Select(i => B("m" + i)))
        {
            var x = z.Find(m)!;
            z.Update(x, -ZEntry.Score(x) - 1);
        }
        z.Update(z.Find("m42"u8)!, 0);
        z.Tree.Validate();
        Assert.Equal(copy.Entries().Select(x => Encoding.ASCII.GetString(ZEntry.Member(x))),
            z.Entries().Select(x => Encoding.ASCII.GetString(ZEntry.Member(x))));
    }
}
