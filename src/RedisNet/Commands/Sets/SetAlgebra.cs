using RedisNet.Config;
using RedisNet.Keyspace;
using RedisNet.Protocol;
using RedisNet.Types.Set;

namespace RedisNet.Commands.Sets;

/// <summary>
/// SMEMBERS, SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE: Redis's
/// sinterGenericCommand and sunionDiffGenericCommand. Results are built as Redis builds them (an
/// intset first, converted as members demand), so their encoding and, for intsets, order match.
/// </summary>
public static class SetAlgebra
{
    [RedisCommand("smembers", Arity = 2, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Set | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:0,1,0", Tips = "nondeterministic_output_order",
        Group = "set", Since = "1.0.0", Summary = "Get all the members in a set", Complexity = "O(N) where N is the set cardinality.")]
    public static void SMembers(CommandContext ctx) => Inter(ctx, 1, 1, store: false, cardinalityOnly: false, 0);

    [RedisCommand("sinter", Arity = -2, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = -1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Set | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:-1,1,0", Tips = "nondeterministic_output_order",
        Group = "set", Since = "1.0.0", Summary = "Intersect multiple sets", Complexity = "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.")]
    public static void SInter(CommandContext ctx) => Inter(ctx, 1, ctx.ArgCount - 1, store: false, cardinalityOnly: false, 0);

    [RedisCommand("sinterstore", Arity = -3, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = -1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Set | AclCategory.Slow, KeySpecs = "RW,UPDATE index:1 range:0,1,0;RO,ACCESS index:2 range:-1,1,0",
        Group = "set", Since = "1.0.0", Summary = "Intersect multiple sets and store the resulting set in a key", Complexity = "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.")]
    public static void SInterStore(CommandContext ctx) => Inter(ctx, 2, ctx.ArgCount - 2, store: true, cardinalityOnly: false, 0);

    [RedisCommand("sintercard", Arity = -3, Flags = CommandFlags.ReadOnly | CommandFlags.MovableKeys, FirstKey = 0, LastKey = 0, Step = 0,
        Acl = AclCategory.Read | AclCategory.Set | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 keynum:0,1,1",
        Group = "set", Since = "7.0.0", Summary = "Intersect multiple sets and return the cardinality of the result", Complexity = "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.")]
    public static void SInterCard(CommandContext ctx)
    {
        const string NumKeysError = "ERR numkeys should be greater than 0";
        if (!ctx.TryArgLong(1, out long numKeys, NumKeysError)) return;
        if (numKeys < 1) { ctx.Error(NumKeysError); return; }
        if (numKeys > ctx.ArgCount - 2) { ctx.Error("ERR Number of keys can't be greater than number of args"); return; }
        long limit = 0;
        for (int i = 2 + (int)numKeys; i < ctx.ArgCount; i++)
        {
            if (ctx.ArgIs(i, "limit"u8) && i + 1 < ctx.ArgCount)
            {
                i++;
                if (!ctx.TryArgLong(i, out limit, "ERR LIMIT can't be negative")) return;
                if (limit < 0) { ctx.Error("ERR LIMIT can't be negative"); return; }
            }
            else { ctx.SyntaxError(); return; }
        }
        Inter(ctx, 2, (int)numKeys, store: false, cardinalityOnly: true, limit);
    }

    /// <summary>
    /// Reads the sets at arguments [first, first+count): missing keys are null; false after WRONGTYPE
    /// (every key is checked, even after a missing one, as Redis 7.0 does).
    /// </summary>
    private static bool TryReadSets(CommandContext ctx, int first, int count, bool forWrite, out SetValue?[] sets)
    {
        sets = new SetValue?[count];
        for (int i = 0; i < count; i++)
        {
            var key = ctx.Arg(first + i);
            var e = forWrite ? ctx.Db.LookupWrite(key) : ctx.Db.LookupRead(key);
            if (e is null) continue;
            if (e.BoxedValue is not SetValue s) { ctx.WrongType(); return false; }
            sets[i] = s;
        }
        return true;
    }

    private static void Inter(CommandContext ctx, int first, int count, bool store, bool cardinalityOnly, long limit)
    {
        if (!TryReadSets(ctx, first, count, store, out var sets)) return;
        if (Array.IndexOf(sets, null) >= 0)
        {
            // An intersection with an empty set is empty.
            if (store) { ReplyStored(ctx, null, "sinterstore"u8); return; }
            if (cardinalityOnly) ctx.Reply.WriteInteger(0);
            else ctx.Reply.WriteSetHeader(0);
            return;
        }
        // Smallest first (a stable sort, as glibc's qsort is a merge sort): fewer membership checks.
        var ordered = sets.Select((s, i) => (Set: s!, Index: i)).OrderBy(t => t.Set.Count).ThenBy(t => t.Index).Select(t => t.Set).ToArray();
        var result = new List<byte[]>();
        foreach (var m in ordered[0].Members())
        {
            bool inAll = true;
            for (int j = 1; j < ordered.Length && inAll; j++)
                if (!ReferenceEquals(ordered[j], ordered[0]) && !ordered[j].Contains(m)) inAll = false;
            if (!inAll) continue;
            result.Add(m);
            if (cardinalityOnly && limit != 0 && result.Count >= limit) break;
        }
        if (cardinalityOnly) { ctx.Reply.WriteInteger(result.Count); return; }
        if (!store)
        {
            ctx.Reply.WriteSetHeader(result.Count);
            foreach (var m in result) ctx.Reply.WriteBulk(m);
            return;
        }
        var dst = SetValue.CreateIntset();
        foreach (var m in result) dst.Add(m, ctx.Server.Config);
        ReplyStored(ctx, dst, "sinterstore"u8);
    }

