using System.Text;
using RedisNet.Types;
using RedisNet.Types.SortedSet;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>
/// SCAN's guarantee for collections (ZSCAN/HSCAN/SSCAN): an element present for the whole scan is
/// returned at least once, however much the table grows, shrinks or reshuffles between calls.
/// </summary>
public class ScanResizeTests
{
    private static byte[] B(string s) => Encoding.ASCII.GetBytes(s);

    /// <summary>A table under scan: add/remove by name, one scan step collecting names.</summary>
    private interface IScanned
    {
        void Add(string name);
        void Remove(string name);
        ulong Step(ulong cursor, HashSet<string> seen);
    }

    private sealed class Members : IScanned
    {
        private readonly MemberTable _t = new();
        private readonly List<byte[]> _batch = new();
        public void Add(string name) => _t.Set(ZEntry.Create(1, B(name)));
        public void Remove(string name) => _t.Remove(B(name));
        public ulong Step(ulong cursor, HashSet<string> seen)
        {
            _batch.Clear();
            cursor = _t.Scan(cursor, _batch);
            foreach (var e in _batch) seen.Add(Encoding.ASCII.GetString(ZEntry.Member(e)));
            return cursor;
        }
    }

    private sealed class Blobs(bool pairs) : IScanned
    {
        private readonly BlobTable _t = new(pairs);
        public void Add(string name) => _t.Put(pairs ? HashPair.Create(B(name), B("v")) : B(name));
        public void Remove(string name) => _t.Remove(B(name));
        public ulong Step(ulong cursor, HashSet<string> seen) =>
            _t.Scan(cursor, item => seen.Add(Encoding.ASCII.GetString(pairs ? HashPair.Field(item) : item)));
    }

    public static TheoryData<string> Kinds => new() { "zset", "hash", "set" };

    private static IScanned Create(string kind) => kind switch
    {
        "zset" => new Members(),
        "hash" => new Blobs(pairs: true),
        _ => new Blobs(pairs: false),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MembersPresentThroughoutAreReturnedWhileTheTableChanges(string kind)
    {
        var rng = new Random(7);
        for (int round = 0; round < 40; round++)
        {
            var t = Create(kind);
            int stable = rng.Next(1, 400);
            for (int i = 0; i < stable; i++) t.Add("s" + i);
            // Churn members come and go between calls: the table grows, shrinks and reshuffles probe runs.
            var churn = new List<string>();
            int next = 0;
            var seen = new HashSet<string>();
            ulong cursor = 0;
            int steps = 0;
            do
            {
                cursor = t.Step(cursor, seen);
                int op = rng.Next(4);
                if (op == 0 || churn.Count == 0)
                {
                    int n = rng.Next(1, 600);
                    for (int i = 0; i < n; i++) { var name = "c" + next++; t.Add(name); churn.Add(name); }
                }
                else
                {
                    int n = rng.Next(1, churn.Count + 1);
                    for (int i = 0; i < n; i++)
                    {
                        int at = rng.Next(churn.Count);
                        t.Remove(churn[at]);
                        churn[at] = churn[^1];
                        churn.RemoveAt(churn.Count - 1);
                    }
                }
                Assert.True(++steps < 1_000_000, "the scan must end");
            } while (cursor != 0);
            for (int i = 0; i < stable; i++) Assert.Contains("s" + i, seen);
        }
    }
}
