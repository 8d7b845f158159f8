using RedisNet.Config;
using RedisNet.Types;
using RedisNet.Types.Hash;

namespace RedisNet.Commands.Hashes;

/// <summary>HRANDFIELD key [count [WITHVALUES]], following Redis's cases for the count.</summary>
public static class HashRandom
{
    [RedisCommand("hrandfield", Arity = -2, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Hash | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:0,1,0", Tips = "nondeterministic_output",
        Group = "hash", Since = "6.2.0", Summary = "Get one or multiple random fields from a hash", Complexity = "O(N) where N is the number of fields returned")]
    public static void HRandField(CommandContext ctx)
    {
        if (ctx.ArgCount == 2)
        {
            if (!ctx.TryRead<HashValue>(ctx.Arg(1), out var h)) return;
            if (h is null) ctx.Reply.WriteNull();
            else { h.TryGetAt(h.RandomSlot(ctx.Server.Rng), out var one); ctx.Reply.WriteBulk(HashPair.Field(one)); }
            return;
        }
        if (!RandomCount.TryParse(ctx, 2, out long l)) return;
        bool withValues = false;
        if (ctx.ArgCount > 3)
        {
            if (ctx.ArgCount != 4 || !ctx.ArgIs(3, "withvalues"u8)) { ctx.SyntaxError(); return; }
            // RESP2 replies twice the count: Redis refuses counts whose double overflows.
            if (l < -long.MaxValue / 2 || l > long.MaxValue / 2) { ctx.Error("ERR value is out of range"); return; }
            withValues = true;
        }
        if (!ctx.TryRead<HashValue>(ctx.Arg(1), out var hash)) return;
        if (hash is null || l == 0) { ctx.Reply.WriteArrayHeader(0); return; }
        bool unique = l > 0;
        long count = Math.Abs(l);
        var rng = ctx.Server.Rng;
        if (!unique || count == 1)
        {
            // May repeat: each pick is independent.
            Header(ctx, count, withValues);
            for (long i = 0; i < count; i++) Element(ctx, hash, hash.RandomSlot(rng), withValues);
            return;
        }
        int size = hash.Count;
        if (count >= size)
        {
            // The whole hash, in its order.
            Header(ctx, size, withValues);
            for (int i = 0; i < hash.SlotCount; i++) Element(ctx, hash, i, withValues);
            return;
        }
        var slots = RandomCount.DistinctSlots(hash.SlotCount, size, s => hash.TryGetAt(s, out _), (int)count, rng, keepOrder: hash.IsListpack);
        Header(ctx, count, withValues);
        foreach (int s in slots) Element(ctx, hash, s, withValues);
    }

    /// <summary>RESP2: a flat array (fields and values); RESP3 WITHVALUES: an array of [field, value] pairs.</summary>
    private static void Header(CommandContext ctx, long count, bool withValues) =>
        ctx.Reply.WriteArrayHeader(withValues && !ctx.Reply.Resp3 ? count * 2 : count);

    /// <summary>Replies the pair at a slot (nothing for a free hashtable slot).</summary>
    private static void Element(CommandContext ctx, HashValue hash, int slot, bool withValues)
    {
        if (!hash.TryGetAt(slot, out var pair)) return;
        if (withValues && ctx.Reply.Resp3) ctx.Reply.WriteArrayHeader(2);
        ctx.Reply.WriteBulk(HashPair.Field(pair));
        if (withValues) ctx.Reply.WriteBulk(HashPair.Value(pair));
    }
}
