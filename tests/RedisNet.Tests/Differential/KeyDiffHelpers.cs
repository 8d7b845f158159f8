using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>Helpers for key-command differential tests whose replies are equal only as sets or within a tolerance.</summary>
internal static class KeyDiffHelpers
{
    /// <summary>The elements of a flat RESP array of bulk strings (or one nested array, as SCAN's second element).</summary>
    public static List<string> BulkStrings(byte[] reply)
    {
        var text = Encoding.Latin1.GetString(reply);
        var items = new List<string>();
        int pos = 0;
        while (pos < text.Length)
        {
            int eol = text.IndexOf("\r\n", pos, StringComparison.Ordinal);
            var line = text[pos..eol];
            pos = eol + 2;
            if (line[0] == '$')
            {
                int len = int.Parse(line[1..]);
                if (len < 0) continue;
                items.Add(text.Substring(pos, len));
                pos += len + 2;
            }
        }
        return items;
    }

    /// <summary>Runs the command on both servers and asserts the bulk strings are the same set.</summary>
    public static List<string> SameSet(DiffSession s, params string[] args)
    {
        var (redis, net) = s.Both(args);
        var expected = BulkStrings(redis).Order(StringComparer.Ordinal).ToList();
        var actual = BulkStrings(net).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
        return actual;
    }

    /// <summary>Runs a command that answers an integer on both and asserts the two are within <paramref name="tolerance"/>.</summary>
    public static (long Redis, long Net) Close(DiffSession s, long tolerance, params string[] args)
    {
        var (redis, net) = s.Both(args);
        long r = Integer(redis), n = Integer(net);
        Assert.True(Math.Abs(r - n) <= tolerance, $"{string.Join(' ', args)}: redis {r}, redisnet {n}");
        return (r, n);
    }

    public static long Integer(byte[] reply)
    {
        var text = Encoding.Latin1.GetString(reply);
        Assert.StartsWith(":", text);
        return long.Parse(text[1..^2]);
    }

    /// <summary>Every key a complete SCAN iteration returns (with extra arguments), as a sorted distinct list.</summary>
    public static List<string> FullScan(RespClient c, params string[] extra)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        string cursor = "0";
        do
        {
            var items = BulkStrings(c.Call(["SCAN", cursor, .. extra]));
            cursor = items[0];
            foreach (var k in items.Skip(1)) keys.Add(k);
        } while (cursor != "0");
        return keys.ToList();
    }
}
