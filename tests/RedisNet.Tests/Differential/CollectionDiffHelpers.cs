using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>Comparisons for hash and set replies whose order depends on a hashtable's layout.</summary>
internal static class CollectionDiffHelpers
{
    /// <summary>The first line of a reply (its type and length, e.g. "*4" or "%2").</summary>
    public static string Header(byte[] reply)
    {
        var text = Encoding.Latin1.GetString(reply);
        return text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
    }

    /// <summary>Same reply type and length, and the same bulk strings in any order.</summary>
    public static List<string> SameUnordered(DiffSession s, params string[] args)
    {
        var (redis, net) = s.Both(args);
        Assert.Equal(Header(redis), Header(net));
        var expected = KeyDiffHelpers.BulkStrings(redis).Order(StringComparer.Ordinal).ToList();
        var actual = KeyDiffHelpers.BulkStrings(net).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
        return actual;
    }

    /// <summary>Same reply header and the same (field, value) pairs in any order (HGETALL on a hashtable).</summary>
    public static void SamePairs(DiffSession s, params string[] args)
    {
        var (redis, net) = s.Both(args);
        Assert.Equal(Header(redis), Header(net));
        Assert.Equal(Pairs(redis), Pairs(net));
    }

    private static List<string> Pairs(byte[] reply)
    {
        var items = KeyDiffHelpers.BulkStrings(reply);
        var pairs = new List<string>();
        for (int i = 0; i + 1 < items.Count; i += 2) pairs.Add(items[i] + "\0" + items[i + 1]);
        pairs.Sort(StringComparer.Ordinal);
        return pairs;
    }

    /// <summary>Runs a command on both that must fail or succeed alike, reply content aside (random picks).</summary>
    public static (List<string> Redis, List<string> Net) BothItems(DiffSession s, params string[] args)
    {
        var (redis, net) = s.Both(args);
        Assert.Equal(Header(redis), Header(net));
        return (KeyDiffHelpers.BulkStrings(redis), KeyDiffHelpers.BulkStrings(net));
    }
}
