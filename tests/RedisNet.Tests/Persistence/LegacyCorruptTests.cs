using System.Buffers.Binary;
using RedisNet.Config;
using RedisNet.Persistence.Rdb;
using RedisNet.Persistence.Rdb.Legacy;
using RedisNet.Tests.Unit;
using RedisNet.Types.Stream;
using Xunit;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// Malformed ziplists and zipmaps: each structural fault Redis 7.0's deep validation catches makes
/// both servers refuse the file; random damage to any legacy value only ever gives a format error.
/// </summary>
public class LegacyCorruptTests
{
    private static readonly string Big = new('q', 300);

    /// <summary>A ziplist of four entries: "a", a 300-byte string, 7 (immediate), and "tail" (5-byte prevlen after the big one).</summary>
    private static byte[] Valid() => ZiplistBuilder.Of("a", Big, "7", "tail");

    private static byte[] Fix(byte[] zl)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(zl, (uint)zl.Length);
        return zl;
    }

    private static readonly int SecondEntry = 10 + 3, ThirdEntry = SecondEntry + 1 + 2 + 300, FourthEntry = ThirdEntry + 5 + 1;

    public static TheoryData<string, byte[]> BadZiplists()
    {
        var d = new TheoryData<string, byte[]>();
        void Add(string name, Action<byte[]> damage) { var z = Valid(); damage(z); d.Add(name, z); }
        d.Add("truncated", Valid()[..^3]);
        Add("zlbytes larger than the blob", z => BinaryPrimitives.WriteUInt32LittleEndian(z, (uint)z.Length + 1));
        Add("no end byte", z => z[^1] = 0);
        Add("tail offset past the end", z => BinaryPrimitives.WriteUInt32LittleEndian(z.AsSpan(4), (uint)z.Length));
        Add("tail offset not at the last entry", z => BinaryPrimitives.WriteUInt32LittleEndian(z.AsSpan(4), 10));
        Add("bad prevlen", z => z[SecondEntry]++);
        Add("bad 5-byte prevlen", z => z[ThirdEntry + 1]--);
        Add("count mismatch", z => z[8]++);
        Add("invalid encoding", z => z[FourthEntry - 1 + 0] = 0xC1); // the immediate 7 becomes an unknown integer encoding
        Add("string overrunning its entry", z => z[10 + 1] = 60);
        Add("14-bit string past the end", z => z[SecondEntry + 1] = 0x7F);
        d.Add("32-bit string length", Fix([.. Valid()[..^6], 0x80, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF]));
        d.Add("end byte before the end", Fix([.. Valid(), 0xFF]));
        d.Add("header only, no end", Fix(new byte[10]));
        return d;
    }

    [Theory]
    [MemberData(nameof(BadZiplists))]
    public void BadZiplistsAreRefusedByBoth(string what, byte[] zl)
    {
        Assert.NotEmpty(what);
        Assert.Throws<RdbFormatException>(() => ZiplistReader.CountEntries(zl));
        LegacyRdb.BothReject(LegacyRdb.File(6, w => LegacyRdb.Blob(w, RdbFormat.TypeListZiplist, "l", zl)), "ziplist integrity check failed");
    }

    public static TheoryData<string, byte[]> BadZipmaps() => new()
    {
        { "no end byte", ZipmapBuilder.Of(("a", "1"))[..^1] },
        { "count mismatch", ZipmapBuilder.Build([("a", "1", 0), ("b", "2", 0)], countByte: 3) },
        { "field longer than the blob", [1, 200, (byte)'a', 1, 0, (byte)'1', 0xFF] },
        { "5-byte length past the end", [1, 1, (byte)'a', 254, 5, 0, 0xFF] },
        { "free bytes past the end", [1, 1, (byte)'a', 1, 200, (byte)'1', 0xFF] },
        { "value missing", [1, 1, (byte)'a', 0xFF] },
        { "single byte", [0xFF] },
    };

    [Theory]
    [MemberData(nameof(BadZipmaps))]
    public void BadZipmapsAreRefusedByBoth(string what, byte[] zm)
    {
        Assert.NotEmpty(what);
        LegacyRdb.BothReject(LegacyRdb.File(3, w => LegacyRdb.Blob(w, RdbFormat.TypeHashZipmap, "h", zm)), "Zipmap integrity check failed");
    }

    [Fact]
    public void AFileCutInsideALegacyValueIsRefused()
    {
        var file = LegacyRdb.File(6, w => LegacyRdb.Blob(w, RdbFormat.TypeListZiplist, "l", Valid()));
        LegacyRdb.BothReject(file[..(file.Length / 2)]);
    }

    /// <summary>Legacy value bodies (after the type byte and key) to damage at random.</summary>
    private static IEnumerable<(byte Type, byte[] Body)> Samples()
    {
        byte[] Str(byte[] blob) { var w = new RdbWriter(compress: false); w.WriteString(blob); return w.ToArray(); }
        yield return (RdbFormat.TypeListZiplist, Str(Valid()));
        yield return (RdbFormat.TypeHashZiplist, Str(ZiplistBuilder.Of("f", "1", "g", Big, "-5", "x")));
        yield return (RdbFormat.TypeZsetZiplist, Str(ZiplistBuilder.Of("a", "1", "b", "2.5", "c", "300000")));
        yield return (RdbFormat.TypeHashZipmap, Str(ZipmapBuilder.Build([("a", "1", 2), ("bb", Big, 0), ("c", "", 0)])));
        var ql = new RdbWriter(compress: false);
        ql.WriteLength(2);
        ql.WriteString(ZiplistBuilder.Of("x", "1"));
        ql.WriteString(Valid());
        yield return (RdbFormat.TypeListQuicklist, ql.ToArray());
        var z = new RdbWriter(compress: false);
        z.WriteLength(2);
        foreach (var (m, s) in new[] { ("a", "1.5"), ("b", "2") }) { z.WriteString(System.Text.Encoding.ASCII.GetBytes(m)); z.WriteByte((byte)s.Length); z.WriteRaw(System.Text.Encoding.ASCII.GetBytes(s)); }
        yield return (RdbFormat.TypeZset, z.ToArray());
        yield return (RdbFormat.TypeStreamListpacks, StreamV1Body());
    }

    /// <summary>A small stream with a group and pending entries, in the type-15 layout.</summary>
    private static byte[] StreamV1Body()
    {
        var host = new KeyTestHost();
        host.Run("XADD", "s", "1-0", "a", "1", "b", "2");
        host.Run("XADD", "s", "2-0", "a", "3", "b", "4");
        host.Run("XADD", "s", "3-0", "c", "5");
        host.Run("XGROUP", "CREATE", "s", "g", "0");
        host.Run("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">");
        StreamValue s;
        lock (host.Server.ExecLock) s = (StreamValue)host.Server.Databases[0].Lookup("s"u8)!.Value;
        var w = new RdbWriter(compress: false);
        w.WriteLength(s.Nodes.Count);
        Span<byte> key = stackalloc byte[16];
        foreach (var node in s.Nodes)
        {
            BinaryPrimitives.WriteUInt64BigEndian(key, node.Master.Ms);
            BinaryPrimitives.WriteUInt64BigEndian(key[8..], node.Master.Seq);
            w.WriteString(key);
            w.WriteString(ListpackImage.Of(node));
        }
        w.WriteLength(s.Length);
        w.WriteLength((long)s.LastId.Ms);
        w.WriteLength((long)s.LastId.Seq);
        w.WriteLength(1);
        var g = s.Groups![0];
        w.WriteString(g.Name);
        w.WriteLength((long)g.LastId.Ms);
        w.WriteLength((long)g.LastId.Seq);
        w.WriteLength(g.Pel.Count);
        foreach (var e in g.Pel.All)
        {
            BinaryPrimitives.WriteUInt64BigEndian(key, e.Id.Ms);
            BinaryPrimitives.WriteUInt64BigEndian(key[8..], e.Id.Seq);
            w.WriteRaw(key);
            w.WriteInt64LE(e.DeliveryTime);
            w.WriteLength(e.DeliveryCount);
        }
        w.WriteLength(g.Consumers.Count);
        foreach (var c in g.Consumers)
        {
            w.WriteString(c.Name);
            w.WriteInt64LE(c.SeenTime);
            w.WriteLength(c.Pel.Count);
            foreach (var e in c.Pel.All)
            {
                BinaryPrimitives.WriteUInt64BigEndian(key, e.Id.Ms);
                BinaryPrimitives.WriteUInt64BigEndian(key[8..], e.Id.Seq);
                w.WriteRaw(key);
            }
        }
        return w.ToArray();
    }

    [Fact]
    public void RandomDamageGivesAValueOrAFormatErrorNeverACrash()
    {
        var ctx = new RdbLoadContext { Config = new ServerConfig() };
        var rng = new Random(4);
        int loaded = 0, refused = 0;
        foreach (var (type, body) in Samples())
        {
            Assert.NotNull(RdbCodecs.Load(type, RdbReader.Over(body), ctx)); // the undamaged sample loads
            for (int round = 0; round < 1500; round++)
            {
                var bad = (byte[])body.Clone();
                int flips = 1 + rng.Next(4);
                for (int i = 0; i < flips; i++) bad[rng.Next(bad.Length)] = (byte)rng.Next(256);
                if (rng.Next(5) == 0) bad = bad[..rng.Next(bad.Length)];
                try
                {
                    RdbCodecs.Load(type, RdbReader.Over(bad), ctx);
                    loaded++;
                }
                catch (RdbFormatException) { refused++; }
            }
        }
        Assert.True(refused > 0 && loaded > 0, $"loaded {loaded}, refused {refused}");
    }
}
