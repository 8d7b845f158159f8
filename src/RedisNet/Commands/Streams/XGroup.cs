using RedisNet.Config;
using RedisNet.Commands.ServerCommands;
using RedisNet.Types.Stream;

namespace RedisNet.Commands.Streams;

/// <summary>XGROUP CREATE | SETID | DESTROY | CREATECONSUMER | DELCONSUMER | HELP (Redis's xgroupCommand).</summary>
[RedisContainer("xgroup", Arity = -2, Acl = AclCategory.Slow, Group = "stream", Since = "5.0.0",
    Summary = "A container for consumer groups commands", Complexity = "Depends on subcommand.")]
public static class XGroup
{
    [RedisCommand("xgroup|create", Arity = -5, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 2, LastKey = 2, Step = 1,
        Acl = AclCategory.Write | AclCategory.Stream | AclCategory.Slow,
        KeySpecs = "RW,INSERT index:2 range:0,1,0",
        Group = "stream", Since = "5.0.0", Summary = "Create a consumer group.",
        Complexity = "O(1)")]
    public static void Create(CommandContext ctx)
    {
        bool mkStream = false;
        long entriesRead = ConsumerGroup.InvalidEntriesRead;
        for (int i = 5; i < ctx.ArgCount; i++)
        {
            if (ctx.ArgIs(i, "mkstream"u8)) mkStream = true;
            else if (ctx.ArgIs(i, "entriesread"u8) && i + 1 < ctx.ArgCount)
            {
                if (!TryEntriesRead(ctx, ++i, out entriesRead)) return;
            }
            else { HelpReply.SubcommandSyntaxError(ctx); return; }
        }
        var key = ctx.Arg(2);
        if (!ctx.TryWrite<StreamValue>(key, out _, out var s)) return;
        if (s is null && !mkStream) { ctx.Error(KeyMustExist); return; }
        if (ctx.ArgCount > 8) { HelpReply.SubcommandSyntaxError(ctx); return; }
        StreamId id;
        var idArg = ctx.Arg(4);
        if (idArg.Length == 1 && idArg[0] == '$') id = s?.LastId ?? StreamId.Zero;
        else if (!StreamArgs.TryArgId(ctx, 4, out id, 0, strict: true)) return;
        if (s is null)
        {
            s = new StreamValue();
            ctx.Db.Add(key, s);
        }
        if (s.AddGroup(ctx.Arg(3), id, entriesRead) is null) { ctx.Error("BUSYGROUP Consumer Group name already exists"); return; }
        ctx.Reply.WriteOk();
        ctx.Dirty();
        ctx.Db.Notify(KeyspaceEventFlags.Stream, "xgroup-create"u8, key);
    }

    [RedisCommand("xgroup|setid", Arity = -5, Flags = CommandFlags.Write, FirstKey = 2, LastKey = 2, Step = 1,
        Acl = AclCategory.Write | AclCategory.Stream | AclCategory.Slow,
        KeySpecs = "RW,UPDATE index:2 range:0,1,0",
        Group = "stream", Since = "5.0.0", Summary = "Set a consumer group to an arbitrary last delivered ID value.",
        Complexity = "O(1)")]
    public static void SetId(CommandContext ctx)
    {
        long entriesRead = ConsumerGroup.InvalidEntriesRead;
        if (ctx.ArgCount == 7)
        {
            if (!ctx.ArgIs(5, "entriesread"u8)) { HelpReply.SubcommandSyntaxError(ctx); return; }
            if (!TryEntriesRead(ctx, 6, out entriesRead)) return;
        }
        else if (ctx.ArgCount != 5) { HelpReply.SubcommandSyntaxError(ctx); return; }
        if (!TryGroup(ctx, out var key, out var s, out var g)) return;
        StreamId id;
        var idArg = ctx.Arg(4);
        if (idArg.Length == 1 && idArg[0] == '$') id = s.LastId;
        else if (!StreamArgs.TryArgId(ctx, 4, out id)) return;
        g!.LastId = id;
        g.EntriesRead = entriesRead;
        ctx.Reply.WriteOk();
        ctx.Dirty();
        ctx.Db.Notify(KeyspaceEventFlags.Stream, "xgroup-setid"u8, key);
    }

