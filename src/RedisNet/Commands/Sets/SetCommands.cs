using RedisNet.Config;
using RedisNet.Types.Set;

namespace RedisNet.Commands.Sets;

/// <summary>Set member writes and point reads: SADD, SREM, SCARD, SISMEMBER, SMISMEMBER, SMOVE, SSCAN.</summary>
public static class SetCommands
{
    [RedisCommand("sadd", Arity = -3, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Set | AclCategory.Fast, KeySpecs = "RW,INSERT index:1 range:0,1,0",
        Group = "set", Since = "1.0.0", Summary = "Add one or more members to a set", Complexity = "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.")]
    public static void SAdd(CommandContext ctx)
    {
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<SetValue>(key, out _, out var set)) return;
        if (set is null)
        {
            set = SetValue.CreateFor(ctx.Arg(2));
            ctx.Db.Add(key, set);
        }
        long added = 0;
        for (int i = 2; i < ctx.ArgCount; i++)
            if (set.Add(ctx.Arg(i), ctx.Server.Config)) added++;
        if (added > 0) Changed(ctx, key, "sadd"u8);
        ctx.Dirty(added);
        ctx.Reply.WriteInteger(added);
    }

    [RedisCommand("srem", Arity = -3, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Set | AclCategory.Fast, KeySpecs = "RW,DELETE index:1 range:0,1,0",
        Group = "set", Since = "1.0.0", Summary = "Remove one or more members from a set", Complexity = "O(N) where N is the number of members to be removed.")]
    public static void SRem(CommandContext ctx) => ElementRemoval.Run<SetValue>(ctx, KeyspaceEventFlags.Set, "srem"u8);

    /// <summary>After an in-place change: WATCH/tracking, then the keyspace event.</summary>
    internal static void Changed(CommandContext ctx, ReadOnlySpan<byte> key, ReadOnlySpan<byte> evt)
    {
        ctx.Db.SignalModified(key);
        ctx.Db.Notify(KeyspaceEventFlags.Set, evt, key);
    }

    [RedisCommand("scard", Arity = 2, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Set | AclCategory.Fast, KeySpecs = "RO index:1 range:0,1,0",
        Group = "set", Since = "1.0.0", Summary = "Get the number of members in a set", Complexity = "O(1)")]
    public static void SCard(CommandContext ctx)
    {
        if (ctx.TryRead<SetValue>(ctx.Arg(1), out var set)) ctx.Reply.WriteInteger(set?.Count ?? 0);
    }

    [RedisCommand("sismember", Arity = 3, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Set | AclCategory.Fast, KeySpecs = "RO index:1 range:0,1,0",
        Group = "set", Since = "1.0.0", Summary = "Determine if a given value is a member of a set", Complexity = "O(1)")]
    public static void SIsMember(CommandContext ctx)
    {
        if (ctx.TryRead<SetValue>(ctx.Arg(1), out var set)) ctx.Reply.WriteInteger(set is not null && set.Contains(ctx.Arg(2)) ? 1 : 0);
    }

    [RedisCommand("smismember", Arity = -3, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Set | AclCategory.Fast, KeySpecs = "RO,ACCESS index:1 range:0,1,0",
        Group = "set", Since = "6.2.0", Summary = "Returns the membership associated with the given elements for a set", Complexity = "O(N) where N is the number of elements being checked for membership")]
    public static void SMIsMember(CommandContext ctx)
    {
        if (!ctx.TryRead<SetValue>(ctx.Arg(1), out var set)) return;
        ctx.Reply.WriteArrayHeader(ctx.ArgCount - 2);
        for (int i = 2; i < ctx.ArgCount; i++) ctx.Reply.WriteInteger(set is not null && set.Contains(ctx.Arg(i)) ? 1 : 0);
    }

    [RedisCommand("smove", Arity = 4, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 2, Step = 1,
        Acl = AclCategory.Write | AclCategory.Set | AclCategory.Fast, KeySpecs = "RW,ACCESS,DELETE index:1 range:0,1,0;RW,INSERT index:2 range:0,1,0",
        Group = "set", Since = "1.0.0", Summary = "Move a member from one set to another", Complexity = "O(1)")]
    public static void SMove(CommandContext ctx)
    {
        ReadOnlySpan<byte> srcKey = ctx.Arg(1), dstKey = ctx.Arg(2), member = ctx.Arg(3);
        var srcEntry = ctx.Db.LookupWrite(srcKey);
        var dstEntry = ctx.Db.LookupWrite(dstKey);
        if (srcEntry is null) { ctx.Reply.WriteInteger(0); return; }
        if (srcEntry.BoxedValue is not SetValue src || (dstEntry is not null && dstEntry.BoxedValue is not SetValue)) { ctx.WrongType(); return; }
        var dst = dstEntry?.BoxedValue as SetValue;
        if (ReferenceEquals(src, dst)) { ctx.Reply.WriteInteger(src.Contains(member) ? 1 : 0); return; }
        if (!src.Remove(member)) { ctx.Reply.WriteInteger(0); return; }
        ctx.Db.Notify(KeyspaceEventFlags.Set, "srem"u8, srcKey);
        if (src.Count == 0)
        {
            ctx.Db.Delete(srcKey);
            ctx.Db.Notify(KeyspaceEventFlags.Generic, "del"u8, srcKey);
        }
        if (dst is null)
        {
            dst = SetValue.CreateFor(member);
            ctx.Db.Add(dstKey, dst);
        }
        ctx.Db.SignalModified(srcKey);
        ctx.Dirty();
        if (dst.Add(member, ctx.Server.Config))
        {
            ctx.Dirty();
            Changed(ctx, dstKey, "sadd"u8);
        }
        ctx.Reply.WriteInteger(1);
    }

    [RedisCommand("sscan", Arity = -3, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Set | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:0,1,0", Tips = "nondeterministic_output",
        Group = "set", Since = "2.8.0", Summary = "Incrementally iterate Set elements", Complexity = "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..")]
    public static void SScan(CommandContext ctx)
    {
        if (!ElementScan.TryParseCursor(ctx, out ulong cursor)) return;
        if (!ctx.TryRead<SetValue>(ctx.Arg(1), out var set)) return;
        ElementScan.Run(ctx, cursor, set is not null, set?.Table, items => items.AddRange(set!.Members()), pairs: false);
    }
}
