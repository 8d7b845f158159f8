using RedisNet.Config;
using RedisNet.Types.List;

namespace RedisNet.Commands.Lists;

/// <summary>LPOP, RPOP, LMPOP, LMOVE, RPOPLPUSH (and the pop and move steps their blocking forms share).</summary>
public static class ListPop
{
    private const AclCategory WriteFast = AclCategory.Write | AclCategory.List | AclCategory.Fast;
    private const AclCategory WriteSlow = AclCategory.Write | AclCategory.List | AclCategory.Slow;
    internal const string MoveSpecs = "RW,ACCESS,DELETE index:1 range:0,1,0;RW,INSERT index:2 range:0,1,0";

    [RedisCommand("lpop", Arity = -2, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1, Acl = WriteFast,
        KeySpecs = "RW,ACCESS,DELETE index:1 range:0,1,0", Group = "list", Since = "1.0.0", Summary = "Remove and get the first elements in a list",
        Complexity = "O(N) where N is the number of elements returned")]
    public static void LPop(CommandContext ctx) => Pop(ctx, head: true);

    [RedisCommand("rpop", Arity = -2, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1, Acl = WriteFast,
        KeySpecs = "RW,ACCESS,DELETE index:1 range:0,1,0", Group = "list", Since = "1.0.0", Summary = "Remove and get the last elements in a list",
        Complexity = "O(N) where N is the number of elements returned")]
    public static void RPop(CommandContext ctx) => Pop(ctx, head: false);

