using System.Buffers.Binary;

namespace RedisNet.Persistence.Rdb.Legacy;

/// <summary>
/// Walks a ziplist blob (Redis 2.6 to 6.2 stored small lists, hashes and sorted sets this way) with
/// the checks of Redis's deep ziplistValidateIntegrity: header bytes, tail offset, end byte, every
/// entry inside the blob, each prevlen equal to the previous entry's size, the entry count. Any
/// violation throws <see cref="RdbFormatException"/>; every read is bounds-checked first.
/// Layout: [zlbytes u32][zltail u32][zllen u16] entries [0xFF], each entry
/// [prevlen: 1 byte, or 0xFE + u32][encoding + length][data].
/// </summary>
public ref struct ZiplistReader
{
    public const int HeaderSize = 10;
    private const byte End = 0xFF, BigPrevLen = 254;
    private const ushort UnknownCount = ushort.MaxValue;

    private readonly ReadOnlySpan<byte> _zl;
    private readonly int _last; // index of the end byte
    private readonly uint _tail;
    private readonly ushort _headerCount;
    private int _pos, _prevStart, _prevSize;
    private bool _done;

    /// <summary>Entries read so far (all of them once <see cref="Next"/> returned false).</summary>
    public int Count { get; private set; }

    public ZiplistReader(ReadOnlySpan<byte> zl)
    {
        if (zl.Length < HeaderSize + 1) throw Corrupt("ziplist shorter than its header");
        if (BinaryPrimitives.ReadUInt32LittleEndian(zl) != (uint)zl.Length) throw Corrupt("ziplist size mismatch");
        if (zl[^1] != End) throw Corrupt("ziplist without its end byte");
        _tail = BinaryPrimitives.ReadUInt32LittleEndian(zl[4..]);
        if (_tail > (uint)(zl.Length - 1)) throw Corrupt("ziplist tail offset out of range");
        _headerCount = BinaryPrimitives.ReadUInt16LittleEndian(zl[8..]);
        _zl = zl;
        _last = zl.Length - 1;
        _pos = HeaderSize;
        _prevStart = -1;
        _prevSize = 0;
        _done = false;
        Count = 0;
    }

    /// <summary>Counts the entries of a blob, validating all of it.</summary>
    public static int CountEntries(ReadOnlySpan<byte> zl)
    {
        var r = new ZiplistReader(zl);
        while (r.Next(out _)) { }
        return r.Count;
    }

    /// <summary>
    /// Counts the pairs of a blob holding field/value or member/score entries, validating all of it
    /// (an odd number of entries is corruption, as ziplistPairsConvertAndValidateIntegrity says).
    /// </summary>
    public static int CountPairs(ReadOnlySpan<byte> zl, string type)
    {
        int n = CountEntries(zl);
        if ((n & 1) != 0) throw new RdbFormatException($"{type} ziplist integrity check failed: odd number of entries");
        return n / 2;
    }

    /// <summary>The next two entries of a blob validated by <see cref="CountPairs"/>.</summary>
    public bool NextPair(out ZiplistEntry first, out ZiplistEntry second)
    {
        second = default;
        return Next(out first) && Next(out second);
    }

    /// <summary>The next entry, or false at the end (after the end-of-list checks).</summary>
    public bool Next(out ZiplistEntry entry)
    {
        entry = default;
        if (_done) return false;
        int p = _pos;
        if (_zl[p] == End)
        {
            Finish(p);
            return false;
        }
        // prevlen: one byte, or 0xFE (or 0xFF) and four bytes.
        int prevLenSize = _zl[p] < BigPrevLen ? 1 : 5;
        if (p + prevLenSize > _last) throw Corrupt("ziplist entry header out of range");
        long prevLen = prevLenSize == 1 ? _zl[p] : BinaryPrimitives.ReadUInt32LittleEndian(_zl[(p + 1)..]);
        int q = p + prevLenSize;
        byte enc = _zl[q];
        int lenSize;
        long len;
        bool isInt = false;
        if (enc < 0xC0)
        {
            switch (enc >> 6)
            {
                case 0: lenSize = 1; len = enc & 0x3F; break;
                case 1:
                    lenSize = 2;
                    if (q + 2 > _last) throw Corrupt("ziplist entry header out of range");
                    len = ((enc & 0x3F) << 8) | _zl[q + 1];
                    break;
                default:
                    lenSize = 5;
                    if (q + 5 > _last) throw Corrupt("ziplist entry header out of range");
                    len = BinaryPrimitives.ReadUInt32BigEndian(_zl[(q + 1)..]);
                    break;
            }
        }
        else
        {
            isInt = true;
            lenSize = 1;
            len = enc switch
            {
                0xC0 => 2,
                0xD0 => 4,
                0xE0 => 8,
                0xF0 => 3,
                0xFE => 1,
                >= 0xF1 and <= 0xFD => 0,
                _ => throw Corrupt($"invalid ziplist entry encoding {enc}"),
            };
        }
        long headerSize = prevLenSize + lenSize;
        if (p + headerSize + len > _last) throw Corrupt("ziplist entry reaches outside the ziplist");
        if (p - prevLen < HeaderSize) throw Corrupt("ziplist prevlen reaches outside the ziplist");
        if (prevLen != _prevSize) throw Corrupt("ziplist prevlen does not match the previous entry");
        int data = (int)(p + headerSize);
        var body = _zl.Slice(data, (int)len);
        entry = isInt ? new ZiplistEntry(DecodeInt(enc, body)) : new ZiplistEntry(body);
        _prevStart = p;
        _prevSize = (int)(headerSize + len);
        _pos = p + _prevSize;
        Count++;
        return true;
    }

    private static long DecodeInt(byte enc, ReadOnlySpan<byte> b) => enc switch
    {
        0xC0 => BinaryPrimitives.ReadInt16LittleEndian(b),
        0xD0 => BinaryPrimitives.ReadInt32LittleEndian(b),
        0xE0 => BinaryPrimitives.ReadInt64LittleEndian(b),
        0xF0 => (b[0] | (b[1] << 8) | (b[2] << 16)) << 8 >> 8, // 24-bit, sign-extended
        0xFE => (sbyte)b[0],
        _ => (enc & 0x0F) - 1, // 4-bit immediate 0..12
    };

    private void Finish(int p)
    {
        _done = true;
        if (p != _last) throw Corrupt("ziplist end byte before the end of the blob");
        if (_prevStart >= 0 && (uint)_prevStart != _tail) throw Corrupt("ziplist tail offset does not point at the last entry");
        if (_headerCount != UnknownCount && Count != _headerCount) throw Corrupt("ziplist entry count mismatch");
    }

    private static RdbFormatException Corrupt(string why) => new($"Ziplist integrity check failed: {why}");
}

/// <summary>One ziplist entry: an integer, or bytes that are a slice of the blob.</summary>
public readonly ref struct ZiplistEntry
{
    public readonly bool IsInt;
    public readonly long Int;
    public readonly ReadOnlySpan<byte> Bytes;

    public ZiplistEntry(long value) { IsInt = true; Int = value; Bytes = default; }
    public ZiplistEntry(ReadOnlySpan<byte> bytes) { IsInt = false; Int = 0; Bytes = bytes; }

    /// <summary>The entry as a string (integers in decimal, as ziplistGet's callers format them).</summary>
    public ReadOnlySpan<byte> AsBytes(Span<byte> scratch) =>
        IsInt ? scratch[..Protocol.NumberFormat.FormatInt64(Int, scratch)] : Bytes;
}
