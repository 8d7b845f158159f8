using RedisNet.Config;
using RedisNet.Types.List;

namespace RedisNet.Commands.Lists;

/// <summary>LREM, LTRIM.</summary>
public static class ListEdit
{
    private const AclCategory WriteSlow = AclCategory.Write | AclCategory.List | AclCategory.Slow;

    [RedisCommand("lrem", Arity = 4, Flags = CommandFlags.Write, FirstKey = 1, LastKey = 1, Step = 1, Acl = WriteSlow, KeySpecs = "RW,DELETE index:1 range:0,1,0",
        Group = "list", Since = "1.0.0", Summary = "Remove elements from a list", Complexity = "O(N+M) where N is the length of the list and M is the number of elements removed.")]
    public static void LRem(CommandContext ctx)
    {
        if (!ctx.TryArgLong(2, out long toRemove)) return;
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<ListValue>(key, out _, out var list)) return;
        if (list is null) { ctx.Reply.WriteInteger(0); return; }
        var element = ctx.Arg(3);
        bool forward = toRemove >= 0;
        long limit = forward ? toRemove : -toRemove, removed = 0;
        var cur = list.CursorAt(forward ? 0 : list.Count - 1);
        while (cur.Valid)
        {
            if (cur.Current.SequenceEqual(element))
            {
                cur.RemoveCurrent(forward);
                removed++;
                if (limit != 0 && removed == limit) break;
                continue;
            }
            if (forward) cur.Next(); else cur.Prev();
        }
        if (removed > 0)
        {
            ctx.Dirty(removed);
            ctx.Db.Notify(KeyspaceEventFlags.List, "lrem"u8, key);
            ListAccess.DeleteIfEmpty(ctx, key, list);
        }
        ctx.Reply.WriteInteger(removed);
    }

    [RedisCommand("ltrim", Arity = 4, Flags = CommandFlags.Write, FirstKey = 1, LastKey = 1, Step = 1, Acl = WriteSlow, KeySpecs = "RW,DELETE index:1 range:0,1,0",
        Group = "list", Since = "1.0.0", Summary = "Trim a list to the specified range", Complexity = "O(N) where N is the number of elements to be removed by the operation.")]
    public static void LTrim(CommandContext ctx)
    {
        if (!ctx.TryArgLong(2, out long start) || !ctx.TryArgLong(3, out long end)) return;
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<ListValue>(key, out _, out var list)) return;
        if (list is null) { ctx.Reply.WriteOk(); return; }
        long len = list.Count, ltrim, rtrim;
        if (ListRead.ClampRange(len, ref start, ref end))
        {
            ltrim = start;
            rtrim = len - end - 1;
        }
        else
        {
            ltrim = len; // out of range or start > end: everything goes
            rtrim = 0;
        }
        list.RemoveRange(len - rtrim, rtrim);
        list.RemoveRange(0, ltrim);
        ctx.Db.Notify(KeyspaceEventFlags.List, "ltrim"u8, key);
        ListAccess.DeleteIfEmpty(ctx, key, list);
        ctx.Dirty(ltrim + rtrim);
        ctx.Reply.WriteOk();
    }
}