    private static void Pop(CommandContext ctx, bool head)
    {
        if (ctx.ArgCount > 3) { ctx.Error(Errors.WrongArgs(ctx.Command.Name)); return; }
        bool hasCount = ctx.ArgCount == 3;
        long count = 0;
        if (hasCount && !ListRead.TryPositive(ctx, 2, "ERR value is out of range, must be positive", out count)) return;
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<ListValue>(key, out _, out var list)) return;
        if (list is null)
        {
            if (hasCount) ctx.Reply.WriteNullArray();
            else ctx.Reply.WriteNull();
            return;
        }
        if (hasCount && count == 0) { ctx.Reply.WriteArrayHeader(0); return; }
        long removed = 1;
        if (hasCount)
        {
            removed = Math.Min(count, list.Count);
            ListAccess.PopRangeReply(ctx, list, head, count);
        }
        else ctx.Reply.WriteBulk(list.Pop(head));
        ListAccess.ElementsRemoved(ctx, key, head, list, removed);
    }

    [RedisCommand("lmpop", Arity = -4, Flags = CommandFlags.Write | CommandFlags.MovableKeys, Acl = WriteSlow,
        KeySpecs = "RW,ACCESS,DELETE index:1 keynum:0,1,1", Group = "list", Since = "7.0.0", Summary = "Pop elements from a list",
        Complexity = "O(N+M) where N is the number of provided keys and M is the number of elements returned.")]
    public static void LMPop(CommandContext ctx)
    {
        if (!TryParseMPop(ctx, 1, out int numKeys, out bool head, out long count)) return;
        if (!TryMPop(ctx, 2, numKeys, head, count, serving: false)) ctx.Reply.WriteNullArray();
    }

    /// <summary>LMPOP/BLMPOP arguments from numkeys on: numkeys, keys, LEFT|RIGHT, [COUNT n], with Redis's errors.</summary>
    internal static bool TryParseMPop(CommandContext ctx, int numKeysArg, out int numKeys, out bool head, out long count)
    {
        numKeys = 0;
        head = false;
        count = -1;
        if (!Protocol.NumberFormat.TryParseInt64(ctx.Arg(numKeysArg), out long nk) || nk < 1)
        {
            ctx.Error("ERR numkeys should be greater than 0");
            return false;
        }
        long whereArg = numKeysArg + nk + 1;
        if (whereArg >= ctx.ArgCount) { ctx.SyntaxError(); return false; }
        numKeys = (int)nk;
        if (!ListAccess.TryParseSide(ctx, (int)whereArg, out head)) return false;
        for (int j = (int)whereArg + 1; j < ctx.ArgCount; j++)
        {
            if (count == -1 && ctx.ArgIs(j, "count"u8) && j + 1 < ctx.ArgCount)
            {
                if (!Protocol.NumberFormat.TryParseInt64(ctx.Arg(++j), out count) || count < 1)
                {
                    ctx.Error("ERR count should be greater than 0");
                    return false;
                }
            }
            else { ctx.SyntaxError(); return false; }
        }
        if (count == -1) count = 1;
        return true;
    }

    /// <summary>
    /// Pops up to count elements from the first non-empty list among the keys and replies
    /// [key, [elements]], propagated as LPOP/RPOP key n. False (nothing replied) when all are empty
    /// or, while serving a blocked client, of another type; WRONGTYPE is replied otherwise.
    /// </summary>
    internal static bool TryMPop(CommandContext ctx, int firstKey, int numKeys, bool head, long count, bool serving)
    {
        for (int i = firstKey; i < firstKey + numKeys; i++)
        {
            var key = ctx.Arg(i);
            if (!RedisNet.Server.Blocking.MayServeFrom(ctx, key)) continue;
            ListValue? list;
            if (serving) list = ListAccess.PeekWrite(ctx, key);
            else if (!ctx.TryWrite(key, out _, out list)) return true;
            if (list is null || list.Count == 0) continue;
            long n = Math.Min(count, list.Count);
            ctx.Reply.WriteArrayHeader(2);
            ctx.Reply.WriteBulk(key);
            ListAccess.PopRangeReply(ctx, list, head, count);
            var keyBytes = key.ToArray();
            ListAccess.ElementsRemoved(ctx, keyBytes, head, list, n);
            ctx.Propagate(head ? ListAccess.LPop : ListAccess.RPop, keyBytes, Protocol.NumberFormat.Int64Bytes(n));
            return true;
        }
        return false;
    }

    [RedisCommand("lmove", Arity = 5, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = 2, Step = 1, Acl = WriteSlow,
        KeySpecs = MoveSpecs, Group = "list", Since = "6.2.0", Summary = "Pop an element from a list, push it to another list and return it", Complexity = "O(1)")]
    public static void LMove(CommandContext ctx)
    {
        if (!ListAccess.TryParseSide(ctx, 3, out bool from) || !ListAccess.TryParseSide(ctx, 4, out bool to)) return;
        if (!Move(ctx, from, to, serving: false)) ctx.Reply.WriteNull();
    }

    [RedisCommand("rpoplpush", Arity = 3, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = 2, Step = 1, Acl = WriteSlow,
        KeySpecs = MoveSpecs, Group = "list", Since = "1.2.0", Summary = "Remove the last element in a list, prepend it to another list and return it", Complexity = "O(1)",
        DocFlags = "deprecated", DeprecatedSince = "6.2.0", ReplacedBy = "`LMOVE` with the `RIGHT` and `LEFT` arguments")]
    public static void RPopLPush(CommandContext ctx)
    {
        if (!Move(ctx, false, true, serving: false)) ctx.Reply.WriteNull();
    }

    /// <summary>
    /// LMOVE's work: pop from the source, push to the destination, reply the element. False (nothing
    /// replied) when the source is empty or missing (or, while serving, of another type); WRONGTYPE
    /// errors are replied and count as done.
    /// </summary>
    internal static bool Move(CommandContext ctx, bool fromHead, bool toHead, bool serving)
    {
        var src = ctx.Arg(1);
        ListValue? list;
        if (serving) list = ListAccess.PeekWrite(ctx, src);
        else if (!ctx.TryWrite(src, out _, out list)) return true;
        if (list is null || list.Count == 0) return false;
        var dstKey = ctx.Arg(2);
        if (!ctx.TryWrite<ListValue>(dstKey, out _, out var dst)) return true;
        var value = list.Pop(fromHead);
        dst ??= ListAccess.Create(ctx, dstKey);
        dst.Push(value, toHead);
        ctx.Db.SignalModified(dstKey);
        ctx.Db.Notify(KeyspaceEventFlags.List, toHead ? "lpush"u8 : "rpush"u8, dstKey);
        ctx.Reply.WriteBulk(value);
        // dst may be the source itself (a rotation): then it is not empty.
        ctx.Db.Notify(KeyspaceEventFlags.List, fromHead ? "lpop"u8 : "rpop"u8, src);
        ListAccess.DeleteIfEmpty(ctx, src, list);
        ctx.Dirty();
        return true;
    }
}
