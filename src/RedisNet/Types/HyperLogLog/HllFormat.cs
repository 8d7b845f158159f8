using System.Buffers.Binary;
using System.Numerics;

namespace RedisNet.Types.HyperLogLog;

/// <summary>
/// Redis's HyperLogLog string layout. A 16-byte header: "HYLL", the encoding (0 dense, 1 sparse),
/// three unused bytes, and the cached cardinality as a little-endian 64-bit integer whose top bit
/// set means "stale". Then 16384 registers (precision 14): 6-bit packed when dense, run-length
/// opcodes when sparse. Hashing is MurmurHash64A with Redis's seed, so the same elements set the
/// same registers and the bytes match redis-server's.
/// </summary>
public static class HllFormat
{
    public const int P = 14;
    public const int Registers = 1 << P;
    public const int Q = 64 - P;
    public const int RegisterBits = 6;
    public const int HeaderSize = 16;
    public const int DenseSize = HeaderSize + (Registers * RegisterBits + 7) / 8;
    public const byte Dense = 0;
    public const byte Sparse = 1;
    private const ulong Seed = 0xadc83b19UL;

    /// <summary>Redis's isHLLObjectOrReply test on a string's bytes.</summary>
    public static bool IsValid(ReadOnlySpan<byte> s) =>
        s.Length >= HeaderSize && s[..4].SequenceEqual("HYLL"u8) && s[4] <= Sparse && (s[4] != Dense || s.Length == DenseSize);

    public static bool IsDense(ReadOnlySpan<byte> s) => s[4] == Dense;

    public static bool CacheValid(ReadOnlySpan<byte> s) => (s[15] & 0x80) == 0;

    public static void InvalidateCache(Span<byte> s) => s[15] |= 0x80;

    public static ulong CachedCardinality(ReadOnlySpan<byte> s) => BinaryPrimitives.ReadUInt64LittleEndian(s[8..]);

    public static void StoreCardinality(Span<byte> s, ulong card) => BinaryPrimitives.WriteUInt64LittleEndian(s[8..], card);

    /// <summary>An empty sparse HLL: the header and one XZERO opcode covering every register.</summary>
    public static byte[] NewSparse()
    {
        var s = new byte[HeaderSize + 2];
        "HYLL"u8.CopyTo(s);
        s[4] = Sparse;
        HllSparse.WriteXZero(s.AsSpan(HeaderSize), Registers);
        return s;
    }

    /// <summary>
    /// The register an element goes to and the value it proposes: the run length of zeros (plus
    /// one) in the hash bits above the register index, capped at Q + 1.
    /// </summary>
    public static int PatternLength(ReadOnlySpan<byte> element, out int index)
    {
        ulong hash = MurmurHash64A(element, Seed);
        index = (int)(hash & (Registers - 1));
        hash >>= P;
        hash |= 1UL << Q;
        return BitOperations.TrailingZeroCount(hash) + 1;
    }

    /// <summary>Austin Appleby's MurmurHash64A, reading 8-byte blocks little-endian (as Redis on x86).</summary>
    public static ulong MurmurHash64A(ReadOnlySpan<byte> data, ulong seed)
    {
        const ulong m = 0xc6a4a7935bd1e995UL;
        const int r = 47;
        ulong h = seed ^ unchecked((ulong)data.Length * m);
        int blocks = data.Length / 8;
        for (int i = 0; i < blocks; i++)
        {
            ulong k = BinaryPrimitives.ReadUInt64LittleEndian(data[(i * 8)..]);
            unchecked
            {
                k *= m;
                k ^= k >> r;
                k *= m;
                h ^= k;
                h *= m;
            }
        }
        var tail = data[(blocks * 8)..];
        if (tail.Length > 0)
        {
            for (int i = tail.Length - 1; i >= 0; i--) h ^= (ulong)tail[i] << (8 * i);
            h = unchecked(h * m);
        }
        h ^= h >> r;
        h = unchecked(h * m);
        h ^= h >> r;
        return h;
    }
}
