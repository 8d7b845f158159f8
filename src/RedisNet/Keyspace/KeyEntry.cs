namespace RedisNet.Keyspace;

/// <summary>
/// One key of a database. A plain string value is stored inline, in the same array as the key
/// ([key bytes][value bytes]): one object less per key, which is most of the difference between a
/// naive layout and Redis's memory per key. Other values (MutableString, collections) are held in a
/// <see cref="Boxed"/> pair. The CLR type of <see cref="Value"/> is the Redis type: byte[] (string),
/// <see cref="MutableString"/> (string grown in place by APPEND/SETRANGE), and the collection types.
/// </summary>
public sealed class KeyEntry
{
    // byte[] (key + inline string value) or Boxed (key + any other value).
    private object _store;
    internal KeyEntry? Next;
    /// <summary>Absolute expiry in Unix milliseconds; -1 when the key is persistent.</summary>
    public long ExpireAt = -1;
    // Key length, plus InVolatileListBit (keys are at most 512MB, so bit 30 is free).
    private int _keyLength;
    private const int InVolatileListBit = 1 << 30;
    /// <summary>LRU clock (seconds, 24 bits as Redis) or LFU counter; OBJECT IDLETIME / FREQ read it.</summary>
    public uint Lru;
    /// <summary>Whether the entry sits in its database's volatile list (it may stay there, stale, after losing its TTL).</summary>
    internal bool InVolatileList
    {
        get => (_keyLength & InVolatileListBit) != 0;
        set => _keyLength = value ? _keyLength | InVolatileListBit : _keyLength & ~InVolatileListBit;
    }

    private sealed class Boxed(byte[] key, object value)
    {
        public readonly byte[] Key = key;
        public object Value = value;
    }

    public KeyEntry(ReadOnlySpan<byte> key, object value)
    {
        _keyLength = key.Length;
        if (value is byte[] s) _store = Inline(key, s);
        else _store = new Boxed(key.ToArray(), value);
    }

    /// <summary>Creates a key holding a string value, copied straight from the request buffer.</summary>
    public KeyEntry(ReadOnlySpan<byte> key, ReadOnlySpan<byte> stringValue)
    {
        _keyLength = key.Length;
        _store = Inline(key, stringValue);
    }

    public ReadOnlySpan<byte> Key => _store is byte[] d ? d.AsSpan(0, KeyLength) : ((Boxed)_store).Key;

    /// <summary>The key as its own array (for replies built later, propagation, SCAN results).</summary>
    public byte[] KeyBytes() => _store is Boxed b ? b.Key : Key.ToArray();

    public int KeyLength => _keyLength & ~InVolatileListBit;

    /// <summary>True when the value is a plain string; <paramref name="value"/> is then its bytes (no copy).</summary>
    public bool TryGetString(out ReadOnlySpan<byte> value)
    {
        if (_store is byte[] d) { value = d.AsSpan(KeyLength); return true; }
        if (((Boxed)_store).Value is MutableString m) { value = m.Span; return true; }
        value = default;
        return false;
    }

    /// <summary>The value when it is not an inline string (MutableString, collections); null for an inline string.</summary>
    public object? BoxedValue => _store as Boxed is { } b ? b.Value : null;

    /// <summary>True when the value is a string of either representation.</summary>
    public bool IsString => _store is byte[] || ((Boxed)_store).Value is MutableString;

    /// <summary>
    /// The value. For an inline string the getter returns a copy, so prefer <see cref="TryGetString"/>
    /// on hot paths; setting a byte[] stores it inline again.
    /// </summary>
    public object Value
    {
        get => _store is byte[] d ? d.AsSpan(KeyLength).ToArray() : ((Boxed)_store).Value;
        set
        {
            if (value is byte[] s) _store = Inline(Key, s);
            else if (_store is Boxed b) b.Value = value;
            else _store = new Boxed(Key.ToArray(), value);
        }
    }

    /// <summary>Replaces the value with a string copied from <paramref name="value"/> (SET's path: one allocation).</summary>
    public void SetString(ReadOnlySpan<byte> value)
    {
        // Same length (fixed-size values, counters): overwrite in place. No garbage means no old
        // values promoted to gen2 behind a busy key, which is what makes full GCs frequent.
        if (_store is byte[] d && d.Length == KeyLength + value.Length)
        {
            value.CopyTo(d.AsSpan(KeyLength));
            return;
        }
        _store = Inline(Key, value);
    }

    private static byte[] Inline(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var d = GC.AllocateUninitializedArray<byte>(key.Length + value.Length);
        key.CopyTo(d);
        value.CopyTo(d.AsSpan(key.Length));
        return d;
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
