using System.Text;
using RedisNet.Types.SortedSet;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>
/// The order-statistic B+tree and member table against a naive model (a sorted list) under random
/// inserts, score updates and removals: order, ranks, bounds, cursors and the tree's invariants.
/// </summary>
public class SortedSetTreeTests
{
    private static int Cmp((double S, string M) a, (double S, string M) b)
    {
        int c = a.S.CompareTo(b.S);
        return c != 0 ? c : Encoding.Latin1.GetBytes(a.M).AsSpan().SequenceCompareTo(Encoding.Latin1.GetBytes(b.M));
    }

    private static void AssertSame(SortedSetValue z, List<(double S, string M)> model)
    {
        z.Tree.Validate();
        Assert.Equal(model.Count, z.Count);
        int i = 0;
        foreach (var e in z.Entries())
        {
            Assert.Equal(model[i].S, ZEntry.Score(e));
            Assert.Equal(model[i].M, Encoding.Latin1.GetString(ZEntry.Member(e)));
            i++;
        }
        Assert.Equal(model.Count, i);
    }

    [Theory]
    [InlineData(1, 300, false)]
    [InlineData(2, 5000, true)]
    [InlineData(3, 20000, true)]
    public void RandomOperationsMatchASortedList(int seed, int ops, bool skiplist)
    {
        var rng = new Random(seed);
        var z = new SortedSetValue();
        if (skiplist) z.ConvertToSkiplist();
        var model = new List<(double S, string M)>();
        for (int op = 0; op < ops; op++)
        {
            string m = "m" + rng.Next(ops / 2);
            double score = rng.Next(4) == 0 ? rng.Next(5) : Math.Round(rng.NextDouble() * 1000, 2);
            int at = model.FindIndex(x => x.M == m);
            int kind = rng.Next(10);
            if (kind < 6)
            {
                var e = z.Find(Encoding.Latin1.GetBytes(m));
                Assert.Equal(at >= 0, e != null);
                if (e is null) z.Insert(score, Encoding.Latin1.GetBytes(m));
                else z.Update(e, score);
                if (at >= 0) model.RemoveAt(at);
                var item = (score, m);
                int pos = model.FindIndex(x => Cmp(x, item) > 0);
                model.Insert(pos < 0 ? model.Count : pos, item);
            }
            else
            {
                Assert.Equal(at >= 0, z.Remove(Encoding.Latin1.GetBytes(m)));
                if (at >= 0) model.RemoveAt(at);
            }
            if (op % 97 == 0 || op == ops - 1) AssertSame(z, model);
        }
        for (int r = 0; r < model.Count; r += 1 + model.Count / 50)
        {
            Assert.Equal(r, z.Rank(Encoding.Latin1.GetBytes(model[r].M)));
            Assert.Equal(model[r].M, Encoding.Latin1.GetString(ZEntry.Member(z.Tree.At(r))));
        }
        for (int k = 0; k < 50; k++)
        {
            double bound = rng.Next(1000);
            Assert.Equal(model.Count(x => x.S < bound), z.Tree.LowerBound(new ScoreFrom(bound, strict: false)));
            Assert.Equal(model.Count(x => x.S <= bound), z.Tree.LowerBound(new ScoreFrom(bound, strict: true)));
        }
    }

    [Fact]
    public void AscendingAndDescendingBulkLoadsStayBalancedAndDense()
    {
        var up = new SortedSetValue();
        var down = new SortedSetValue();
        const int n = 100_000;
        for (int i = 0; i < n; i++)
        {
            up.Insert(i, Encoding.ASCII.GetBytes("k" + i));
            down.Insert(n - i, Encoding.ASCII.GetBytes("k" + i));
        }
        up.Tree.Validate();
        down.Tree.Validate();
        Assert.Equal(54321, ZEntry.Score(up.Tree.At(54321)));
        Assert.Equal(54322, ZEntry.Score(down.Tree.At(54321)));
        // Removing most elements keeps the invariants (merges and redistributions).
        for (int i = 0; i < n; i++)
            if (i % 10 != 0) Assert.True(up.Remove(Encoding.ASCII.GetBytes("k" + i)));
        up.Tree.Validate();
        Assert.Equal(n / 10, up.Count);
        Assert.Equal(500, ZEntry.Score(up.Tree.At(50)));
    }

    [Fact]
    public void CursorsWalkBothWays()
    {
        var z = new SortedSetValue();
        for (int i = 0; i < 1000; i++) z.Insert(i, Encoding.ASCII.GetBytes("m" + i));
        var c = z.Tree.CursorAt(999);
        int expected = 999;
        for (; c.Valid; c.MovePrev()) Assert.Equal(expected--, ZEntry.Score(c.Current));
        Assert.Equal(-1, expected);
        Assert.False(z.Tree.CursorAt(1000).Valid);
        Assert.False(z.Tree.CursorAt(-1).Valid);
    }

    [Fact]
    public void MemberTableHandlesCollisionsAndScans()
    {
        var t = new MemberTable();
        var entries = Enumerable.Range(0, 5000).Select(i => ZEntry.Create(i, Encoding.ASCII.GetBytes("x" + i))).ToList();
        foreach (var e in entries) t.Set(e);
        for (int i = 0; i < 5000; i += 2) Assert.True(t.Remove(Encoding.ASCII.GetBytes("x" + i)));
        Assert.False(t.Remove("x0"u8));
        Assert.Equal(2500, t.Count);
        for (int i = 1; i < 5000; i += 2) Assert.Same(entries[i], t.Find(Encoding.ASCII.GetBytes("x" + i)));
        var seen = new HashSet<string>();
        var batch = new List<byte[]>();
        ulong cursor = 0;
        do cursor = t.Scan(cursor, batch); while (cursor != 0);
        foreach (var e in batch) seen.Add(Encoding.ASCII.GetString(ZEntry.Member(e)));
        Assert.Equal(2500, seen.Count);
    }
}
