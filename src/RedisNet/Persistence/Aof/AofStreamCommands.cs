using System.Globalization;
using System.Text;
using RedisNet.Types.Stream;

namespace RedisNet.Persistence.Aof;

/// <summary>
/// A stream as commands (Redis 7.0's rewriteStreamObject): XADD per entry (an empty stream is made by
/// XADD MAXLEN 0), XSETID with the last ID, entries-added and max-deleted ID, then per group XGROUP
/// CREATE ... ENTRIESREAD, and per consumer its pending entries as XCLAIM ... FORCE (delivery time
/// and count kept) or XGROUP CREATECONSUMER when it has none.
/// </summary>
public static class AofStreamCommands
{
    public static IEnumerable<byte[][]> Of(byte[] key, StreamValue s)
    {
        if (s.Length > 0)
        {
            var cursor = new StreamCursor(s, StreamId.Zero, StreamId.Max, reverse: false);
            while (cursor.Next(out var id, out var node, out int index))
            {
                var args = new List<byte[]> { "XADD"u8.ToArray(), key, Id(id) };
                var f = node.Fields(index);
                while (f.Next()) { args.Add(f.Field.ToArray()); args.Add(f.Value.ToArray()); }
                yield return [.. args];
            }
        }
        else yield return ["XADD"u8.ToArray(), key, "MAXLEN"u8.ToArray(), "0"u8.ToArray(), "0-1"u8.ToArray(), "x"u8.ToArray(), "y"u8.ToArray()];
        yield return ["XSETID"u8.ToArray(), key, Id(s.LastId), "ENTRIESADDED"u8.ToArray(), Num(s.EntriesAdded), "MAXDELETEDID"u8.ToArray(), Id(s.MaxDeletedId)];
        if (s.Groups is null) yield break;
        foreach (var g in s.Groups)
        {
            yield return ["XGROUP"u8.ToArray(), "CREATE"u8.ToArray(), key, g.Name, Id(g.LastId), "ENTRIESREAD"u8.ToArray(), Num(g.EntriesRead)];
            foreach (var c in g.Consumers)
            {
                if (c.Pel.Count == 0)
                {
                    yield return ["XGROUP"u8.ToArray(), "CREATECONSUMER"u8.ToArray(), key, g.Name, c.Name];
                    continue;
                }
                foreach (var p in c.Pel.All)
                    yield return ["XCLAIM"u8.ToArray(), key, g.Name, c.Name, "0"u8.ToArray(), Id(p.Id), "TIME"u8.ToArray(), Num(p.DeliveryTime),
                        "RETRYCOUNT"u8.ToArray(), Num(p.DeliveryCount), "JUSTID"u8.ToArray(), "FORCE"u8.ToArray()];
            }
        }
    }

    private static byte[] Id(StreamId id) => Encoding.ASCII.GetBytes(id.ToString());
    private static byte[] Num(long n) => Encoding.ASCII.GetBytes(n.ToString(CultureInfo.InvariantCulture));
}
