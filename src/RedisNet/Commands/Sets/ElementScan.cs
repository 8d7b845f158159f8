using RedisNet.Commands.Keys;
using RedisNet.Protocol;
using RedisNet.Types;

namespace RedisNet.Commands.Sets;

/// <summary>
/// What HSCAN and SSCAN share (Redis's scanGenericCommand for a value): the cursor and
/// COUNT/MATCH options, the walk over a hashtable's buckets, and the reply.
/// </summary>
public static class ElementScan
{
    public const string InvalidCursor = "ERR invalid cursor";

    public static bool TryParseCursor(CommandContext ctx, out ulong cursor)
    {
        if (Scan.TryParseCursor(ctx.Arg(2), out cursor)) return true;
        ctx.Error(InvalidCursor);
        return false;
    }

    /// <summary>COUNT and MATCH from argument 3 on (TYPE is only for SCAN: a syntax error here); false after an error.</summary>
    public static bool TryParseOptions(CommandContext ctx, out long count, out int patternArg)
    {
        count = 10;
        patternArg = -1;
        for (int i = 3; i < ctx.ArgCount; i += 2)
        {
            bool hasValue = ctx.ArgCount - i >= 2;
            if (ctx.ArgIs(i, "count"u8) && hasValue)
            {
                if (!ctx.TryArgLong(i + 1, out count)) return false;
                if (count < 1) { ctx.SyntaxError(); return false; }
            }
            else if (ctx.ArgIs(i, "match"u8) && hasValue)
            {
                var p = ctx.Arg(i + 1);
                patternArg = p.Length == 1 && p[0] == '*' ? -1 : i + 1;
            }
            else { ctx.SyntaxError(); return false; }
        }
        return true;
    }

    /// <summary>
    /// The rest of HSCAN/SSCAN once the key is read: a missing key is an empty scan; a small encoding
    /// (<paramref name="table"/> null) is returned whole with cursor 0, as Redis does; a hashtable is walked.
    /// </summary>
    public static void Run(CommandContext ctx, ulong cursor, bool exists, BlobTable? table, Action<List<byte[]>> addAll, bool pairs)
    {
        if (!exists) { ReplyEmpty(ctx); return; }
        if (!TryParseOptions(ctx, out long count, out int patternArg)) return;
        var items = new List<byte[]>();
        if (table is not null) cursor = Walk(table, cursor, count, items, pairs ? 2 : 1);
        else
        {
            addAll(items);
            cursor = 0;
        }
        Reply(ctx, cursor, items, patternArg, pairs);
    }

    /// <summary>
    /// Walks <paramref name="table"/> from <paramref name="cursor"/> as scanGenericCommand does: for a
    /// hash COUNT is doubled (field and value are two reply elements), then buckets are visited until
    /// COUNT reply elements or ten times COUNT buckets. Returns the next cursor.
    /// </summary>
    private static ulong Walk(BlobTable table, ulong cursor, long count, List<byte[]> found, int perItem)
    {
        count = unchecked(count * perItem);
        long maxIterations = unchecked(count * 10);
        do cursor = table.Scan(cursor, item => found.Add(item.ToArray()));
        while (cursor != 0 && maxIterations-- != 0 && (long)found.Count * perItem < count);
        return cursor;
    }

    /// <summary>Replies [cursor, elements]; <paramref name="pairs"/>: each item is a HashPair (field then value).</summary>
    public static void Reply(CommandContext ctx, ulong cursor, List<byte[]> items, int patternArg, bool pairs)
    {
        int kept = 0;
        for (int i = 0; i < items.Count; i++)
        {
            var name = pairs ? Types.HashPair.Field(items[i]) : items[i];
            if (patternArg >= 0 && !Glob.Match(ctx.Arg(patternArg), name, nocase: false)) continue;
            items[kept++] = items[i];
        }
        var r = ctx.Reply;
        r.WriteArrayHeader(2);
        r.WriteBulk((long)cursor);
        r.WriteArrayHeader(pairs ? kept * 2 : kept);
        for (int i = 0; i < kept; i++)
        {
            if (!pairs) { r.WriteBulk(items[i]); continue; }
            r.WriteBulk(Types.HashPair.Field(items[i]));
            r.WriteBulk(Types.HashPair.Value(items[i]));
        }
    }

    /// <summary>Redis's reply for a missing key: cursor 0, no elements.</summary>
    public static void ReplyEmpty(CommandContext ctx) => ctx.Reply.WriteRaw("*2\r\n$1\r\n0\r\n*0\r\n"u8);
}
