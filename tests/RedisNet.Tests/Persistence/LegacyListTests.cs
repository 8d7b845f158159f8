using System.Text;
using RedisNet.Persistence.Rdb;
using Xunit;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// Lists in the encodings of Redis 2.x to 6.x (plain list, ziplist, quicklist of ziplists), loaded by
/// Redis 7.0 and RedisNet from the same file: same contents, digest, encoding and quicklist nodes.
/// </summary>
public class LegacyListTests
{
    private static readonly string Big = new('b', 300), Huge = string.Concat(Enumerable.Range(0, 3000).Select(i => (char)('a' + i % 26)));

    [Fact]
    public void PlainListsFromRdb6LoadAsQuicklistsSplitByTodaysFill()
    {
        var elements = new[] { "a", "123", "-5", "", Big, "9223372036854775807", "x y", Huge, "last" };
        var file = LegacyRdb.File(6, w =>
        {
            LegacyRdb.Key(w, RdbFormat.TypeList, "plain");
            w.WriteLength(elements.Length);
            foreach (var e in elements) w.WriteString(Encoding.Latin1.GetBytes(e));
            LegacyRdb.Key(w, RdbFormat.TypeList, "many");
            w.WriteLength(50);
            for (int i = 0; i < 50; i++) w.WriteString(Encoding.Latin1.GetBytes("item" + i));
            LegacyRdb.Key(w, RdbFormat.TypeList, "empty");
            w.WriteLength(0);
        });
        LegacyRdb.LoadBothAndCompare(file, ["plain", "many", "-empty"]);
        LegacyRdb.LoadBothAndCompare(file, ["plain", "many"], "list-max-listpack-size", "4");
    }

    [Fact]
    public void ZiplistListsWithEveryEntryEncodingLoad()
    {
        var zl = new ZiplistBuilder()
            .Add("0", "7", "12", "13", "-1", "-128", "127", "300", "-32768", "32767", "32768", "-8388608", "8388607", "8388608")
            .Add("2147483647", "-2147483648", "2147483648", "9223372036854775807", "-9223372036854775808")
            .Add("", "short", "007", "1.5", Big, Huge)
            .AddRaw(Encoding.ASCII.GetBytes("42")) // an integer stored as a string stays the same element
            .Build();
        var file = LegacyRdb.File(6, w =>
        {
            LegacyRdb.Blob(w, RdbFormat.TypeListZiplist, "zl", zl);
            LegacyRdb.Blob(w, RdbFormat.TypeListZiplist, "small", ZiplistBuilder.Of("a", "b", "1"));
            LegacyRdb.Blob(w, RdbFormat.TypeListZiplist, "empty", ZiplistBuilder.Of());
        });
        LegacyRdb.LoadBothAndCompare(file, ["zl", "small", "-empty"]);
        LegacyRdb.LoadBothAndCompare(file, ["zl", "small"], "list-max-listpack-size", "3");
    }

    [Fact]
    public void BigPrevlensAndUnknownCountsAreAccepted()
    {
        var zl = new ZiplistBuilder { BigPrevlen = true, CountOverride = 65535 }.Add("a", Big, "b", "5").Build();
        var file = LegacyRdb.File(6, w => LegacyRdb.Blob(w, RdbFormat.TypeListZiplist, "l", zl));
        LegacyRdb.LoadBothAndCompare(file, ["l"]);
    }

    [Fact]
    public void QuicklistNodesKeepTheirBoundariesAndEmptyNodesAreSkipped()
    {
        var nodes = new[]
        {
            ZiplistBuilder.Of("a", "b", "c"),
            ZiplistBuilder.Of(),
            ZiplistBuilder.Of(Enumerable.Range(0, 40).Select(i => "v" + i).ToArray()),
            ZiplistBuilder.Of("1", "2", Big, "3"),
            ZiplistBuilder.Of(Huge),
        };
        var file = LegacyRdb.File(7, w =>
        {
            LegacyRdb.Key(w, RdbFormat.TypeListQuicklist, "ql");
            w.WriteLength(nodes.Length);
            foreach (var n in nodes) w.WriteString(n);
            LegacyRdb.Key(w, RdbFormat.TypeListQuicklist, "onlyempty");
            w.WriteLength(1);
            w.WriteString(ZiplistBuilder.Of());
        });
        var host = LegacyRdb.LoadBothAndCompare(file, ["ql", "-onlyempty"], "list-max-listpack-size", "5");
        Assert.Contains("ql_nodes:4 ", host.Run("DEBUG", "OBJECT", "ql"));

        // The loaded tail node takes pushes under the fill rule as Redis's does.
        using var redis = LegacyRdb.StartOracle(file, out string dir, "list-max-listpack-size", "5");
        try
        {
            using var c = redis.Client();
            foreach (var v in new[] { "p1", "p2", "p3" })
            {
                Assert.Equal(c.CallString("RPUSH", "ql", v), host.Run("RPUSH", "ql", v));
                Assert.Equal(c.CallString("LPUSH", "ql", v), host.Run("LPUSH", "ql", v));
            }
            LegacyRdb.CompareKey(c, host, "ql");
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void AQuicklistNodeThatIsAnEmptyStringIsRejected()
    {
        var file = LegacyRdb.File(7, w =>
        {
            LegacyRdb.Key(w, RdbFormat.TypeListQuicklist, "ql");
            w.WriteLength(1);
            w.WriteString([]);
        });
        LegacyRdb.BothReject(file);
    }
}
