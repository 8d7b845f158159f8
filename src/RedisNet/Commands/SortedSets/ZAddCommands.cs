using RedisNet.Config;
using RedisNet.Types.SortedSet;

namespace RedisNet.Commands.SortedSets;

/// <summary>ZADD and ZINCRBY: Redis's zaddGenericCommand and zsetAdd.</summary>
public static class ZAddCommands
{
    [Flags]
    internal enum ZFlags { None = 0, Nx = 1, Xx = 2, Ch = 4, Incr = 8, Gt = 16, Lt = 32 }

    [RedisCommand("zadd", Arity = -4, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.SortedSet | AclCategory.Fast, KeySpecs = "RW,update index:1 range:0,1,0",
        Group = "sorted-set", Since = "1.2.0", Summary = "Add one or more members to a sorted set, or update its score if it already exists", Complexity = "O(log(N)) for each item added, where N is the number of elements in the sorted set.")]
    public static void ZAdd(CommandContext ctx) => Add(ctx, ZFlags.None);

    [RedisCommand("zincrby", Arity = 4, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.SortedSet | AclCategory.Fast, KeySpecs = "RW,access,update index:1 range:0,1,0",
        Group = "sorted-set", Since = "1.2.0", Summary = "Increment the score of a member in a sorted set", Complexity = "O(log(N)) where N is the number of elements in the sorted set.")]
    public static void ZIncrBy(CommandContext ctx) => Add(ctx, ZFlags.Incr);

    private static void Add(CommandContext ctx, ZFlags flags)
    {
        int scoreIdx = 2;
        for (; scoreIdx < ctx.ArgCount; scoreIdx++)
        {
            if (ctx.ArgIs(scoreIdx, "nx"u8)) flags |= ZFlags.Nx;
            else if (ctx.ArgIs(scoreIdx, "xx"u8)) flags |= ZFlags.Xx;
            else if (ctx.ArgIs(scoreIdx, "ch"u8)) flags |= ZFlags.Ch;
            else if (ctx.ArgIs(scoreIdx, "incr"u8)) flags |= ZFlags.Incr;
            else if (ctx.ArgIs(scoreIdx, "gt"u8)) flags |= ZFlags.Gt;
            else if (ctx.ArgIs(scoreIdx, "lt"u8)) flags |= ZFlags.Lt;
            else break;
        }
        bool incr = (flags & ZFlags.Incr) != 0, nx = (flags & ZFlags.Nx) != 0, xx = (flags & ZFlags.Xx) != 0;
        bool gt = (flags & ZFlags.Gt) != 0, lt = (flags & ZFlags.Lt) != 0;
        int elements = ctx.ArgCount - scoreIdx;
        if (elements % 2 != 0 || elements == 0) { ctx.SyntaxError(); return; }
        elements /= 2;
        if (nx && xx) { ctx.Error("ERR XX and NX options at the same time are not compatible"); return; }
        if ((gt && nx) || (lt && nx) || (gt && lt)) { ctx.Error("ERR GT, LT, and/or NX options at the same time are not compatible"); return; }
        if (incr && elements > 1) { ctx.Error("ERR INCR option supports a single increment-element pair"); return; }

        // All scores are checked before anything changes: the command applies fully or not at all.
        // The usual few pairs parse into the stack, so a ZADD allocates only what it stores.
        Span<double> scores = elements <= 16 ? stackalloc double[16] : new double[elements];
        scores = scores[..elements];
        for (int j = 0; j < elements; j++)
            if (!ZArgs.TryArgScore(ctx, scoreIdx + j * 2, out scores[j])) return;

        Apply(ctx, flags, scores, scoreIdx + 1, 2);
    }

    /// <summary>
    /// zsetAdd over every (score, member) pair and the reply: members are arguments
    /// <paramref name="firstMember"/> + j × <paramref name="stride"/> (GEOADD passes its own layout).
    /// </summary>
    internal static void Apply(CommandContext ctx, ZFlags flags, ReadOnlySpan<double> scores, int firstMember, int stride)
    {
        bool incr = (flags & ZFlags.Incr) != 0, nx = (flags & ZFlags.Nx) != 0, xx = (flags & ZFlags.Xx) != 0;
        bool gt = (flags & ZFlags.Gt) != 0, lt = (flags & ZFlags.Lt) != 0;
        int elements = scores.Length;
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<SortedSetValue>(key, out _, out var z)) return;
        long added = 0, updated = 0, processed = 0;
        double score = 0;
        if (z is null && !xx)
        {
            z = new SortedSetValue();
            ctx.Db.Add(key, z);
        }
        if (z != null)
        {
            var cfg = ctx.Server.Config;
            for (int j = 0; j < elements; j++)
            {
                var member = ctx.Arg(firstMember + j * stride);
                score = scores[j];
                var e = z.Find(member);
                if (e is null)
                {
                    if (xx) continue;
                    if (z.IsListpack) z.ConvertIfNeeded(cfg.ZsetMaxListpackEntries - 1, cfg.ZsetMaxListpackValue, member.Length);
                    z.Insert(score, member);
                    added++;
                    processed++;
                    continue;
                }
                if (nx) continue;
                double current = ZEntry.Score(e);
                if (incr)
                {
                    score += current;
                    if (double.IsNaN(score))
                    {
                        ctx.Error("ERR resulting score is not a number (NaN)");
                        Finish(ctx, key, incr, added, updated);
                        return;
                    }
                }
                if ((lt && score >= current) || (gt && score <= current)) continue;
                processed++;
                if (score != current)
                {
                    z.Update(e, score);
                    updated++;
                }
            }
        }
        if (incr)
        {
            if (processed > 0) ctx.Reply.WriteDouble(score);
            else ctx.Reply.WriteNull();
        }
        else ctx.Reply.WriteInteger((flags & ZFlags.Ch) != 0 ? added + updated : added);
        Finish(ctx, key, incr, added, updated);
    }

    private static void Finish(CommandContext ctx, ReadOnlySpan<byte> key, bool incr, long added, long updated)
    {
        if (added + updated == 0) return;
        ctx.Dirty(added + updated);
        ctx.Db.SignalModified(key);
        ctx.Db.Notify(KeyspaceEventFlags.Zset, incr ? "zincr"u8 : "zadd"u8, key);
    }
}
