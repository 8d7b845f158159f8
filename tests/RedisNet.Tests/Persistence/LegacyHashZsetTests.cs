using System.Text;
using RedisNet.Persistence.Rdb;
using Xunit;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// Hashes (zipmap, ziplist) and sorted sets (text scores, ziplist) from Redis 2.x to 6.x files,
/// loaded by Redis 7.0 and RedisNet: same encoding choice under the *-max-listpack-* settings,
/// contents and digests; duplicates and NaN scores refused by both.
/// </summary>
public class LegacyHashZsetTests
{
    private static readonly string Long = new('v', 100), VeryLong = new('w', 300);

    [Fact]
    public void ZipmapHashesFromRdb3ConvertAsRedisDoes()
    {
        var file = LegacyRdb.File(3, w =>
        {
            LegacyRdb.Blob(w, RdbFormat.TypeHashZipmap, "small", ZipmapBuilder.Of(("name", "foo"), ("age", "42"), ("", "empty field")));
            // Free bytes after values (left by updates in place), and the "unknown" count byte.
            LegacyRdb.Blob(w, RdbFormat.TypeHashZipmap, "free", ZipmapBuilder.Build([("a", "1", 3), ("b", "22", 0), ("c", "", 4)], countByte: 254));
            LegacyRdb.Blob(w, RdbFormat.TypeHashZipmap, "longvalue", ZipmapBuilder.Of(("f", VeryLong), ("g", "h"))); // 5-byte length, over 64
            LegacyRdb.Blob(w, RdbFormat.TypeHashZipmap, "longfield", ZipmapBuilder.Of((Long, "x")));
            LegacyRdb.Blob(w, RdbFormat.TypeHashZipmap, "many", ZipmapBuilder.Of(Enumerable.Range(0, 300).Select(i => ("f" + i, "v" + i)).ToArray()));
        });
        string[] keys = ["small", "free", "longvalue", "longfield", "many"];
        LegacyRdb.LoadBothAndCompare(file, keys);
        LegacyRdb.LoadBothAndCompare(file, keys, "hash-max-listpack-entries", "2", "hash-max-listpack-value", "200");
    }

    [Fact]
    public void ZiplistHashesStayListpacksWhateverTheirLengths()
    {
        var file = LegacyRdb.File(6, w =>
        {
            LegacyRdb.Blob(w, RdbFormat.TypeHashZiplist, "h", ZiplistBuilder.Of("name", "foo", "n", "12", "neg", "-70000", "10", "ten", "big", "9223372036854775807"));
            LegacyRdb.Blob(w, RdbFormat.TypeHashZiplist, "longvalue", ZiplistBuilder.Of("f", VeryLong, Long, "x"));
            LegacyRdb.Blob(w, RdbFormat.TypeHashZiplist, "many", ZiplistBuilder.Of(Enumerable.Range(0, 40).SelectMany(i => new[] { "f" + i, i.ToString() }).ToArray()));
            LegacyRdb.Blob(w, RdbFormat.TypeHashZiplist, "empty", ZiplistBuilder.Of());
        });
        string[] keys = ["h", "longvalue", "many", "-empty"];
        var host = LegacyRdb.LoadBothAndCompare(file, keys);
        Assert.Equal("$8\r\nlistpack\r\n", host.Run("OBJECT", "ENCODING", "longvalue"));
        LegacyRdb.LoadBothAndCompare(file, keys, "hash-max-listpack-entries", "3");
    }

