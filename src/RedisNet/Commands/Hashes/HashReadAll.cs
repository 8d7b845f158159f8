using RedisNet.Commands.Sets;
using RedisNet.Config;
using RedisNet.Types;
using RedisNet.Types.Hash;

namespace RedisNet.Commands.Hashes;

/// <summary>Whole-hash reads: HKEYS, HVALS, HGETALL, and HSCAN.</summary>
public static class HashReadAll
{
    [RedisCommand("hkeys", Arity = 2, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Hash | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:0,1,0", Tips = "nondeterministic_output_order",
        Group = "hash", Since = "2.0.0", Summary = "Get all the fields in a hash", Complexity = "O(N) where N is the size of the hash.")]
    public static void HKeys(CommandContext ctx) => ReplyAll(ctx, keys: true, values: false);

    [RedisCommand("hvals", Arity = 2, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Hash | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:0,1,0", Tips = "nondeterministic_output_order",
        Group = "hash", Since = "2.0.0", Summary = "Get all the values in a hash", Complexity = "O(N) where N is the size of the hash.")]
    public static void HVals(CommandContext ctx) => ReplyAll(ctx, keys: false, values: true);

    [RedisCommand("hgetall", Arity = 2, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Hash | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:0,1,0", Tips = "nondeterministic_output_order",
        Group = "hash", Since = "2.0.0", Summary = "Get all the fields and values in a hash", Complexity = "O(N) where N is the size of the hash.")]
    public static void HGetAll(CommandContext ctx) => ReplyAll(ctx, keys: true, values: true);

    /// <summary>Redis's genericHgetallCommand: fields and/or values in the hash's order; HGETALL is a map in RESP3.</summary>
    private static void ReplyAll(CommandContext ctx, bool keys, bool values)
    {
        if (!ctx.TryRead<HashValue>(ctx.Arg(1), out var hash)) return;
        var r = ctx.Reply;
        int count = hash?.Count ?? 0;
        if (keys && values) r.WriteMapHeader(count);
        else r.WriteArrayHeader(count);
        if (hash is null) return;
        for (int i = 0; i < hash.SlotCount; i++)
        {
            if (!hash.TryGetAt(i, out var pair)) continue;
            if (keys) r.WriteBulk(HashPair.Field(pair));
            if (values) r.WriteBulk(HashPair.Value(pair));
        }
    }

    [RedisCommand("hscan", Arity = -3, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Hash | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:0,1,0", Tips = "nondeterministic_output",
        Group = "hash", Since = "2.8.0", Summary = "Incrementally iterate hash fields and associated values", Complexity = "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..")]
    public static void HScan(CommandContext ctx)
    {
        if (!ElementScan.TryParseCursor(ctx, out ulong cursor)) return;
        if (!ctx.TryRead<HashValue>(ctx.Arg(1), out var hash)) return;
        ElementScan.Run(ctx, cursor, hash is not null, hash?.Table, items =>
        {
            for (int i = 0; i < hash!.SlotCount; i++)
                if (hash.TryGetAt(i, out var pair)) items.Add(pair.ToArray());
        }, pairs: true);
    }
}
