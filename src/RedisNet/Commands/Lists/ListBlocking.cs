using RedisNet.Server;
using RedisNet.Types.List;

namespace RedisNet.Commands.Lists;

/// <summary>
/// BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP: the non-blocking work when a list has elements,
/// else <see cref="Blocking.Block"/>. When a key becomes ready the command runs again with
/// BlockState.Serving set: keys of another type then count as empty (the client keeps waiting).
/// </summary>
public static class ListBlocking
{
    private const CommandFlags BFlags = CommandFlags.Write | CommandFlags.NoScript | CommandFlags.Blocking;
    private const AclCategory BAcl = AclCategory.Write | AclCategory.List | AclCategory.Slow | AclCategory.Blocking;
    private const string BPopSpec = "RW,ACCESS,DELETE index:1 range:-2,1,0";

    private static readonly Action<CommandContext> NullArray = static ctx => ctx.Reply.WriteNullArray();

    private static bool Serving(CommandContext ctx) => ctx.Client.BlockState is { Serving: true };

    [RedisCommand("blpop", Arity = -3, Flags = BFlags, FirstKey = 1, LastKey = -2, Step = 1, Acl = BAcl, KeySpecs = BPopSpec,
        Group = "list", Since = "2.0.0", Summary = "Remove and get the first element in a list, or block until one is available",
        Complexity = "O(N) where N is the number of provided keys.")]
    public static void BLPop(CommandContext ctx) => BPop(ctx, head: true);

    [RedisCommand("brpop", Arity = -3, Flags = BFlags, FirstKey = 1, LastKey = -2, Step = 1, Acl = BAcl, KeySpecs = BPopSpec,
        Group = "list", Since = "2.0.0", Summary = "Remove and get the last element in a list, or block until one is available",
        Complexity = "O(N) where N is the number of provided keys.")]
    public static void BRPop(CommandContext ctx) => BPop(ctx, head: false);

    private static void BPop(CommandContext ctx, bool head)
    {
        if (!Blocking.TryParseTimeoutSeconds(ctx, ctx.ArgCount - 1, out long timeoutMs)) return;
        bool serving = Serving(ctx);
        for (int i = 1; i < ctx.ArgCount - 1; i++)
        {
            var key = ctx.Arg(i);
            if (!Blocking.MayServeFrom(ctx, key)) continue;
            ListValue? list;
            if (serving) list = ListAccess.PeekWrite(ctx, key);
            else if (!ctx.TryWrite(key, out _, out list)) return;
            if (list is null || list.Count == 0) continue;
            ctx.Reply.WriteArrayHeader(2);
            ctx.Reply.WriteBulk(key);
            ctx.Reply.WriteBulk(list.Pop(head));
            var keyBytes = key.ToArray();
            ListAccess.ElementsRemoved(ctx, keyBytes, head, list, 1);
            ctx.Propagate(head ? ListAccess.LPop : ListAccess.RPop, keyBytes);
            return;
        }
        ctx.Server.Blocking.Block(ctx, Keys(ctx, 1, ctx.ArgCount - 2), timeoutMs, NullArray);
    }

    private static List<byte[]> Keys(CommandContext ctx, int first, int last)
    {
        var keys = new List<byte[]>(last - first + 1);
        for (int i = first; i <= last; i++) keys.Add(ctx.ArgBytes(i));
        return keys;
    }

    [RedisCommand("blmove", Arity = 6, Flags = BFlags | CommandFlags.DenyOom, FirstKey = 1, LastKey = 2, Step = 1, Acl = BAcl, KeySpecs = ListPop.MoveSpecs,
        Group = "list", Since = "6.2.0", Summary = "Pop an element from a list, push it to another list and return it; or block until one is available",
        Complexity = "O(1)")]
    public static void BLMove(CommandContext ctx)
    {
        if (!ListAccess.TryParseSide(ctx, 3, out bool from) || !ListAccess.TryParseSide(ctx, 4, out bool to)) return;
        BMove(ctx, from, to, 5, ListAccess.LMove);
    }

    [RedisCommand("brpoplpush", Arity = 4, Flags = BFlags | CommandFlags.DenyOom, FirstKey = 1, LastKey = 2, Step = 1, Acl = BAcl, KeySpecs = ListPop.MoveSpecs,
        Group = "list", Since = "2.2.0", Summary = "Pop an element from a list, push it to another list and return it; or block until one is available",
        Complexity = "O(1)", DocFlags = "deprecated", DeprecatedSince = "6.2.0", ReplacedBy = "`BLMOVE` with the `RIGHT` and `LEFT` arguments")]
    public static void BRPopLPush(CommandContext ctx) => BMove(ctx, false, true, 3, ListAccess.RPopLPush);

    /// <summary>BLMOVE/BRPOPLPUSH: an immediate move is propagated as LMOVE/RPOPLPUSH.</summary>
    private static void BMove(CommandContext ctx, bool from, bool to, int timeoutArg, byte[] plainName)
    {
        if (!Blocking.TryParseTimeoutSeconds(ctx, timeoutArg, out long timeoutMs)) return;
        bool serving = Serving(ctx);
        long dirty = ctx.Server.Dirty;
        if (ListPop.Move(ctx, from, to, serving))
        {
            if (ctx.Server.Dirty != dirty)
            {
                var argv = ctx.AllArgs();
                argv[0] = plainName;
                ctx.Propagate(argv[..timeoutArg]);
            }
            return;
        }
        // In MULTI or a script Redis answers a null bulk here, not the timeout's null array.
        if (!Blocking.CanBlock(ctx)) { ctx.Reply.WriteNull(); return; }
        ctx.Server.Blocking.Block(ctx, Keys(ctx, 1, 1), timeoutMs, NullArray);
    }

    [RedisCommand("blmpop", Arity = -5, Flags = CommandFlags.Write | CommandFlags.Blocking | CommandFlags.MovableKeys, Acl = BAcl,
        KeySpecs = "RW,ACCESS,DELETE index:2 keynum:0,1,1", Group = "list", Since = "7.0.0",
        Summary = "Pop elements from a list, or block until one is available",
        Complexity = "O(N+M) where N is the number of provided keys and M is the number of elements returned.")]
    public static void BLMPop(CommandContext ctx)
    {
        // Redis parses numkeys, the side and COUNT before the timeout.
        if (!ListPop.TryParseMPop(ctx, 2, out int numKeys, out bool head, out long count)) return;
        if (!Blocking.TryParseTimeoutSeconds(ctx, 1, out long timeoutMs)) return;
        if (ListPop.TryMPop(ctx, 3, numKeys, head, count, Serving(ctx))) return;
        ctx.Server.Blocking.Block(ctx, Keys(ctx, 3, 2 + numKeys), timeoutMs, NullArray);
    }
}
