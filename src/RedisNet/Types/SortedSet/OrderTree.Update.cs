namespace RedisNet.Types.SortedSet;

/// <summary>Insertion (with node splits) and removal (with merge or redistribution) of entries.</summary>
public sealed partial class OrderTree
{
    /// <summary>Inserts an entry that is not present (same score and member).</summary>
    public void Insert(byte[] entry)
    {
        var right = InsertRec(_root, new Slot(ZEntry.Score(entry), entry));
        if (right is null) return;
        var root = NewInner();
        root.Kids![0] = _root;
        root.Kids[1] = right;
        root.Keys![1] = FirstKey(right);
        root.Counts![0] = _root.Total;
        root.Counts[1] = right.Total;
        root.N = 2;
        root.Total = _root.Total + right.Total;
        _root = root;
    }

    /// <summary>Removes the entry equal to <paramref name="key"/> (same score and member); false if absent.</summary>
    public bool Remove(byte[] key)
    {
        if (!RemoveRec(_root, ZEntry.Score(key), key)) return false;
        if (!_root.IsLeaf && _root.N == 1) _root = _root.Kids![0];
        return true;
    }

    public void Clear() => _root = NewLeaf(0);

    // Returns the new right sibling when the node split.
    private static Node? InsertRec(Node n, Slot e)
    {
        if (n.IsLeaf)
        {
            int i = LeafLowerBound(n, new AtOrAfter(e.Score, e.Entry));
            Node target = n;
            Node? right = null;
            if (n.N == LeafCap)
            {
                // Appending at the end keeps the left leaf full: ascending inserts fill leaves completely.
                int keep = i == n.N ? n.N : n.N / 2;
                right = NewLeaf(Math.Max(8, LeafCap - keep));
                Array.Copy(n.Items!, keep, right.Items!, 0, n.N - keep);
                Array.Clear(n.Items!, keep, n.N - keep);
                right.N = right.Total = n.N - keep;
                n.N = n.Total = keep;
                right.Next = n.Next;
                right.Prev = n;
                if (n.Next != null) n.Next.Prev = right;
                n.Next = right;
                if (i > keep || keep == LeafCap) { target = right; i -= keep; }
            }
            LeafInsertAt(target, i, e);
            return right;
        }

        int j = ChildFor(n, new After(e.Score, e.Entry));
        var kid = n.Kids![j];
        var split = InsertRec(kid, e);
        n.Counts![j] = kid.Total;
        n.Total++;
        if (split is null) return null;
        int pos = j + 1;
        Node inner = n;
        Node? newRight = null;
        if (n.N == InnerCap)
        {
            int keep = n.N / 2;
            newRight = NewInner();
            int moved = n.N - keep;
            Array.Copy(n.Kids, keep, newRight.Kids!, 0, moved);
            Array.Copy(n.Keys!, keep, newRight.Keys!, 0, moved);
            Array.Copy(n.Counts, keep, newRight.Counts!, 0, moved);
            Array.Clear(n.Kids, keep, moved);
            Array.Clear(n.Keys!, keep, moved);
            newRight.N = moved;
            n.N = keep;
            if (pos > keep) { inner = newRight; pos -= keep; }
        }
        InnerInsertAt(inner, pos, split);
        if (newRight != null)
        {
            n.Total = SumCounts(n);
            newRight.Total = SumCounts(newRight);
        }
        return newRight;
    }

    private static void LeafInsertAt(Node leaf, int i, Slot e)
    {
        if (leaf.N == leaf.Items!.Length)
        {
            var grown = new Slot[Math.Min(LeafCap, Math.Max(4, leaf.N * 2))];
            Array.Copy(leaf.Items, grown, leaf.N);
            leaf.Items = grown;
        }
        Array.Copy(leaf.Items, i, leaf.Items, i + 1, leaf.N - i);
        leaf.Items[i] = e;
        leaf.N++;
        leaf.Total++;
    }

    private static void InnerInsertAt(Node n, int pos, Node kid)
    {
        int tail = n.N - pos;
        Array.Copy(n.Kids!, pos, n.Kids!, pos + 1, tail);
        Array.Copy(n.Keys!, pos, n.Keys!, pos + 1, tail);
        Array.Copy(n.Counts!, pos, n.Counts!, pos + 1, tail);
        n.Kids![pos] = kid;
        n.Keys![pos] = FirstKey(kid);
        n.Counts![pos] = kid.Total;
        n.N++;
    }

    private static int SumCounts(Node n)
    {
        int s = 0;
        for (int i = 0; i < n.N; i++) s += n.Counts![i];
        return s;
    }

