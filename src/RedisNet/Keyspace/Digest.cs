using System.Buffers.Binary;
using System.Security.Cryptography;

namespace RedisNet.Keyspace;

/// <summary>
/// DEBUG DIGEST's 20-byte SHA1 accumulator with Redis's two operations: Xor (order-independent:
/// state ^= SHA1(data), for unordered elements) and Mix (order-dependent: state = SHA1(state ^ SHA1(data))).
/// Results equal redis-server's for the same dataset, so replication and persistence tests can compare.
/// </summary>
public sealed class Digest
{
    public readonly byte[] State = new byte[20];

    public void Xor(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(data, hash);
        for (int i = 0; i < 20; i++) State[i] ^= hash[i];
    }

    public void Mix(ReadOnlySpan<byte> data)
    {
        Xor(data);
        Span<byte> next = stackalloc byte[20];
        SHA1.HashData(State, next);
        next.CopyTo(State);
    }

    /// <summary>Mixes a 32-bit integer in network byte order (Redis hashes htonl(x)).</summary>
    public void MixUInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        Mix(b);
    }

    public void Clear() => Array.Clear(State);

    public string Hex() => Convert.ToHexString(State).ToLowerInvariant();

    /// <summary>A key's value digest (DEBUG DIGEST-VALUE): type code, value, and a marker if it has a TTL.</summary>
    public static void XorEntryValue(Digest d, KeyEntry e)
    {
        var type = TypeNames.Of(e.Value);
        d.MixUInt32((uint)type.ObjType);
        type.DigestValue(e.Value, d);
        if (e.ExpireAt >= 0) d.Xor("!!expire!!"u8);
    }

    /// <summary>
    /// The whole dataset's digest (DEBUG DIGEST): per non-empty db, mix its index, then xor in each
    /// key's own digest (key mixed, then its value), so key order does not matter. Logically
    /// expired keys not yet reclaimed are included, as in Redis.
    /// </summary>
    public static Digest OfDataset(IReadOnlyList<Database> dbs)
    {
        var final = new Digest();
        var entry = new Digest();
        for (int i = 0; i < dbs.Count; i++)
        {
            if (dbs[i].Count == 0) continue;
            final.MixUInt32((uint)i);
            foreach (var e in dbs[i].Entries())
            {
                entry.Clear();
                entry.Mix(e.Key);
                XorEntryValue(entry, e);
                final.Xor(entry.State);
            }
        }
        return final;
    }
}
