using RedisNet.Protocol;
using RedisNet.Types.List;

namespace RedisNet.Commands.Lists;

/// <summary>LLEN, LRANGE, LINDEX, LPOS.</summary>
public static class ListRead
{
    private const AclCategory ReadSlow = AclCategory.Read | AclCategory.List | AclCategory.Slow;
    private const string RoAccess = "RO,ACCESS index:1 range:0,1,0";

    [RedisCommand("llen", Arity = 2, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.List | AclCategory.Fast, KeySpecs = "RO index:1 range:0,1,0",
        Group = "list", Since = "1.0.0", Summary = "Get the length of a list", Complexity = "O(1)")]
    public static void LLen(CommandContext ctx)
    {
        if (ctx.TryRead<ListValue>(ctx.Arg(1), out var list)) ctx.Reply.WriteInteger(list?.Count ?? 0);
    }

    [RedisCommand("lrange", Arity = 4, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1, Acl = ReadSlow, KeySpecs = RoAccess,
        Group = "list", Since = "1.0.0", Summary = "Get a range of elements from a list",
        Complexity = "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.")]
    public static void LRange(CommandContext ctx)
    {
        if (!ctx.TryArgLong(2, out long start) || !ctx.TryArgLong(3, out long end)) return;
        if (!ctx.TryRead<ListValue>(ctx.Arg(1), out var list)) return;
        if (list is null) { ctx.Reply.WriteArrayHeader(0); return; }
        if (!ClampRange(list.Count, ref start, ref end)) { ctx.Reply.WriteArrayHeader(0); return; }
        long n = end - start + 1;
        ctx.Reply.WriteArrayHeader(n);
        for (var c = list.CursorAt(start); n-- > 0; c.Next()) ctx.Reply.WriteBulk(c.Current);
    }

    /// <summary>Redis's range rules (LRANGE, LTRIM): negative indexes from the end, clamped; false when empty.</summary>
    internal static bool ClampRange(long len, ref long start, ref long end)
    {
        if (start < 0) start += len;
        if (end < 0) end += len;
        if (start < 0) start = 0;
        if (start > end || start >= len) return false;
        if (end >= len) end = len - 1;
        return true;
    }

    [RedisCommand("lindex", Arity = 3, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1, Acl = ReadSlow, KeySpecs = RoAccess,
        Group = "list", Since = "1.0.0", Summary = "Get an element from a list by its index",
        Complexity = "O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).")]
    public static void LIndex(CommandContext ctx)
    {
        if (!ctx.TryRead<ListValue>(ctx.Arg(1), out var list)) return;
        if (list is null) { ctx.Reply.WriteNull(); return; }
        if (!ctx.TryArgLong(2, out long index)) return;
        if (index < 0) index += list.Count;
        if (index < 0 || index >= list.Count) ctx.Reply.WriteNull();
        else ctx.Reply.WriteBulk(list.Get(index));
    }

    [RedisCommand("lpos", Arity = -3, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1, Acl = ReadSlow, KeySpecs = RoAccess,
        Group = "list", Since = "6.0.6", Summary = "Return the index of matching elements on a list",
        Complexity = "O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.")]
    public static void LPos(CommandContext ctx)
    {
        long rank = 1, count = -1, maxlen = 0;
        for (int j = 3; j < ctx.ArgCount; j++)
        {
            bool more = j + 1 < ctx.ArgCount;
            if (ctx.ArgIs(j, "rank"u8) && more)
            {
                if (!ctx.TryArgLong(++j, out rank)) return;
                if (rank == 0)
                {
                    ctx.Error("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list");
                    return;
                }
            }
            else if (ctx.ArgIs(j, "count"u8) && more)
            {
                if (!TryPositive(ctx, ++j, "ERR COUNT can't be negative", out count)) return;
            }
            else if (ctx.ArgIs(j, "maxlen"u8) && more)
            {
                if (!TryPositive(ctx, ++j, "ERR MAXLEN can't be negative", out maxlen)) return;
            }
            else { ctx.SyntaxError(); return; }
        }
        bool fromTail = rank < 0;
        if (fromTail) rank = -rank; // LONG_MIN stays negative, as in Redis: every match then qualifies
        if (!ctx.TryRead<ListValue>(ctx.Arg(1), out var list)) return;
        if (list is null)
        {
            if (count != -1) ctx.Reply.WriteArrayHeader(0);
            else ctx.Reply.WriteNull();
            return;
        }
        var element = ctx.Arg(2);
        long len = list.Count, index = 0, matches = 0, found = -1;
        List<long>? results = count != -1 ? new List<long>() : null;
        var cur = list.CursorAt(fromTail ? len - 1 : 0);
        for (; cur.Valid && (maxlen == 0 || index < maxlen); index++)
        {
            if (cur.Current.SequenceEqual(element))
            {
                matches++;
                long at = fromTail ? len - index - 1 : index;
                if (matches >= rank)
                {
                    if (results is null) { found = at; break; }
                    results.Add(at);
                    if (count != 0 && matches - rank + 1 >= count) break;
                }
            }
            if (fromTail) cur.Prev(); else cur.Next();
        }
        if (results is null)
        {
            if (found >= 0) ctx.Reply.WriteInteger(found);
            else ctx.Reply.WriteNull();
            return;
        }
        ctx.Reply.WriteArrayHeader(results.Count);
        foreach (var r in results) ctx.Reply.WriteInteger(r);
    }

    /// <summary>getPositiveLongFromObjectOrReply with a custom message (used for both a bad number and a negative one).</summary>
    internal static bool TryPositive(CommandContext ctx, int arg, string error, out long value)
    {
        if (NumberFormat.TryParseInt64(ctx.Arg(arg), out value) && value >= 0) return true;
        ctx.Error(error);
        return false;
    }
}