    private static bool RemoveRec(Node n, double score, byte[] key)
    {
        if (n.IsLeaf)
        {
            int i = LeafLowerBound(n, new AtOrAfter(score, key));
            if (i == n.N || n.Items![i].Score != score || !ZEntry.Member(n.Items[i].Entry).SequenceEqual(ZEntry.Member(key))) return false;
            Array.Copy(n.Items!, i + 1, n.Items!, i, n.N - i - 1);
            n.Items![--n.N] = default;
            n.Total--;
            return true;
        }
        int j = ChildFor(n, new After(score, key));
        var kid = n.Kids![j];
        if (!RemoveRec(kid, score, key)) return false;
        n.Counts![j]--;
        n.Total--;
        if (kid.N < (kid.IsLeaf ? LeafMin : InnerMin) && n.N > 1) Rebalance(n, j);
        return true;
    }

    // Merges the underfull child j with a neighbour, or shares their elements evenly when both
    // don't fit in one node.
    private static void Rebalance(Node parent, int j)
    {
        int a = j == parent.N - 1 ? j - 1 : j, b = a + 1;
        Node left = parent.Kids![a], right = parent.Kids[b];
        if (left.IsLeaf) RebalanceLeaves(parent, b, left, right);
        else RebalanceInner(parent, b, left, right);
    }

    private static void RebalanceLeaves(Node parent, int b, Node left, Node right)
    {
        int total = left.N + right.N;
        var all = new Slot[total];
        Array.Copy(left.Items!, all, left.N);
        Array.Copy(right.Items!, 0, all, left.N, right.N);
        if (total <= LeafCap)
        {
            if (left.Items!.Length < total) left.Items = new Slot[Math.Min(LeafCap, Math.Max(total, left.Items.Length * 2))];
            Array.Copy(all, left.Items, total);
            left.N = left.Total = total;
            left.Next = right.Next;
            if (right.Next != null) right.Next.Prev = left;
            RemoveKid(parent, b);
            parent.Counts![b - 1] = total;
            return;
        }
        int half = total / 2;
        left.Items = new Slot[LeafCap];
        right.Items = new Slot[LeafCap];
        Array.Copy(all, left.Items, half);
        Array.Copy(all, half, right.Items, 0, total - half);
        left.N = left.Total = half;
        right.N = right.Total = total - half;
        parent.Keys![b] = right.Items[0];
        parent.Counts![b - 1] = half;
        parent.Counts[b] = total - half;
    }

    private static void RebalanceInner(Node parent, int b, Node left, Node right)
    {
        int total = left.N + right.N;
        var kids = new Node[total];
        var keys = new Slot[total];
        var counts = new int[total];
        Array.Copy(left.Kids!, kids, left.N);
        Array.Copy(left.Keys!, keys, left.N);
        Array.Copy(left.Counts!, counts, left.N);
        Array.Copy(right.Kids!, 0, kids, left.N, right.N);
        Array.Copy(right.Keys!, 0, keys, left.N, right.N);
        Array.Copy(right.Counts!, 0, counts, left.N, right.N);
        keys[left.N] = parent.Keys![b]; // the parent's separator divides the two halves
        if (total <= InnerCap)
        {
            Array.Copy(kids, left.Kids!, total);
            Array.Copy(keys, left.Keys!, total);
            Array.Copy(counts, left.Counts!, total);
            left.N = total;
            left.Total += right.Total;
            RemoveKid(parent, b);
            parent.Counts![b - 1] = left.Total;
            return;
        }
        int half = total / 2;
        Array.Clear(left.Kids!);
        Array.Clear(right.Kids!);
        Array.Copy(kids, left.Kids!, half);
        Array.Copy(keys, left.Keys!, half);
        Array.Copy(counts, left.Counts!, half);
        Array.Copy(kids, half, right.Kids!, 0, total - half);
        Array.Copy(keys, half, right.Keys!, 0, total - half);
        Array.Copy(counts, half, right.Counts!, 0, total - half);
        left.N = half;
        right.N = total - half;
        left.Total = SumCounts(left);
        right.Total = SumCounts(right);
        parent.Keys[b] = right.Keys![0];
        parent.Counts![b - 1] = left.Total;
        parent.Counts[b] = right.Total;
    }

    private static void RemoveKid(Node n, int pos)
    {
        int tail = n.N - pos - 1;
        Array.Copy(n.Kids!, pos + 1, n.Kids!, pos, tail);
        Array.Copy(n.Keys!, pos + 1, n.Keys!, pos, tail);
        Array.Copy(n.Counts!, pos + 1, n.Counts!, pos, tail);
        n.N--;
        n.Kids![n.N] = null!;
        n.Keys![n.N] = default;
    }
}
