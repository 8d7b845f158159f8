using RedisNet.Commands.Hashes;
using RedisNet.Commands.Strings;
using RedisNet.Config;
using RedisNet.Types.Set;

namespace RedisNet.Commands.Sets;

/// <summary>SRANDMEMBER and SPOP, following Redis's cases for the count (and SPOP's propagation as SREM/DEL).</summary>
public static class SetRandom
{
    private static readonly byte[] SRemName = "SREM"u8.ToArray(), DelName = "DEL"u8.ToArray();

    [RedisCommand("srandmember", Arity = -2, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Set | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:0,1,0", Tips = "nondeterministic_output",
        Group = "set", Since = "1.0.0", Summary = "Get one or multiple random members from a set", Complexity = "Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.")]
    public static void SRandMember(CommandContext ctx)
    {
        if (ctx.ArgCount > 3) { ctx.SyntaxError(); return; }
        if (ctx.ArgCount == 2)
        {
            if (!ctx.TryRead<SetValue>(ctx.Arg(1), out var s)) return;
            if (s is null) ctx.Reply.WriteNull();
            else ctx.Reply.WriteBulk(s.Random(ctx.Server.Rng));
            return;
        }
        if (!RandomCount.TryParse(ctx, 2, out long l)) return;
        if (!ctx.TryRead<SetValue>(ctx.Arg(1), out var set)) return;
        if (set is null || l == 0) { ctx.Reply.WriteArrayHeader(0); return; }
        long count = Math.Abs(l);
        var rng = ctx.Server.Rng;
        var r = ctx.Reply;
        if (l < 0 || count == 1)
        {
            // May repeat: each pick is independent.
            r.WriteArrayHeader(count);
            for (long i = 0; i < count; i++) r.WriteBulk(set.Random(rng));
            return;
        }
        if (count >= set.Count)
        {
            r.WriteArrayHeader(set.Count);
            foreach (var m in set.Members()) r.WriteBulk(m);
            return;
        }
        var slots = RandomCount.DistinctSlots(set.SlotCount, set.Count, set.IsOccupied, (int)count, rng, keepOrder: false);
        r.WriteArrayHeader(count);
        foreach (int s in slots) r.WriteBulk(set.MemberAt(s)!);
    }

    [RedisCommand("spop", Arity = -2, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Set | AclCategory.Fast, KeySpecs = "RW,ACCESS,DELETE index:1 range:0,1,0", Tips = "nondeterministic_output",
        Group = "set", Since = "1.0.0", Summary = "Remove and return one or multiple random members from a set", Complexity = "Without the count argument O(1), otherwise O(N) where N is the value of the passed count.")]
    public static void SPop(CommandContext ctx)
    {
        if (ctx.ArgCount > 3) { ctx.SyntaxError(); return; }
        if (ctx.ArgCount == 3) { SPopCount(ctx); return; }
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<SetValue>(key, out _, out var set)) return;
        if (set is null) { ctx.Reply.WriteNull(); return; }
        var member = set.Random(ctx.Server.Rng);
        set.Remove(member);
        ctx.Db.Notify(KeyspaceEventFlags.Set, "spop"u8, key);
        // Replicas get the member that was chosen.
        if (StringAccess.Propagating(ctx)) ctx.Propagate(SRemName, ctx.ArgBytes(1), member);
        ctx.Reply.WriteBulk(member);
        if (set.Count == 0)
        {
            ctx.Db.Delete(key);
            ctx.Db.Notify(KeyspaceEventFlags.Generic, "del"u8, key);
        }
        ctx.Db.SignalModified(key);
        ctx.Dirty();
    }

    private static void SPopCount(CommandContext ctx)
    {
        if (!ctx.TryArgLong(2, out long count, "ERR value is out of range, must be positive")) return;
        if (count < 0) { ctx.Error("ERR value is out of range, must be positive"); return; }
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<SetValue>(key, out _, out var set)) return;
        var r = ctx.Reply;
        if (set is null || count == 0) { r.WriteSetHeader(0); return; }
        ctx.Db.Notify(KeyspaceEventFlags.Set, "spop"u8, key);
        bool propagate = StringAccess.Propagating(ctx);
        if (count >= set.Count)
        {
            // The whole set, replied as Redis's SUNION of the one key would order it.
            var all = SetAlgebra.Union(new[] { set }, ctx.Server.Config);
            SetAlgebra.ReplyMembers(ctx, all);
            ctx.Db.Delete(key);
            ctx.Db.Notify(KeyspaceEventFlags.Generic, "del"u8, key);
            if (propagate) ctx.Propagate(DelName, ctx.ArgBytes(1));
            ctx.Dirty();
            return;
        }
        var rng = ctx.Server.Rng;
        r.WriteSetHeader(count);
        for (long i = 0; i < count; i++)
        {
            var member = set.Random(rng);
            set.Remove(member);
            r.WriteBulk(member);
            if (propagate) ctx.Propagate(SRemName, ctx.ArgBytes(1), member);
        }
        ctx.Db.SignalModified(key);
        ctx.Dirty(count);
    }
}
