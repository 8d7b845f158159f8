using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RedisNet.Types.SortedSet;

/// <summary>
/// A sorted-set element stored as one array: [score: 8 bytes][member bytes]. One allocation per
/// member serves the order tree and the member table. Entries are never changed in place (a new
/// score makes a new entry), so the tree may keep old entries as separator keys.
/// </summary>
public static class ZEntry
{
    public static byte[] Create(double score, ReadOnlySpan<byte> member)
    {
        var e = new byte[8 + member.Length];
        Unsafe.WriteUnaligned(ref e[0], score);
        member.CopyTo(e.AsSpan(8));
        return e;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Score(byte[] e) => Unsafe.ReadUnaligned<double>(ref MemoryMarshal.GetArrayDataReference(e));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Member(byte[] e) => new(e, 8, e.Length - 8);

    /// <summary>Overwrites the score of an entry that no tree holds yet (set-operation accumulators).</summary>
    public static void SetScore(byte[] e, double score) => Unsafe.WriteUnaligned(ref e[0], score);

    public static byte[] MemberBytes(byte[] e) => e.AsSpan(8).ToArray();

    /// <summary>Redis's order: score, then member bytes as memcmp (a prefix sorts first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(byte[] a, byte[] b)
    {
        double sa = Score(a), sb = Score(b);
        if (sa < sb) return -1;
        if (sa > sb) return 1;
        return Member(a).SequenceCompareTo(Member(b));
    }

    public static int Compare(byte[] a, double score, ReadOnlySpan<byte> member)
    {
        double sa = Score(a);
        if (sa < score) return -1;
        if (sa > score) return 1;
        return Member(a).SequenceCompareTo(member);
    }
}

/// <summary>A predicate over entries that is false for a prefix of the order and true after it.</summary>
public interface IEntryPredicate
{
    bool Test(byte[] e);
}

/// <summary>True from the first entry at or after (score, member).</summary>
public readonly struct AtOrAfter(byte[] key) : IEntryPredicate
{
    public bool Test(byte[] e) => ZEntry.Compare(e, key) >= 0;
}

/// <summary>True from the first entry whose score is above <c>bound</c> (or at it, when not <c>strict</c>).</summary>
public readonly struct ScoreFrom(double bound, bool strict) : IEntryPredicate
{
    public bool Test(byte[] e) => strict ? ZEntry.Score(e) > bound : ZEntry.Score(e) >= bound;
}

/// <summary>True from the first entry whose member is above <c>bound</c> (or at it, when not <c>strict</c>).</summary>
public readonly struct MemberFrom(byte[] bound, bool strict) : IEntryPredicate
{
    public bool Test(byte[] e)
    {
        int c = ZEntry.Member(e).SequenceCompareTo(bound);
        return strict ? c > 0 : c >= 0;
    }
}
