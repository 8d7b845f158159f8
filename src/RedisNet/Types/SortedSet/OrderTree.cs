namespace RedisNet.Types.SortedSet;

/// <summary>
/// The order of a sorted set: a B+tree of entries (see <see cref="ZEntry"/>) whose inner nodes keep
/// each child's element count, so rank lookups, rank ranges and bound searches are O(log n). Leaves
/// hold plain arrays of (score, entry reference) slots and are chained for range walks: a few bytes
/// per element, instead of one node object per member as in a skiplist. Searches compare the scores
/// kept in the node's own array and read an entry only to order equal scores by member.
/// </summary>
public sealed partial class OrderTree
{
    internal const int LeafCap = 128, InnerCap = 64, LeafMin = LeafCap / 4, InnerMin = InnerCap / 4;

    /// <summary>An element's score beside its entry: the score is what searches read.</summary>
    internal struct Slot(double score, byte[] entry)
    {
        public double Score = score;
        public byte[] Entry = entry;
    }

    internal sealed class Node
    {
        public int N;          // items (leaf) or children (inner)
        public int Total;      // elements in the subtree
        public Slot[]? Items;  // leaf
        public Node? Next, Prev; // leaf chain, in order
        public Node[]? Kids;    // inner
        public Slot[]? Keys;    // inner: Keys[i] (i >= 1) is above every element of Kids[i-1] and at or below every element of Kids[i]
        public int[]? Counts;   // inner: Kids[i].Total
        public bool IsLeaf => Kids is null;
    }

    private Node _root = NewLeaf(0);

    public int Count => _root.Total;

    private static Node NewLeaf(int capacity) => new() { Items = capacity == 0 ? [] : new Slot[capacity] };
    private static Node NewInner() => new() { Kids = new Node[InnerCap], Keys = new Slot[InnerCap], Counts = new int[InnerCap] };
    private static Slot FirstKey(Node n) => n.IsLeaf ? n.Items![0] : n.Keys![0];

    /// <summary>The rank of the first entry for which <paramref name="pred"/> holds (Count if none).</summary>
    public int LowerBound<T>(T pred) where T : IEntryPredicate
    {
        int rank = 0;
        var n = _root;
        while (!n.IsLeaf)
        {
            int j = ChildFor(n, pred);
            for (int k = 0; k < j; k++) rank += n.Counts![k];
            n = n.Kids![j];
        }
        return rank + LeafLowerBound(n, pred);
    }

    /// <summary>Number of entries ordered before (score, member): its rank when present.</summary>
    public int RankOf(byte[] entry) => LowerBound(new AtOrAfter(ZEntry.Score(entry), entry));

    public byte[] At(int rank)
    {
        var c = CursorAt(rank);
        return c.Current;
    }

    /// <summary>A cursor on the entry of rank <paramref name="rank"/>; invalid when out of range.</summary>
    public Cursor CursorAt(int rank)
    {
        if ((uint)rank >= (uint)Count) return default;
        var n = _root;
        while (!n.IsLeaf)
        {
            int j = 0;
            while (rank >= n.Counts![j]) rank -= n.Counts[j++];
            n = n.Kids![j];
        }
        return new Cursor(n, rank);
    }

    /// <summary>A position in the leaf chain; MoveNext/MovePrev walk the order in O(1).</summary>
    public struct Cursor
    {
        private Node? _leaf;
        private int _index;
        internal Cursor(Node leaf, int index) { _leaf = leaf; _index = index; }
        public readonly bool Valid => _leaf != null;
        public readonly byte[] Current => _leaf!.Items![_index].Entry;

        public void MoveNext()
        {
            if (++_index < _leaf!.N) return;
            do _leaf = _leaf.Next; while (_leaf != null && _leaf.N == 0);
            _index = 0;
        }

        public void MovePrev()
        {
            if (--_index >= 0) return;
            do _leaf = _leaf!.Prev; while (_leaf != null && _leaf.N == 0);
            _index = _leaf is null ? 0 : _leaf.N - 1;
        }
    }

    // The child whose range holds the boundary of a monotone predicate: after the last separator
    // for which it is false.
    private static int ChildFor<T>(Node n, T pred) where T : IEntryPredicate
    {
        int lo = 1, hi = n.N;
        var keys = n.Keys!;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (pred.Test(keys[mid].Score, keys[mid].Entry)) hi = mid; else lo = mid + 1;
        }
        return lo - 1;
    }

    private static int LeafLowerBound<T>(Node n, T pred) where T : IEntryPredicate
    {
        int lo = 0, hi = n.N;
        var items = n.Items!;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (pred.Test(items[mid].Score, items[mid].Entry)) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>Checks the tree's invariants (tests).</summary>
    internal void Validate()
    {
        int total = ValidateNode(_root, null, null, out _);
        if (total != Count) throw new InvalidOperationException("count mismatch");
    }

    // Redis's order: score, then member bytes as memcmp (a prefix sorts first).
    private static int Compare(Slot a, Slot b) =>
        a.Score < b.Score ? -1 : a.Score > b.Score ? 1 : ZEntry.Member(a.Entry).SequenceCompareTo(ZEntry.Member(b.Entry));

    private static int ValidateNode(Node n, Slot? low, Slot? high, out int depth)
    {
        if (n.IsLeaf)
        {
            depth = 0;
            for (int i = 0; i < n.N; i++)
            {
                var item = n.Items![i];
                if (item.Score != ZEntry.Score(item.Entry) || double.IsNegative(item.Score) != double.IsNegative(ZEntry.Score(item.Entry)))
                    throw new InvalidOperationException("slot score differs from its entry");
                if (i > 0 && Compare(n.Items[i - 1], item) >= 0) throw new InvalidOperationException("leaf order");
                if (low != null && Compare(item, low.Value) < 0) throw new InvalidOperationException("below separator");
                if (high != null && Compare(item, high.Value) >= 0) throw new InvalidOperationException("above separator");
            }
            if (n.Total != n.N) throw new InvalidOperationException("leaf total");
            return n.N;
        }
        int sum = 0;
        depth = -1;
        for (int i = 0; i < n.N; i++)
        {
            var lo = i == 0 ? low : n.Keys![i];
            var hi = i + 1 < n.N ? n.Keys![i + 1] : high;
            int c = ValidateNode(n.Kids![i], lo, hi, out int d);
            if (depth >= 0 && d != depth) throw new InvalidOperationException("unbalanced");
            depth = d;
            if (c != n.Counts![i]) throw new InvalidOperationException("child count");
            sum += c;
        }
        depth++;
        if (sum != n.Total) throw new InvalidOperationException("inner total");
        return sum;
    }
}
