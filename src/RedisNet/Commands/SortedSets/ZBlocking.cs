using RedisNet.Server;
using RedisNet.Types.SortedSet;

namespace RedisNet.Commands.SortedSets;

/// <summary>
/// BZPOPMIN, BZPOPMAX and BZMPOP (Redis's blockingGenericZpopCommand): pop at once when a sorted
/// set has members, else wait on the blocking layer. A pop is propagated as ZPOPMIN/ZPOPMAX (with
/// the popped count for BZMPOP), both when done at once and when a waiting client is served.
/// </summary>
public static class ZBlocking
{
    private const CommandFlags BFlags = CommandFlags.Write | CommandFlags.NoScript | CommandFlags.Blocking | CommandFlags.Fast;
    private const AclCategory BAcl = AclCategory.Write | AclCategory.SortedSet | AclCategory.Fast | AclCategory.Blocking;
    private const string BPopSpec = "RW,access,delete index:1 range:-2,1,0";
    private const string BPopComplexity = "O(log(N)) with N being the number of elements in the sorted set.";

    private static readonly Action<CommandContext> NullArray = static ctx => ctx.Reply.WriteNullArray();

    [RedisCommand("bzpopmin", Arity = -3, Flags = BFlags, FirstKey = 1, LastKey = -2, Step = 1, Acl = BAcl, KeySpecs = BPopSpec,
        Group = "sorted-set", Since = "5.0.0", Summary = "Remove and return the member with the lowest score from one or more sorted sets, or block until one is available",
        Complexity = BPopComplexity)]
    public static void BZPopMin(CommandContext ctx) => BPop(ctx, max: false);

    [RedisCommand("bzpopmax", Arity = -3, Flags = BFlags, FirstKey = 1, LastKey = -2, Step = 1, Acl = BAcl, KeySpecs = BPopSpec,
        Group = "sorted-set", Since = "5.0.0", Summary = "Remove and return the member with the highest score from one or more sorted sets, or block until one is available",
        Complexity = BPopComplexity)]
    public static void BZPopMax(CommandContext ctx) => BPop(ctx, max: true);

    private static void BPop(CommandContext ctx, bool max)
    {
        if (!Blocking.TryParseTimeoutSeconds(ctx, ctx.ArgCount - 1, out long timeoutMs)) return;
        var keys = new byte[ctx.ArgCount - 2][];
        for (int i = 0; i < keys.Length; i++) keys[i] = ctx.ArgBytes(i + 1);
        Serve(ctx, keys, max, count: -1, timeoutMs);
    }

    [RedisCommand("bzmpop", Arity = -5, Flags = CommandFlags.Write | CommandFlags.Blocking | CommandFlags.MovableKeys, FirstKey = 0, LastKey = 0, Step = 0,
        Acl = AclCategory.Write | AclCategory.SortedSet | AclCategory.Slow | AclCategory.Blocking, KeySpecs = "RW,access,delete index:2 keynum:0,1,1",
        Group = "sorted-set", Since = "7.0.0", Summary = "Remove and return members with scores in a sorted set or block until one is available",
        Complexity = "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.")]
    public static void BZMPop(CommandContext ctx)
    {
        // Redis parses numkeys, MIN|MAX and COUNT before the timeout.
        if (!ZPopCommands.TryParseMPop(ctx, 2, out var keys, out bool max, out long count)) return;
        if (!Blocking.TryParseTimeoutSeconds(ctx, 1, out long timeoutMs)) return;
        Serve(ctx, keys, max, count, timeoutMs);
    }

    /// <summary>
    /// Pops from the first non-empty sorted set (while serving a woken client: only from the key that
    /// became ready, and a key of another type counts as empty), or blocks. <paramref name="count"/>
    /// -1 is BZPOPMIN/BZPOPMAX's single flat reply.
    /// </summary>
    private static void Serve(CommandContext ctx, byte[][] keys, bool max, long count, long timeoutMs)
    {
        bool serving = ctx.Client.BlockState is { Serving: true };
        foreach (var key in keys)
        {
            if (!Blocking.MayServeFrom(ctx, key)) continue;
            SortedSetValue? z;
            if (serving) z = ctx.Db.LookupWrite(key)?.BoxedValue as SortedSetValue;
            else if (!ctx.TryWrite(key, out _, out z)) return;
            if (z is null || z.Count == 0) continue;
            var shape = count == -1 ? ZPopCommands.PopReply.WithKey : ZPopCommands.PopReply.KeyAndPairs;
            ZPopCommands.Pop(ctx, [key], max, count, shape, nested: count != -1, nullWhenEmpty: true, out long popped);
            var name = max ? "ZPOPMAX"u8.ToArray() : "ZPOPMIN"u8.ToArray();
            // BZMPOP is replicated with the number actually popped, as Redis does.
            if (count == -1) ctx.Propagate(name, key);
            else ctx.Propagate(name, key, Protocol.NumberFormat.Int64Bytes(popped));
            return;
        }
        ctx.Server.Blocking.Block(ctx, keys, timeoutMs, NullArray);
    }
}
