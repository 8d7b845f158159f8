using RedisNet.Keyspace;
using RedisNet.Commands.Sets;
using RedisNet.Config;
using RedisNet.Types;
using RedisNet.Types.Hash;

namespace RedisNet.Commands.Hashes;

/// <summary>Hash field writes and point reads: HSET, HMSET, HSETNX, HGET, HMGET, HDEL, HLEN, HSTRLEN, HEXISTS.</summary>
public static class HashCommands
{
    [RedisCommand("hset", Arity = -4, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Hash | AclCategory.Fast, KeySpecs = "RW,UPDATE index:1 range:0,1,0",
        Group = "hash", Since = "2.0.0", Summary = "Set the string value of a hash field", Complexity = "O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.")]
    public static void HSet(CommandContext ctx) => SetFields(ctx, replyCreated: true);

    [RedisCommand("hmset", Arity = -4, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Hash | AclCategory.Fast, KeySpecs = "RW,UPDATE index:1 range:0,1,0",
        Group = "hash", Since = "2.0.0", Summary = "Set multiple hash fields to multiple values", Complexity = "O(N) where N is the number of fields being set.", DocFlags = "deprecated", DeprecatedSince = "4.0.0", ReplacedBy = "`HSET` with multiple field-value pairs")]
    public static void HMSet(CommandContext ctx) => SetFields(ctx, replyCreated: false);

    private static void SetFields(CommandContext ctx, bool replyCreated)
    {
        if (ctx.ArgCount % 2 == 1)
        {
            ctx.Error(Errors.WrongArgs(ctx.Command.Name));
            return;
        }
        if (!HashAccess.TryWriteOrCreate(ctx, out var hash)) return;
        for (int i = 2; i < ctx.ArgCount; i++) hash.ConvertIfLonger(ctx.Arg(i), ctx.Server.Config);
        long created = 0;
        for (int i = 2; i < ctx.ArgCount; i += 2)
            if (hash.Set(ctx.Arg(i), ctx.Arg(i + 1), ctx.Server.Config)) created++;
        if (replyCreated) ctx.Reply.WriteInteger(created);
        else ctx.Reply.WriteOk();
        HashAccess.Changed(ctx, "hset"u8);
        ctx.Dirty((ctx.ArgCount - 2) / 2);
    }

    [RedisCommand("hsetnx", Arity = 4, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Hash | AclCategory.Fast, KeySpecs = "RW,INSERT index:1 range:0,1,0",
        Group = "hash", Since = "2.0.0", Summary = "Set the value of a hash field, only if the field does not exist", Complexity = "O(1)")]
    public static void HSetNx(CommandContext ctx)
    {
        if (!HashAccess.TryWriteOrCreate(ctx, out var hash)) return;
        if (hash.Contains(ctx.Arg(2)))
        {
            ctx.Reply.WriteInteger(0);
            return;
        }
        hash.Set(ctx.Arg(2), ctx.Arg(3), ctx.Server.Config);
        ctx.Reply.WriteInteger(1);
        HashAccess.Changed(ctx, "hset"u8);
        ctx.Dirty();
    }

    [RedisCommand("hget", Arity = 3, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Hash | AclCategory.Fast, KeySpecs = "RO,ACCESS index:1 range:0,1,0",
        Group = "hash", Since = "2.0.0", Summary = "Get the value of a hash field", Complexity = "O(1)")]
    public static void HGet(CommandContext ctx)
    {
        if (!ctx.TryRead<HashValue>(ctx.Arg(1), out var hash)) return;
        if (hash is not null && hash.TryFind(ctx.Arg(2), out var pair)) ctx.Reply.WriteBulk(HashPair.Value(pair));
        else ctx.Reply.WriteNull();
    }

    [RedisCommand("hmget", Arity = -3, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Hash | AclCategory.Fast, KeySpecs = "RO,ACCESS index:1 range:0,1,0",
        Group = "hash", Since = "2.0.0", Summary = "Get the values of all the given hash fields", Complexity = "O(N) where N is the number of fields being requested.")]
    public static void HMGet(CommandContext ctx)
    {
        if (!ctx.TryRead<HashValue>(ctx.Arg(1), out var hash)) return;
        ctx.Reply.WriteArrayHeader(ctx.ArgCount - 2);
        for (int i = 2; i < ctx.ArgCount; i++)
        {
            if (hash is not null && hash.TryFind(ctx.Arg(i), out var pair)) ctx.Reply.WriteBulk(HashPair.Value(pair));
            else ctx.Reply.WriteNull();
        }
    }

    [RedisCommand("hdel", Arity = -3, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Hash | AclCategory.Fast, KeySpecs = "RW,DELETE index:1 range:0,1,0",
        Group = "hash", Since = "2.0.0", Summary = "Delete one or more hash fields", Complexity = "O(N) where N is the number of fields to be removed.")]
    public static void HDel(CommandContext ctx) => ElementRemoval.Run<HashValue>(ctx, KeyspaceEventFlags.Hash, "hdel"u8);

    [RedisCommand("hlen", Arity = 2, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Hash | AclCategory.Fast, KeySpecs = "RO index:1 range:0,1,0",
        Group = "hash", Since = "2.0.0", Summary = "Get the number of fields in a hash", Complexity = "O(1)")]
    public static void HLen(CommandContext ctx)
    {
        if (ctx.TryRead<HashValue>(ctx.Arg(1), out var hash)) ctx.Reply.WriteInteger(hash?.Count ?? 0);
    }

    [RedisCommand("hstrlen", Arity = 3, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Hash | AclCategory.Fast, KeySpecs = "RO index:1 range:0,1,0",
        Group = "hash", Since = "3.2.0", Summary = "Get the length of the value of a hash field", Complexity = "O(1)")]
    public static void HStrLen(CommandContext ctx)
    {
        if (!ctx.TryRead<HashValue>(ctx.Arg(1), out var hash)) return;
        ctx.Reply.WriteInteger(hash is not null && hash.TryFind(ctx.Arg(2), out var pair) ? HashPair.Value(pair).Length : 0);
    }

    [RedisCommand("hexists", Arity = 3, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Hash | AclCategory.Fast, KeySpecs = "RO index:1 range:0,1,0",
        Group = "hash", Since = "2.0.0", Summary = "Determine if a hash field exists", Complexity = "O(1)")]
    public static void HExists(CommandContext ctx)
    {
        if (ctx.TryRead<HashValue>(ctx.Arg(1), out var hash)) ctx.Reply.WriteInteger(hash is not null && hash.Contains(ctx.Arg(2)) ? 1 : 0);
    }
}
