using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace RedisNet.Keyspace;

/// <summary>
/// Hash of key bytes for the keyspace table: 8 bytes at a time with a per-process random seed,
/// so crafted keys cannot force collisions (Redis seeds siphash for the same reason).
/// </summary>
public static class KeyHash
{
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Compute(ReadOnlySpan<byte> key)
    {
        ulong h = Seed ^ ((ulong)key.Length * 0x9E3779B97F4A7C15UL);
        int i = 0;
        for (; i + 8 <= key.Length; i += 8)
            h = Mix(h ^ BinaryPrimitives.ReadUInt64LittleEndian(key.Slice(i)));
        ulong tail = 0;
        for (int s = 0; i < key.Length; i++, s += 8) tail |= (ulong)key[i] << s;
        h = Mix(h ^ tail);
        return (uint)(h ^ (h >> 32));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong x)
    {
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 31;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 29);
    }
}
