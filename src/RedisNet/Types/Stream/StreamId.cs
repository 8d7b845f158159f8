using System.Buffers.Text;

namespace RedisNet.Types.Stream;

/// <summary>A stream entry ID: milliseconds and sequence, ordered as one 128-bit number.</summary>
public readonly record struct StreamId(ulong Ms, ulong Seq) : IComparable<StreamId>
{
    public static readonly StreamId Zero = new(0, 0);
    public static readonly StreamId Max = new(ulong.MaxValue, ulong.MaxValue);

    public bool IsZero => Ms == 0 && Seq == 0;

    public int CompareTo(StreamId other) => Ms != other.Ms ? Ms.CompareTo(other.Ms) : Seq.CompareTo(other.Seq);

    public static bool operator <(StreamId a, StreamId b) => a.CompareTo(b) < 0;
    public static bool operator >(StreamId a, StreamId b) => a.CompareTo(b) > 0;
    public static bool operator <=(StreamId a, StreamId b) => a.CompareTo(b) <= 0;
    public static bool operator >=(StreamId a, StreamId b) => a.CompareTo(b) >= 0;

    /// <summary>The next ID (Redis's streamIncrID); false at the maximum.</summary>
    public bool TryIncrement(out StreamId next)
    {
        if (Seq != ulong.MaxValue) { next = new(Ms, Seq + 1); return true; }
        if (Ms != ulong.MaxValue) { next = new(Ms + 1, 0); return true; }
        next = this;
        return false;
    }

    /// <summary>The previous ID (streamDecrID); false at 0-0.</summary>
    public bool TryDecrement(out StreamId prev)
    {
        if (Seq != 0) { prev = new(Ms, Seq - 1); return true; }
        if (Ms != 0) { prev = new(Ms - 1, ulong.MaxValue); return true; }
        prev = this;
        return false;
    }

    /// <summary>Writes "ms-seq" into <paramref name="dest"/> (at least 41 bytes); returns the length.</summary>
    public int Format(Span<byte> dest)
    {
        Utf8Formatter.TryFormat(Ms, dest, out int a);
        dest[a++] = (byte)'-';
        Utf8Formatter.TryFormat(Seq, dest[a..], out int b);
        return a + b;
    }

    public byte[] ToBytes()
    {
        Span<byte> tmp = stackalloc byte[41];
        return tmp[..Format(tmp)].ToArray();
    }

    public override string ToString() => $"{Ms}-{Seq}";
}