    [RedisCommand("sunion", Arity = -2, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = -1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Set | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:-1,1,0", Tips = "nondeterministic_output_order",
        Group = "set", Since = "1.0.0", Summary = "Add multiple sets", Complexity = "O(N) where N is the total number of elements in all given sets.")]
    public static void SUnion(CommandContext ctx) => UnionDiff(ctx, 1, store: false, diff: false);

    [RedisCommand("sunionstore", Arity = -3, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = -1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Set | AclCategory.Slow, KeySpecs = "OW,UPDATE index:1 range:0,1,0;RO,ACCESS index:2 range:-1,1,0",
        Group = "set", Since = "1.0.0", Summary = "Add multiple sets and store the resulting set in a key", Complexity = "O(N) where N is the total number of elements in all given sets.")]
    public static void SUnionStore(CommandContext ctx) => UnionDiff(ctx, 2, store: true, diff: false);

    [RedisCommand("sdiff", Arity = -2, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = -1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Set | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:-1,1,0", Tips = "nondeterministic_output_order",
        Group = "set", Since = "1.0.0", Summary = "Subtract multiple sets", Complexity = "O(N) where N is the total number of elements in all given sets.")]
    public static void SDiff(CommandContext ctx) => UnionDiff(ctx, 1, store: false, diff: true);

    [RedisCommand("sdiffstore", Arity = -3, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = -1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Set | AclCategory.Slow, KeySpecs = "OW,UPDATE index:1 range:0,1,0;RO,ACCESS index:2 range:-1,1,0",
        Group = "set", Since = "1.0.0", Summary = "Subtract multiple sets and store the resulting set in a key", Complexity = "O(N) where N is the total number of elements in all given sets.")]
    public static void SDiffStore(CommandContext ctx) => UnionDiff(ctx, 2, store: true, diff: true);

    private static void UnionDiff(CommandContext ctx, int first, bool store, bool diff)
    {
        if (!TryReadSets(ctx, first, ctx.ArgCount - first, store, out var sets)) return;
        var result = diff ? Diff(sets, ctx.Server.Config) : Union(sets, ctx.Server.Config);
        if (store) ReplyStored(ctx, result, diff ? "sdiffstore"u8 : "sunionstore"u8);
        else ReplyMembers(ctx, result);
    }

    /// <summary>The union as Redis builds it: an intset, every member of every set added in order.</summary>
    internal static SetValue Union(SetValue?[] sets, ServerConfig config)
    {
        var dst = SetValue.CreateIntset();
        foreach (var s in sets)
            if (s is not null)
                foreach (var m in s.Members()) dst.Add(m, config);
        return dst;
    }

    /// <summary>
    /// The difference with Redis's choice of algorithm (it decides the result's encoding): 1 checks
    /// each member of the first set against the others; 2 copies the first set and removes the others.
    /// </summary>
    private static SetValue Diff(SetValue?[] sets, ServerConfig config)
    {
        var dst = SetValue.CreateIntset();
        var head = sets[0];
        if (head is null) return dst;
        for (int j = 1; j < sets.Length; j++)
            if (ReferenceEquals(sets[j], head)) return dst; // the first set minus itself
        long algoOne = 0, algoTwo = 0;
        foreach (var s in sets)
        {
            if (s is null) continue;
            algoOne += head.Count;
            algoTwo += s.Count;
        }
        if (algoOne / 2 <= algoTwo)
        {
            foreach (var m in head.Members())
            {
                bool found = false;
                for (int j = 1; j < sets.Length && !found; j++) found = sets[j] is { } s && s.Contains(m);
                if (!found) dst.Add(m, config);
            }
            return dst;
        }
        foreach (var m in head.Members()) dst.Add(m, config);
        for (int j = 1; j < sets.Length && dst.Count > 0; j++)
            if (sets[j] is { } s)
                foreach (var m in s.Members()) dst.Remove(m);
        return dst;
    }

    internal static void ReplyMembers(CommandContext ctx, SetValue set)
    {
        ctx.Reply.WriteSetHeader(set.Count);
        foreach (var m in set.Members()) ctx.Reply.WriteBulk(m);
    }

    /// <summary>The *STORE ending: a non-empty result replaces the destination (dropping its TTL); an empty one deletes it.</summary>
    private static void ReplyStored(CommandContext ctx, SetValue? result, ReadOnlySpan<byte> evt)
    {
        var dstKey = ctx.Arg(1);
        if (result is not null && result.Count > 0)
        {
            ctx.Db.Set(dstKey, result);
            ctx.Reply.WriteInteger(result.Count);
            ctx.Db.Notify(KeyspaceEventFlags.Set, evt, dstKey);
            ctx.Dirty();
            return;
        }
        ctx.Reply.WriteInteger(0);
        if (ctx.Db.Delete(dstKey))
        {
            ctx.Db.Notify(KeyspaceEventFlags.Generic, "del"u8, dstKey);
            ctx.Dirty();
        }
    }
}
