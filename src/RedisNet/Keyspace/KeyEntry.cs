namespace RedisNet.Keyspace;

/// <summary>
/// One key of a database. The value is an object whose runtime type is the Redis type:
/// byte[] (string, immutable), <see cref="MutableString"/> (string grown in place by APPEND/SETRANGE),
/// and the collection types that later issues add.
/// </summary>
public sealed class KeyEntry
{
    public readonly byte[] Key;
    public object Value;
    /// <summary>Absolute expiry in Unix milliseconds; -1 when the key is persistent.</summary>
    public long ExpireAt = -1;
    internal KeyEntry? Next;
    internal readonly uint Hash;
    /// <summary>Position in the database's volatile-key list, -1 when not volatile.</summary>
    internal int VolatileIndex = -1;
    /// <summary>LRU clock (seconds, 24 bits as Redis) or LFU counter; OBJECT IDLETIME / FREQ read it.</summary>
    public uint Lru;

    public KeyEntry(byte[] key, uint hash, object value)
    {
        Key = key;
        Hash = hash;
        Value = value;
    }
}

/// <summary>
/// A string value that is modified in place (APPEND, SETRANGE, SETBIT): it keeps spare capacity,
/// as an sds does, so repeated appends are amortized O(1). OBJECT ENCODING reports it as "raw".
/// </summary>
public sealed class MutableString
{
    public byte[] Buffer;
    public int Length;
    /// <summary>
    /// Set for an INCRBYFLOAT result that reads as an integer: Redis stores those as embstr, not int.
    /// Code that modifies the string in place clears it (the value becomes raw).
    /// </summary>
    public bool Embstr;

    public MutableString(ReadOnlySpan<byte> initial, int capacity)
    {
        Buffer = new byte[Math.Max(capacity, initial.Length)];
        initial.CopyTo(Buffer);
        Length = initial.Length;
    }

    public Span<byte> Span => Buffer.AsSpan(0, Length);

    /// <summary>Grows to at least <paramref name="length"/> bytes, zero-filled, doubling like sdsMakeRoomFor below 1MB.</summary>
    public void EnsureLength(int length)
    {
        if (length <= Length) return;
        if (length > Buffer.Length)
        {
            int cap = length < 1024 * 1024 ? length * 2 : length + 1024 * 1024;
            Array.Resize(ref Buffer, cap);
        }
        else Buffer.AsSpan(Length, length - Length).Clear();
        Length = length;
    }
}
