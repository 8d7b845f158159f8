using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RedisNet.Types.SortedSet;

/// <summary>
/// A sorted-set element stored as one array: [score: 8 bytes][member bytes]. One allocation per
/// member serves the order tree and the member table. The tree keeps each score next to its entry
/// reference (and separator scores in inner nodes) and reads entries only for their members, so a
/// score update may rewrite the entry in place once the tree has removed it; entries therefore
/// belong to one set (copies make new entries).
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

    /// <summary>Overwrites the score of an entry that no tree holds (accumulators, or removed for an update).</summary>
    public static void SetScore(byte[] e, double score) => Unsafe.WriteUnaligned(ref e[0], score);

    public static byte[] MemberBytes(byte[] e) => e.AsSpan(8).ToArray();
}

/// <summary>
/// A predicate over the order that is false for a prefix of it and true after it. The tree passes
/// each element's score from its own arrays, so a test that decides on the score alone never reads
/// the entry (a cache miss); the entry is read for its member only.
/// </summary>
public interface IEntryPredicate
{
    bool Test(double score, byte[] e);
}

/// <summary>True from the first entry at or after (score, member of <c>key</c>).</summary>
public readonly struct AtOrAfter(double score, byte[] key) : IEntryPredicate
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Test(double s, byte[] e) => s > score || (s == score && ZEntry.Member(e).SequenceCompareTo(ZEntry.Member(key)) >= 0);
}

/// <summary>True from the first entry after (score, member of <c>key</c>).</summary>
public readonly struct After(double score, byte[] key) : IEntryPredicate
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Test(double s, byte[] e) => s > score || (s == score && ZEntry.Member(e).SequenceCompareTo(ZEntry.Member(key)) > 0);
}

/// <summary>True from the first entry whose score is above <c>bound</c> (or at it, when not <c>strict</c>).</summary>
public readonly struct ScoreFrom(double bound, bool strict) : IEntryPredicate
{
    public bool Test(double s, byte[] e) => strict ? s > bound : s >= bound;
}

/// <summary>True from the first entry whose member is above <c>bound</c> (or at it, when not <c>strict</c>).</summary>
public readonly struct MemberFrom(byte[] bound, bool strict) : IEntryPredicate
{
    public bool Test(double s, byte[] e)
    {
        int c = ZEntry.Member(e).SequenceCompareTo(bound);
        return strict ? c > 0 : c >= 0;
    }
}
