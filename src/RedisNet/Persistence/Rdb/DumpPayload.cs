using System.Buffers.Binary;
using RedisNet.Keyspace;

namespace RedisNet.Persistence.Rdb;

/// <summary>
/// DUMP's serialized value, as Redis's createDumpPayload/verifyDumpPayload: the RDB type byte and
/// value, then the RDB version (2 bytes, little endian) and the CRC64 of everything before it
/// (8 bytes, little endian). Payloads move between Redis 7.0 and this server both ways.
/// </summary>
public static class DumpPayload
{
    public const int FooterSize = 10;

    public static byte[] Create(KeyEntry e, bool compress)
    {
        var w = new RdbWriter(compress, capacity: 256);
        if (e.TryGetString(out var s))
        {
            w.WriteByte(RdbFormat.TypeString);
            w.WriteString(s);
        }
        else
        {
            var value = e.BoxedValue!;
            w.WriteByte(RdbWriter.TypeOf(value));
            w.WriteValue(value);
        }
        WriteFooter(w);
        return w.ToArray();
    }

    /// <summary>The RDB version and the CRC64 of everything written before (also FUNCTION DUMP's footer).</summary>
    public static void WriteFooter(RdbWriter w)
    {
        w.WriteByte((byte)RdbFormat.Version);
        w.WriteByte((byte)(RdbFormat.Version >> 8));
        w.WriteUInt64LE(w.Checksum());
    }

    /// <summary>The footer holds an RDB version we read and, unless <paramref name="skipChecksum"/>, the right CRC64.</summary>
    public static bool Verify(ReadOnlySpan<byte> payload, bool skipChecksum)
    {
        if (payload.Length < FooterSize) return false;
        var footer = payload[^FooterSize..];
        int version = footer[0] | (footer[1] << 8);
        if (version > RdbFormat.Version) return false;
        if (skipChecksum) return true;
        return Crc64.Compute(payload[..^8]) == BinaryPrimitives.ReadUInt64LittleEndian(footer[2..]);
    }

    /// <summary>
    /// The value of a verified payload, or null when it is malformed or an empty collection (RESTORE
    /// answers "Bad data format" to both). Reads as rdbLoadObject does, from the start of the payload.
    /// </summary>
    public static object? Load(ReadOnlySpan<byte> payload, RdbLoadContext ctx)
    {
        try
        {
            var r = RdbReader.Over(payload.ToArray());
            byte type = r.ReadByte();
            if (!RdbFormat.IsObjectType(type)) return null;
            return RdbCodecs.Load(type, r, ctx);
        }
        catch (Exception e) when (e is RdbFormatException or OutOfMemoryException)
        {
            return null; // a corrupt length can ask for more than memory allows: still just bad data
        }
    }
}
