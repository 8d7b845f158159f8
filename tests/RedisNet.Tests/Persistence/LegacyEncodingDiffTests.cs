using System.Buffers.Binary;
using System.Text;
using RedisNet.Persistence.Rdb;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// Encodings Redis 7.0 reads but no longer writes (plain lists, ziplists, quicklists of ziplists,
/// zipmaps, text-score sorted sets, Redis 5/6 streams), fed to both servers as RESTORE payloads
/// built here byte by byte: the loaded values, encodings and digests must match redis-server's.
/// </summary>
public class LegacyEncodingDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    private static byte[] B(string s) => Encoding.Latin1.GetBytes(s);

    /// <summary>A ziplist of strings and integers, each integer in the smallest ziplist encoding.</summary>
    internal static byte[] Ziplist(params object[] items)
    {
        var body = new List<byte>();
        int prev = 0, lastStart = 10;
        foreach (var item in items)
        {
            int start = 10 + body.Count;
            var e = new List<byte>();
            if (prev < 254) e.Add((byte)prev);
            else { e.Add(254); e.AddRange(BitConverter.GetBytes(prev)); }
            if (item is string s)
            {
                var bytes = B(s);
                if (bytes.Length < 64) e.Add((byte)bytes.Length);
                else if (bytes.Length < 16384) { e.Add((byte)(0x40 | (bytes.Length >> 8))); e.Add((byte)bytes.Length); }
                else { e.Add(0x80); e.AddRange(BitConverter.GetBytes(bytes.Length).Reverse()); }
                e.AddRange(bytes);
            }
            else
            {
                long v = (long)item;
                if (v is >= 0 and <= 12) e.Add((byte)(0xF1 + v));
                else if (v is >= sbyte.MinValue and <= sbyte.MaxValue) { e.Add(0xFE); e.Add((byte)v); }
                else if (v is >= short.MinValue and <= short.MaxValue) { e.Add(0xC0); e.AddRange(BitConverter.GetBytes((short)v)); }
                else if (v is >= -(1 << 23) and < 1 << 23) { e.Add(0xF0); e.AddRange(BitConverter.GetBytes((int)v).Take(3)); }
                else if (v is >= int.MinValue and <= int.MaxValue) { e.Add(0xD0); e.AddRange(BitConverter.GetBytes((int)v)); }
                else { e.Add(0xE0); e.AddRange(BitConverter.GetBytes(v)); }
            }
            prev = e.Count;
            lastStart = start;
            body.AddRange(e);
        }
        var zl = new byte[10 + body.Count + 1];
        BinaryPrimitives.WriteUInt32LittleEndian(zl, (uint)zl.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(zl.AsSpan(4), (uint)lastStart);
        BinaryPrimitives.WriteUInt16LittleEndian(zl.AsSpan(8), (ushort)items.Length);
        body.CopyTo(zl, 10);
        zl[^1] = 0xFF;
        return zl;
    }

    private static byte[] Body(byte type, Action<RdbWriter> write)
    {
        var w = new RdbWriter(compress: false);
        w.WriteByte(type);
        write(w);
        return RestoreErrorDiffTests.Payload(w.ToArray());
    }

    private static void Same(DiffSession s, string key, byte[] payload, params string[][] reads)
    {
        s.Same(B("DEL"), B(key));
        s.Same(B("RESTORE"), B(key), B("0"), payload);
        s.Same("OBJECT", "ENCODING", key);
        s.Same("DEBUG", "DIGEST-VALUE", key);
        foreach (var r in reads) s.Same(r);
    }

    [Fact]
    public void OldListEncodings()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        object[] items = ["a", 0L, 12L, 13L, -1L, 200L, -30000L, 70000L, -8388608L, 2147483647L, 5000000000L, new string('x', 100), ""];
        Same(s, "zl", Body(10, w => w.WriteString(Ziplist(items))), ["LRANGE", "zl", "0", "-1"]);
        Same(s, "ql", Body(14, w =>
        {
            w.WriteLength(3);
            w.WriteString(Ziplist(items));
            w.WriteString(Ziplist());
            w.WriteString(Ziplist("tail", 7L));
        }), ["LRANGE", "ql", "0", "-1"], ["RPUSH", "ql", "more"], ["LINDEX", "ql", "-1"]);
        Same(s, "plain", Body(1, w =>
        {
            w.WriteLength(300);
            for (int i = 0; i < 300; i++) w.WriteString(B("item" + i));
        }), ["LRANGE", "plain", "100", "110"], ["LPOP", "plain"]);
        var (redis, net) = s.Both("DEBUG", "OBJECT", "plain");
        Assert.Equal(Ql(redis), Ql(net));
        s.Same(B("RESTORE"), B("bad"), B("0"), Body(10, w => w.WriteString(Ziplist("a").AsSpan(0, 12).ToArray())));
        s.Same(B("RESTORE"), B("bad"), B("0"), Body(1, w => w.WriteLength(0)));
        s.Same(B("RESTORE"), B("bad"), B("0"), Body(14, w => { w.WriteLength(1); w.WriteString(Ziplist()); }));
    }

    /// <summary>DEBUG OBJECT's quicklist fields (node count and sizes), without the address.</summary>
    private static string Ql(byte[] reply) => Encoding.ASCII.GetString(reply)[Encoding.ASCII.GetString(reply).IndexOf("ql_nodes")..];

    [Fact]
    public void OldHashAndSortedSetEncodings()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        Same(s, "hz", Body(13, w => w.WriteString(Ziplist("f1", "v1", "f2", 5L, "n", 5000000000L))), ["HGETALL", "hz"]);
        Same(s, "zz", Body(12, w => w.WriteString(Ziplist("c", "-inf", "a", 1L, "b", "2.5"))), ["ZRANGE", "zz", "0", "-1", "WITHSCORES"]);
        Same(s, "zt", Body(3, w =>
        {
            w.WriteLength(3);
            w.WriteString(B("a")); w.WriteByte(3); w.WriteRaw(B("1.5"));
            w.WriteString(B("b")); w.WriteByte(254);
            w.WriteString(B("c")); w.WriteByte(255);
        }), ["ZRANGE", "zt", "0", "-1", "WITHSCORES"]);
        byte[] zipmap = [2, 2, (byte)'f', (byte)'1', 2, 1, (byte)'v', (byte)'1', 0, 1, (byte)'g', 3, 0, (byte)'a', (byte)'b', (byte)'c', 0xFF];
        Same(s, "zm", Body(9, w => w.WriteString(zipmap)), ["HGETALL", "zm"]);
        // Duplicates and odd pair counts are refused.
        s.Same(B("RESTORE"), B("bad"), B("0"), Body(13, w => w.WriteString(Ziplist("f", "1", "f", "2"))));
        s.Same(B("RESTORE"), B("bad"), B("0"), Body(13, w => w.WriteString(Ziplist("f", "1", "g"))));
        s.Same(B("RESTORE"), B("bad"), B("0"), Body(12, w => w.WriteString(Ziplist("a", 1L, "a", 2L))));
        byte[] dupmap = [2, 1, (byte)'f', 1, 0, (byte)'1', 1, (byte)'f', 1, 0, (byte)'2', 0xFF];
        s.Same(B("RESTORE"), B("bad"), B("0"), Body(9, w => w.WriteString(dupmap)));
        try
        {
            s.Same("CONFIG", "SET", "hash-max-listpack-entries", "2");
            s.Same("CONFIG", "SET", "zset-max-listpack-entries", "2");
            Same(s, "hz2", Body(13, w => w.WriteString(Ziplist("f1", "v1", "f2", 5L, "n", 5000000000L))), ["HLEN", "hz2"]);
            Same(s, "zz2", Body(12, w => w.WriteString(Ziplist("c", "-inf", "a", 1L, "b", "2.5"))), ["ZCARD", "zz2"]);
            s.Same("CONFIG", "SET", "hash-max-listpack-entries", "512");
            s.Same("CONFIG", "SET", "hash-max-listpack-value", "2");
            Same(s, "zm2", Body(9, w => w.WriteString(zipmap)), ["HLEN", "zm2"]);
        }
        finally
        {
            s.Same("CONFIG", "SET", "hash-max-listpack-entries", "512");
            s.Same("CONFIG", "SET", "hash-max-listpack-value", "64");
            s.Same("CONFIG", "SET", "zset-max-listpack-entries", "128");
        }
    }

    [Fact]
    public void Redis6Streams()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        s.Script("""
            XADD src 1-1 a 1
            XADD src 2-2 b 2
            XADD src 3-3 a 3
            XDEL src 1-1
            """);
        // Take the node (key and listpack) from Redis's own DUMP, then frame it as RDB_TYPE_STREAM_LISTPACKS.
        var dump = DumpRestoreDiffTests.Bulk(s.Redis.Call("DUMP", "src"));
        var r = RdbReader.Over(dump);
        Assert.Equal(19, r.ReadByte());
        Assert.Equal(1, r.ReadLength());
        byte[] nodeKey = r.ReadString(), listpack = r.ReadString();
        var payload = Body(15, w =>
        {
            w.WriteLength(1);
            w.WriteString(nodeKey);
            w.WriteString(listpack);
            w.WriteLength(2);               // length
            w.WriteLength(3); w.WriteLength(3); // last ID
            w.WriteLength(2);               // groups
            w.WriteString(B("g1")); w.WriteLength(2); w.WriteLength(2); w.WriteLength(0); w.WriteLength(0);
            w.WriteString(B("g2")); w.WriteLength(0); w.WriteLength(0); w.WriteLength(0); w.WriteLength(0);
        });
        Same(s, "old", payload, ["XINFO", "STREAM", "old"], ["XINFO", "GROUPS", "old"], ["XRANGE", "old", "-", "+"]);
        s.Same("XADD", "old", "4-0", "c", "4");
        s.Same("XINFO", "GROUPS", "old");
    }
}