    [Fact]
    public void TextScoreZsetsFromRdb6LoadAsSkiplistsThenConvert()
    {
        var file = LegacyRdb.File(6, w =>
        {
            WriteTextZset(w, "z", ("a", "1.5"), ("b", "-3"), ("c", "1e10"), ("d", "0.1"), ("12", "12"), ("inf", null), ("ninf", "-"), ("zero", "-0"));
            WriteTextZset(w, "longmember", ("m", "1"), (Long, "2"));
            WriteTextZset(w, "many", Enumerable.Range(0, 200).Select(i => ("m" + i, (i * 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray()!);
            LegacyRdb.Key(w, RdbFormat.TypeZset, "empty");
            w.WriteLength(0);
        });
        string[] keys = ["z", "longmember", "many", "-empty"];
        LegacyRdb.LoadBothAndCompare(file, keys);
        LegacyRdb.LoadBothAndCompare(file, keys, "zset-max-listpack-entries", "3", "zset-max-listpack-value", "200");
    }

    [Fact]
    public void ZiplistZsetsKeepListpackForLongMembers()
    {
        var file = LegacyRdb.File(6, w =>
        {
            LegacyRdb.Blob(w, RdbFormat.TypeZsetZiplist, "z", ZiplistBuilder.Of("d", "-inf", "a", "1", "b", "2.5", "7", "3", "c", "1e3"));
            LegacyRdb.Blob(w, RdbFormat.TypeZsetZiplist, "longmember", ZiplistBuilder.Of("m", "1", Long, "2"));
            LegacyRdb.Blob(w, RdbFormat.TypeZsetZiplist, "many", ZiplistBuilder.Of(Enumerable.Range(0, 150).SelectMany(i => new[] { "m" + i, i.ToString() }).ToArray()));
            LegacyRdb.Blob(w, RdbFormat.TypeZsetZiplist, "empty", ZiplistBuilder.Of());
        });
        string[] keys = ["z", "longmember", "many", "-empty"];
        var host = LegacyRdb.LoadBothAndCompare(file, keys);
        Assert.Equal("$8\r\nlistpack\r\n", host.Run("OBJECT", "ENCODING", "longmember"));
        LegacyRdb.LoadBothAndCompare(file, keys, "zset-max-listpack-entries", "2");
    }

    public static TheoryData<string, byte, byte[]> Refused => new()
    {
        { "zipmap duplicate field", RdbFormat.TypeHashZipmap, ZipmapBuilder.Of(("a", "1"), ("a", "2")) },
        { "empty zipmap", RdbFormat.TypeHashZipmap, ZipmapBuilder.Of() },
        { "hash ziplist duplicate field", RdbFormat.TypeHashZiplist, ZiplistBuilder.Of("a", "1", "a", "2") },
        { "hash ziplist odd count", RdbFormat.TypeHashZiplist, ZiplistBuilder.Of("a", "1", "b") },
        { "zset ziplist duplicate member", RdbFormat.TypeZsetZiplist, ZiplistBuilder.Of("a", "1", "a", "2") },
        { "zset ziplist odd count", RdbFormat.TypeZsetZiplist, ZiplistBuilder.Of("a") },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void DuplicatesAndOddPairsAreRefusedByBoth(string what, byte type, byte[] blob)
    {
        Assert.NotEmpty(what);
        LegacyRdb.BothReject(LegacyRdb.File(6, w => LegacyRdb.Blob(w, type, "k", blob)));
    }

    [Fact]
    public void TextZsetWithNanScoreOrDuplicateMemberIsRefused()
    {
        LegacyRdb.BothReject(LegacyRdb.File(6, w => WriteTextZset(w, "z", ("a", "1"), ("b", "nan"))), "Zset with NAN score detected");
        LegacyRdb.BothReject(LegacyRdb.File(6, w => WriteTextZset(w, "z", ("a", "1"), ("a", "2"))), "Duplicate zset fields detected");
    }

    /// <summary>RDB_TYPE_ZSET: count, then member and score as a length-prefixed text (null: +inf code 254, "-": -inf 255, "nan": 253).</summary>
    private static void WriteTextZset(RdbWriter w, string key, params (string Member, string? Score)[] members)
    {
        LegacyRdb.Key(w, RdbFormat.TypeZset, key);
        w.WriteLength(members.Length);
        foreach (var (m, s) in members)
        {
            w.WriteString(Encoding.Latin1.GetBytes(m));
            switch (s)
            {
                case null: w.WriteByte(254); break;
                case "-": w.WriteByte(255); break;
                case "nan": w.WriteByte(253); break;
                default:
                    w.WriteByte((byte)s.Length);
                    w.WriteRaw(Encoding.ASCII.GetBytes(s));
                    break;
            }
        }
    }
}
