using RedisNet.Config;
using RedisNet.Keyspace;
using RedisNet.Types.HyperLogLog;

namespace RedisNet.Commands.HyperLogLog;

/// <summary>PFADD, PFCOUNT and PFMERGE over Redis-format HLL strings.</summary>
public static class PfCommands
{
    [RedisCommand("pfadd", Arity = -2, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.HyperLogLog | AclCategory.Fast, KeySpecs = "RW,INSERT index:1 range:0,1,0",
        Group = "hyperloglog", Since = "2.8.9", Summary = "Adds the specified elements to the specified HyperLogLog.", Complexity = "O(1) to add every element.")]
    public static void PfAdd(CommandContext ctx)
    {
        var key = ctx.Arg(1);
        var e = ctx.Db.LookupWrite(key);
        MutableString m;
        int updated = 0;
        if (e is null)
        {
            m = HllAccess.NewValue();
            ctx.Db.Add(key, m);
            updated++;
        }
        else
        {
            if (!HllAccess.Check(ctx, e, out _)) return;
            m = StringValues.Unshare(e);
        }
        for (int i = 2; i < ctx.ArgCount; i++)
        {
            int count = HllFormat.PatternLength(ctx.Arg(i), out int index);
            int r = HllAccess.SetRegister(ctx, m, index, count);
            if (r < 0)
            {
                ctx.Error(HllAccess.Corrupted);
                return;
            }
            updated += r;
        }
        if (updated > 0)
        {
            HllFormat.InvalidateCache(m.Span);
            ctx.Db.SignalModified(key);
            ctx.Db.Notify(KeyspaceEventFlags.String, "pfadd"u8, key);
            ctx.Dirty(updated);
        }
        ctx.Reply.WriteInteger(updated > 0 ? 1 : 0);
    }

    [RedisCommand("pfcount", Arity = -2, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = -1, Step = 1,
        Acl = AclCategory.Read | AclCategory.HyperLogLog | AclCategory.Slow,
        KeySpecs = "RW,ACCESS index:1 range:-1,1,0 notes:RW because it may change the internal representation of the key, and propagate to replicas",
        Group = "hyperloglog", Since = "2.8.9", Summary = "Return the approximated cardinality of the set(s) observed by the HyperLogLog at key(s).",
        Complexity = "O(1) with a very small average constant time when called with a single key. O(N) with N being the number of keys, and much bigger constant times, when called with multiple keys.")]
    public static void PfCount(CommandContext ctx)
    {
        if (ctx.ArgCount > 2)
        {
            // The union: the maximum of every register across the keys, estimated once.
            Span<byte> max = stackalloc byte[HllFormat.Registers];
            max.Clear();
            for (int j = 1; j < ctx.ArgCount; j++)
            {
                var o = ctx.Db.LookupRead(ctx.Arg(j));
                if (o is null) continue;
                if (!HllAccess.Check(ctx, o, out var hll)) return;
                if (!Hll.MergeInto(hll, max))
                {
                    ctx.Error(HllAccess.Corrupted);
                    return;
                }
            }
            ctx.Reply.WriteInteger((long)Hll.CountRaw(max));
            return;
        }
        var key = ctx.Arg(1);
        var e = ctx.Db.LookupRead(key);
        if (e is null)
        {
            ctx.Reply.WriteInteger(0);
            return;
        }
        if (!HllAccess.Check(ctx, e, out _)) return;
        // The value may be rewritten (cached cardinality): a running snapshot records it first.
        ctx.Db.LookupWrite(key);
        var m = StringValues.Unshare(e);
        ulong card;
        if (HllFormat.CacheValid(m.Span)) card = HllFormat.CachedCardinality(m.Span);
        else
        {
            if (!Hll.TryCount(m.Span, out card))
            {
                ctx.Error(HllAccess.Corrupted);
                return;
            }
            // Cache it in the header, as Redis does: the stored bytes change, so this is a write.
            HllFormat.StoreCardinality(m.Span, card);
            ctx.Db.SignalModified(key);
            ctx.Dirty();
        }
        ctx.Reply.WriteInteger((long)card);
    }

    [RedisCommand("pfmerge", Arity = -2, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = -1, Step = 1,
        Acl = AclCategory.Write | AclCategory.HyperLogLog | AclCategory.Slow, KeySpecs = "RW,ACCESS,INSERT index:1 range:0,1,0;RO,ACCESS index:2 range:-1,1,0",
        Group = "hyperloglog", Since = "2.8.9", Summary = "Merge N different HyperLogLogs into a single one.", Complexity = "O(N) to merge N HyperLogLogs, but with high constant times.")]
    public static void PfMerge(CommandContext ctx)
    {
        var max = new byte[HllFormat.Registers];
        bool useDense = false;
        // Every key is a source, the destination included.
        for (int j = 1; j < ctx.ArgCount; j++)
        {
            var o = ctx.Db.LookupRead(ctx.Arg(j));
            if (o is null) continue;
            if (!HllAccess.Check(ctx, o, out var hll)) return;
            if (HllFormat.IsDense(hll)) useDense = true;
            if (!Hll.MergeInto(hll, max))
            {
                ctx.Error(HllAccess.Corrupted);
                return;
            }
        }
        var key = ctx.Arg(1);
        var e = ctx.Db.LookupWrite(key);
        MutableString m;
        if (e is null)
        {
            m = HllAccess.NewValue();
            ctx.Db.Add(key, m);
        }
        else m = StringValues.Unshare(e);
        // A dense input makes a dense result.
        if (useDense && !HllSparse.ToDense(m))
        {
            ctx.Error(HllAccess.Corrupted);
            return;
        }
        for (int j = 0; j < HllFormat.Registers; j++)
            if (max[j] != 0) HllAccess.SetRegister(ctx, m, j, max[j]);
        HllFormat.InvalidateCache(m.Span);
        ctx.Db.SignalModified(key);
        // Redis reports a merge as "pfadd": in effect it adds many elements.
        ctx.Db.Notify(KeyspaceEventFlags.String, "pfadd"u8, key);
        ctx.Dirty();
        ctx.Reply.WriteOk();
    }
}