    [RedisCommand("xgroup|delconsumer", Arity = 5, Flags = CommandFlags.Write, FirstKey = 2, LastKey = 2, Step = 1,
        Acl = AclCategory.Write | AclCategory.Stream | AclCategory.Slow,
        KeySpecs = "RW,DELETE index:2 range:0,1,0",
        Group = "stream", Since = "5.0.0", Summary = "Delete a consumer from a consumer group.",
        Complexity = "O(1)")]
    public static void DelConsumer(CommandContext ctx)
    {
        if (!TryGroup(ctx, out var key, out _, out var g)) return;
        var c = g!.FindConsumer(ctx.Arg(4));
        if (c is null) { ctx.Reply.WriteInteger(0); return; }
        long pending = g.RemoveConsumer(c);
        ctx.Dirty();
        ctx.Db.Notify(KeyspaceEventFlags.Stream, "xgroup-delconsumer"u8, key);
        ctx.Reply.WriteInteger(pending);
    }

    [RedisCommand("xgroup|help", Arity = 2, Flags = CommandFlags.Loading | CommandFlags.Stale, FirstKey = 0, LastKey = 0, Step = 0,
        Acl = AclCategory.Stream | AclCategory.Slow,
        Group = "stream", Since = "5.0.0", Summary = "Show helpful text about the different subcommands",
        Complexity = "O(1)")]
    public static void Help(CommandContext ctx) => HelpReply.Write(ctx, "XGROUP",
        "CREATE <key> <groupname> <id|$> [option]",
        "    Create a new consumer group. Options are:",
        "    * MKSTREAM",
        "      Create the empty stream if it does not exist.",
        "    * ENTRIESREAD entries_read",
        "      Set the group's entries_read counter (internal use).",
        "CREATECONSUMER <key> <groupname> <consumer>",
        "    Create a new consumer in the specified group.",
        "DELCONSUMER <key> <groupname> <consumer>",
        "    Remove the specified consumer.",
        "DESTROY <key> <groupname>",
        "    Remove the specified group.",
        "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
        "    Set the current group ID and entries_read counter.");

    [RedisCommand("xgroup|destroy", Arity = 4, Flags = CommandFlags.Write, FirstKey = 2, LastKey = 2, Step = 1,
        Acl = AclCategory.Write | AclCategory.Stream | AclCategory.Slow,
        KeySpecs = "RW,DELETE index:2 range:0,1,0",
        Group = "stream", Since = "5.0.0", Summary = "Destroy a consumer group.",
        Complexity = "O(N) where N is the number of entries in the group's pending entries list (PEL).")]
    public static void Destroy(CommandContext ctx)
    {
        if (!TryStream(ctx, out var key, out var s)) return;
        if (!s.RemoveGroup(ctx.Arg(3))) { ctx.Reply.WriteInteger(0); return; }
        ctx.Reply.WriteInteger(1);
        ctx.Dirty();
        ctx.Db.Notify(KeyspaceEventFlags.Stream, "xgroup-destroy"u8, key);
        ctx.Db.SignalKeyAsReady(key); // XREADGROUP clients blocked on the group get -NOGROUP
    }

    [RedisCommand("xgroup|createconsumer", Arity = 5, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 2, LastKey = 2, Step = 1,
        Acl = AclCategory.Write | AclCategory.Stream | AclCategory.Slow,
        KeySpecs = "RW,INSERT index:2 range:0,1,0",
        Group = "stream", Since = "6.2.0", Summary = "Create a consumer in a consumer group.",
        Complexity = "O(1)")]
    public static void CreateConsumer(CommandContext ctx)
    {
        if (!TryGroup(ctx, out var key, out var s, out var g)) return;
        GroupDelivery.ConsumerFor(ctx, s, g!, key, ctx.Arg(4), out bool created);
        ctx.Reply.WriteInteger(created ? 1 : 0);
    }

    private const string KeyMustExist = "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.";

    private static bool TryEntriesRead(CommandContext ctx, int arg, out long value)
    {
        if (!ctx.TryArgLong(arg, out value)) return false;
        if (value >= 0 || value == ConsumerGroup.InvalidEntriesRead) return true;
        ctx.Error("ERR value for ENTRIESREAD must be positive or -1");
        return false;
    }

    private static bool TryStream(CommandContext ctx, out byte[] key, out StreamValue s)
    {
        key = ctx.ArgBytes(2);
        s = null!;
        if (!ctx.TryWrite<StreamValue>(key, out _, out var found)) return false;
        if (found is null) { ctx.Error(KeyMustExist); return false; }
        s = found;
        return true;
    }

    private static bool TryGroup(CommandContext ctx, out byte[] key, out StreamValue s, out ConsumerGroup? g)
    {
        g = null;
        if (!TryStream(ctx, out key, out s)) return false;
        g = s.FindGroup(ctx.Arg(3));
        if (g != null) return true;
        ctx.Error($"NOGROUP No such consumer group '{ctx.ArgLatin1(3)}' for key name '{ctx.ArgLatin1(2)}'");
        return false;
    }
}
