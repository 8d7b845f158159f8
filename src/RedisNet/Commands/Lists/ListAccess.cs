using RedisNet.Config;
using RedisNet.Keyspace;
using RedisNet.Types.List;

namespace RedisNet.Commands.Lists;

/// <summary>Shared steps of the list commands: creating a list, the after-effects of removing elements, LEFT/RIGHT.</summary>
internal static class ListAccess
{
    /// <summary>A new empty list under the current list-max-listpack-size, added to the db (the caller pushes at once).</summary>
    public static ListValue Create(CommandContext ctx, ReadOnlySpan<byte> key)
    {
        var list = new ListValue(ctx.Server.Config.ListMaxListpackSize, ctx.Server.Config.ListCompressDepth);
        ctx.Db.Add(key, list);
        return list;
    }

    /// <summary>
    /// Redis's listElementsRemoved: the pop event, then the key's deletion ("del") when the list is
    /// empty, the WATCH signal and <paramref name="removed"/> dirty changes.
    /// </summary>
    public static void ElementsRemoved(CommandContext ctx, ReadOnlySpan<byte> key, bool head, ListValue list, long removed)
    {
        ctx.Db.Notify(KeyspaceEventFlags.List, head ? "lpop"u8 : "rpop"u8, key);
        DeleteIfEmpty(ctx, key, list);
        ctx.Dirty(removed);
    }

    /// <summary>Deletes the key of a list left empty (with its "del" event), else signals the change.</summary>
    public static void DeleteIfEmpty(CommandContext ctx, ReadOnlySpan<byte> key, ListValue list)
    {
        if (list.Count == 0)
        {
            ctx.Db.Delete(key);
            ctx.Db.Notify(KeyspaceEventFlags.Generic, "del"u8, key);
        }
        else ctx.Db.SignalModified(key);
    }

    /// <summary>LEFT / RIGHT (Redis's getListPositionFromObjectOrReply): head is LEFT.</summary>
    public static bool TryParseSide(CommandContext ctx, int arg, out bool head)
    {
        head = ctx.ArgIs(arg, "left"u8);
        if (head || ctx.ArgIs(arg, "right"u8)) return true;
        ctx.SyntaxError();
        return false;
    }

    /// <summary>Write lookup that treats a key of another type as absent (a blocked client being served keeps waiting).</summary>
    public static ListValue? PeekWrite(CommandContext ctx, ReadOnlySpan<byte> key) => ctx.Db.LookupWrite(key)?.BoxedValue as ListValue;

    /// <summary>Replies count elements popped from one end, in pop order.</summary>
    public static void PopRangeReply(CommandContext ctx, ListValue list, bool head, long count)
    {
        long n = Math.Min(count, list.Count);
        ctx.Reply.WriteArrayHeader(n);
        for (long i = 0; i < n; i++) ctx.Reply.WriteBulk(list.Pop(head));
    }

    public static readonly byte[] LPop = "LPOP"u8.ToArray(), RPop = "RPOP"u8.ToArray(),
        LMove = "LMOVE"u8.ToArray(), RPopLPush = "RPOPLPUSH"u8.ToArray();
}
