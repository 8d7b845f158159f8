using System.Buffers.Binary;

namespace RedisNet.Persistence.Rdb.Legacy;

/// <summary>
/// Walks a zipmap blob (small hashes up to Redis 2.4) with the checks of Redis's deep
/// zipmapValidateIntegrity: every length and string inside the blob, the end byte, at least one
/// pair, the count byte equal to the pairs (unless 254, "unknown"). Layout: [count] then per pair
/// [len]field[len][free]value[free bytes], then 0xFF; a len is one byte below 254, or 254 and a
/// little-endian u32. Malformed input throws <see cref="RdbFormatException"/>.
/// </summary>
public ref struct ZipmapReader
{
    private const byte BigLen = 254, End = 0xFF;

    private readonly ReadOnlySpan<byte> _zm;
    private int _pos;
    private bool _done;

    public int Count { get; private set; }

    public ZipmapReader(ReadOnlySpan<byte> zm)
    {
        if (zm.Length < 2) throw Corrupt("zipmap shorter than its header");
        if (zm[^1] != End) throw Corrupt("zipmap without its end byte");
        _zm = zm;
        _pos = 1;
        _done = false;
        Count = 0;
    }

    /// <summary>The next field and value (slices of the blob), or false after the end checks.</summary>
    public bool Next(out ReadOnlySpan<byte> field, out ReadOnlySpan<byte> value)
    {
        field = value = default;
        if (_done) return false;
        if (_zm[_pos] == End)
        {
            _done = true;
            if (Count == 0) throw Corrupt("empty zipmap");
            if (_zm[0] != BigLen && _zm[0] != Count) throw Corrupt("zipmap count mismatch");
            return false;
        }
        field = ReadString(hasFree: false);
        value = ReadString(hasFree: true);
        Count++;
        return true;
    }

    /// <summary>A length and its string; a value also has a free-space byte and that many unused bytes after it.</summary>
    private ReadOnlySpan<byte> ReadString(bool hasFree)
    {
        long p = _pos;
        int last = _zm.Length - 1;
        int lenSize = _zm[(int)p] < BigLen ? 1 : 5;
        if (p + lenSize > last) throw Corrupt("zipmap length out of range");
        long len = lenSize == 1 ? _zm[(int)p] : BinaryPrimitives.ReadUInt32LittleEndian(_zm[(int)(p + 1)..]);
        // Redis's iterator derives the length's size from its value: a long form of a short length would be misread.
        if (lenSize == 5 && len < BigLen) throw Corrupt("zipmap length not in its canonical form");
        p += lenSize;
        long free = 0;
        if (hasFree) free = _zm[(int)p++];
        long start = p;
        p += len + free;
        if (p > last) throw Corrupt("zipmap entry reaches outside the zipmap");
        _pos = (int)p;
        return _zm.Slice((int)start, (int)len);
    }

    private static RdbFormatException Corrupt(string why) => new($"Zipmap integrity check failed: {why}");
}
