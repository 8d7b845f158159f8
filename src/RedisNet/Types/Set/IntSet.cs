namespace RedisNet.Types.Set;

/// <summary>
/// Redis's intset: distinct integers kept sorted. <see cref="Width"/> is the element size Redis would
/// use (2, 4 or 8 bytes): it grows with the largest magnitude added and never shrinks, as in Redis,
/// so MEMORY USAGE matches.
/// </summary>
public sealed class IntSet
{
    private long[] _values = new long[4];
    private int _count;

    public int Count => _count;
    public int Width { get; private set; } = 2;
    public long this[int i] => _values[i];

    public bool Contains(long v) => Array.BinarySearch(_values, 0, _count, v) >= 0;

    public bool Add(long v)
    {
        int i = Array.BinarySearch(_values, 0, _count, v);
        if (i >= 0) return false;
        i = ~i;
        if (_count == _values.Length) Array.Resize(ref _values, _values.Length * 2);
        Array.Copy(_values, i, _values, i + 1, _count - i);
        _values[i] = v;
        _count++;
        int w = v is >= short.MinValue and <= short.MaxValue ? 2 : v is >= int.MinValue and <= int.MaxValue ? 4 : 8;
        if (w > Width) Width = w;
        return true;
    }

    /// <summary>Keeps a wider element size than the values need (an intset loaded from RDB keeps its encoding).</summary>
    internal void WidenTo(int width)
    {
        if (width > Width) Width = width;
    }

    public bool Remove(long v)
    {
        int i = Array.BinarySearch(_values, 0, _count, v);
        if (i < 0) return false;
        Array.Copy(_values, i + 1, _values, i, _count - i - 1);
        _count--;
        return true;
    }

    public IntSet Clone()
    {
        var c = new IntSet { _values = (long[])_values.Clone(), _count = _count };
        c.Width = Width;
        return c;
    }
}
