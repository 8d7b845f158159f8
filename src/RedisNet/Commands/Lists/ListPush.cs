using RedisNet.Config;
using RedisNet.Types.List;

namespace RedisNet.Commands.Lists;

/// <summary>LPUSH, RPUSH, LPUSHX, RPUSHX, LINSERT, LSET.</summary>
public static class ListPush
{
    private const CommandFlags PushFlags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast;
    private const AclCategory PushAcl = AclCategory.Write | AclCategory.List | AclCategory.Fast;
    private const string PushSpec = "RW,INSERT index:1 range:0,1,0";
    private const string PushComplexity = "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.";

    [RedisCommand("lpush", Arity = -3, Flags = PushFlags, FirstKey = 1, LastKey = 1, Step = 1, Acl = PushAcl, KeySpecs = PushSpec,
        Group = "list", Since = "1.0.0", Summary = "Prepend one or multiple elements to a list", Complexity = PushComplexity)]
    public static void LPush(CommandContext ctx) => Push(ctx, head: true, onlyIfExists: false);

    [RedisCommand("rpush", Arity = -3, Flags = PushFlags, FirstKey = 1, LastKey = 1, Step = 1, Acl = PushAcl, KeySpecs = PushSpec,
        Group = "list", Since = "1.0.0", Summary = "Append one or multiple elements to a list", Complexity = PushComplexity)]
    public static void RPush(CommandContext ctx) => Push(ctx, head: false, onlyIfExists: false);

    [RedisCommand("lpushx", Arity = -3, Flags = PushFlags, FirstKey = 1, LastKey = 1, Step = 1, Acl = PushAcl, KeySpecs = PushSpec,
        Group = "list", Since = "2.2.0", Summary = "Prepend an element to a list, only if the list exists", Complexity = PushComplexity)]
    public static void LPushX(CommandContext ctx) => Push(ctx, head: true, onlyIfExists: true);

    [RedisCommand("rpushx", Arity = -3, Flags = PushFlags, FirstKey = 1, LastKey = 1, Step = 1, Acl = PushAcl, KeySpecs = PushSpec,
        Group = "list", Since = "2.2.0", Summary = "Append an element to a list, only if the list exists", Complexity = PushComplexity)]
    public static void RPushX(CommandContext ctx) => Push(ctx, head: false, onlyIfExists: true);

    private static void Push(CommandContext ctx, bool head, bool onlyIfExists)
    {
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<ListValue>(key, out _, out var list)) return;
        if (list is null)
        {
            if (onlyIfExists) { ctx.Reply.WriteInteger(0); return; }
            list = ListAccess.Create(ctx, key);
        }
        for (int i = 2; i < ctx.ArgCount; i++) list.Push(ctx.Arg(i), head);
        ctx.Dirty(ctx.ArgCount - 2);
        ctx.Reply.WriteInteger(list.Count);
        ctx.Db.SignalModified(key);
        ctx.Db.Notify(KeyspaceEventFlags.List, head ? "lpush"u8 : "rpush"u8, key);
    }

    [RedisCommand("linsert", Arity = 5, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.List | AclCategory.Slow, KeySpecs = "RW,INSERT index:1 range:0,1,0",
        Group = "list", Since = "2.2.0", Summary = "Insert an element before or after another element in a list",
        Complexity = "O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).")]
    public static void LInsert(CommandContext ctx)
    {
        bool after = ctx.ArgIs(2, "after"u8);
        if (!after && !ctx.ArgIs(2, "before"u8)) { ctx.SyntaxError(); return; }
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<ListValue>(key, out _, out var list)) return;
        if (list is null) { ctx.Reply.WriteInteger(0); return; }
        var pivot = ctx.Arg(3);
        long index = 0;
        for (var c = list.CursorAt(0); c.Valid; c.Next(), index++)
        {
            if (!c.Current.SequenceEqual(pivot)) continue;
            list.Insert(index, after, ctx.Arg(4));
            ctx.Db.SignalModified(key);
            ctx.Db.Notify(KeyspaceEventFlags.List, "linsert"u8, key);
            ctx.Dirty();
            ctx.Reply.WriteInteger(list.Count);
            return;
        }
        ctx.Reply.WriteInteger(-1);
    }

    [RedisCommand("lset", Arity = 4, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.List | AclCategory.Slow, KeySpecs = "RW,UPDATE index:1 range:0,1,0",
        Group = "list", Since = "1.0.0", Summary = "Set the value of an element in a list by its index",
        Complexity = "O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).")]
    public static void LSet(CommandContext ctx)
    {
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<ListValue>(key, out _, out var list)) return;
        if (list is null) { ctx.Error(Errors.NoSuchKey); return; }
        if (!ctx.TryArgLong(2, out long index)) return;
        if (index < 0) index += list.Count;
        if (index < 0 || index >= list.Count) { ctx.Error(Errors.OutOfRange); return; }
        list.Set(index, ctx.Arg(3));
        ctx.Reply.WriteOk();
        ctx.Db.SignalModified(key);
        ctx.Db.Notify(KeyspaceEventFlags.List, "lset"u8, key);
        ctx.Dirty();
    }
}
