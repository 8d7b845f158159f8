using System.Buffers.Binary;
using RedisNet.Keyspace;

namespace RedisNet.Scripting;

/// <summary>
/// FUNCTION DUMP / RESTORE payloads in Redis's format: per library the RDB opcode FUNCTION2 (245)
/// and its code as an RDB string (LZF-compressed when that saves space), then the RDB version (10)
/// and a CRC64 (Jones) of everything before, both little-endian.
/// </summary>
internal static class FunctionPayload
{
    private const byte OpFunction2 = 245;
    private const ushort RdbVersion = 10;

    public static byte[] Dump(FunctionRegistry registry)
    {
        var o = new List<byte>();
        foreach (var lib in registry.Libraries.Values)
        {
            o.Add(OpFunction2);
            WriteString(o, lib.Code);
        }
        o.Add((byte)(RdbVersion & 0xff));
        o.Add((byte)(RdbVersion >> 8));
        ulong crc = Crc64(o.ToArray());
        Span<byte> c = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(c, crc);
        o.AddRange(c);
        return o.ToArray();
    }

    public static string? Restore(FunctionRegistry registry, ReadOnlySpan<byte> payload, string policy)
    {
        if (payload.Length < 10) return "ERR DUMP payload version or checksum are wrong";
        int end = payload.Length - 10;
        ushort ver = BinaryPrimitives.ReadUInt16LittleEndian(payload[end..]);
        ulong crc = BinaryPrimitives.ReadUInt64LittleEndian(payload[(end + 2)..]);
        if (ver > RdbVersion || (crc != 0 && crc != Crc64(payload[..(end + 2)]))) return "ERR DUMP payload version or checksum are wrong";
        var codes = new List<byte[]>();
        int pos = 0;
        while (pos < end)
        {
            if (payload[pos++] != OpFunction2) return "ERR given type is not a function";
            var code = ReadString(payload, ref pos);
            if (code is null) return "ERR DUMP payload version or checksum are wrong";
            codes.Add(code);
        }
        if (policy == "flush") registry.Flush();
        foreach (var code in codes)
        {
            var error = registry.Load(code, policy == "replace", out var name);
            if (error != null) return error.EndsWith("already exists", StringComparison.Ordinal) && error.StartsWith("ERR Library", StringComparison.Ordinal)
                ? $"ERR Library {name} already exists" : error;
        }
        return null;
    }

    private static void WriteLen(List<byte> o, int n)
    {
        if (n < 64) o.Add((byte)n);
        else if (n < 16384) { o.Add((byte)(0x40 | (n >> 8))); o.Add((byte)n); }
        else { o.Add(0x80); o.Add((byte)(n >> 24)); o.Add((byte)(n >> 16)); o.Add((byte)(n >> 8)); o.Add((byte)n); }
    }

    private static void WriteString(List<byte> o, byte[] s)
    {
        if (s.Length > 20)
        {
            var buf = new byte[s.Length];
            int n = Lzf.Compress(s, buf.AsSpan(0, s.Length - 4));
            if (n > 0)
            {
                o.Add(0xC3);
                WriteLen(o, n);
                WriteLen(o, s.Length);
                o.AddRange(buf.AsSpan(0, n));
                return;
            }
        }
        WriteLen(o, s.Length);
        o.AddRange(s);
    }

    private static int ReadLen(ReadOnlySpan<byte> p, ref int pos, out bool special)
    {
        special = false;
        byte b = p[pos++];
        switch (b >> 6)
        {
            case 0: return b & 63;
            case 1: return ((b & 63) << 8) | p[pos++];
            case 2:
                int n = BinaryPrimitives.ReadInt32BigEndian(p[pos..]);
                pos += 4;
                return n;
            default: special = true; return b & 63;
        }
    }

    private static byte[]? ReadString(ReadOnlySpan<byte> p, ref int pos)
    {
        try
        {
            int n = ReadLen(p, ref pos, out bool special);
            if (!special)
            {
                var s = p.Slice(pos, n).ToArray();
                pos += n;
                return s;
            }
            if (n != 3) return null;
            int clen = ReadLen(p, ref pos, out _), len = ReadLen(p, ref pos, out _);
            var outp = Decompress(p.Slice(pos, clen), len);
            pos += clen;
            return outp;
        }
        catch (ArgumentOutOfRangeException) { return null; }
        catch (IndexOutOfRangeException) { return null; }
    }

    /// <summary>LZF decompression (literal runs and back references), for payloads we did not write.</summary>
    private static byte[]? Decompress(ReadOnlySpan<byte> i, int len)
    {
        var o = new byte[len];
        int ip = 0, op = 0;
        while (ip < i.Length)
        {
            int ctrl = i[ip++];
            if (ctrl < 32)
            {
                ctrl++;
                if (op + ctrl > len) return null;
                i.Slice(ip, ctrl).CopyTo(o.AsSpan(op));
                ip += ctrl; op += ctrl;
            }
            else
            {
                int l = ctrl >> 5;
                int r = op - ((ctrl & 0x1f) << 8) - 1;
                if (l == 7) l += i[ip++];
                r -= i[ip++];
                l += 2;
                if (r < 0 || op + l > len) return null;
                for (int k = 0; k < l; k++) o[op++] = o[r++];
            }
        }
        return op == len ? o : null;
    }

    private static readonly ulong[] Table = BuildTable();

    private static ulong[] BuildTable()
    {
        const ulong poly = 0x95AC9329AC4BC9B5UL; // Jones polynomial, reflected
        var t = new ulong[256];
        for (ulong n = 0; n < 256; n++)
        {
            ulong c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ poly : c >> 1;
            t[n] = c;
        }
        return t;
    }

    public static ulong Crc64(ReadOnlySpan<byte> data)
    {
        ulong crc = 0;
        foreach (var b in data) crc = Table[(crc ^ b) & 0xff] ^ (crc >> 8);
        return crc;
    }
}
