using RedisNet.Commands.ServerCommands;
using RedisNet.Protocol;
using RedisNet.Types.Stream;

namespace RedisNet.Commands.Streams;

/// <summary>XINFO STREAM | GROUPS | CONSUMERS | HELP.</summary>
[RedisContainer("xinfo", Arity = -2, Acl = AclCategory.Slow, Group = "stream", Since = "5.0.0",
    Summary = "A container for stream introspection commands", Complexity = "Depends on subcommand.")]
public static class XInfo
{
    [RedisCommand("xinfo|stream", Arity = -3, Flags = CommandFlags.ReadOnly, FirstKey = 2, LastKey = 2, Step = 1,
        Acl = AclCategory.Read | AclCategory.Stream | AclCategory.Slow,
        KeySpecs = "RO,ACCESS index:2 range:0,1,0",
        Group = "stream", Since = "5.0.0", Summary = "Get information about a stream",
        Complexity = "O(1)")]
    public static void Stream(CommandContext ctx)
    {
        var s = Lookup(ctx);
        if (s is null) return;
        bool full = ctx.ArgCount > 3;
        long count = 10;
        int extra = ctx.ArgCount - 3;
        if (extra == 1 || extra == 3)
        {
            if (!ctx.ArgIs(3, "full"u8)) { HelpReply.SubcommandSyntaxError(ctx); return; }
            if (extra == 3)
            {
                if (!ctx.ArgIs(4, "count"u8)) { HelpReply.SubcommandSyntaxError(ctx); return; }
                if (!ctx.TryArgLong(5, out count)) return;
                if (count < 0) count = 10;
            }
        }
        else if (extra != 0) { HelpReply.SubcommandSyntaxError(ctx); return; }

        var w = ctx.Reply;
        w.WriteMapHeader(full ? 9 : 10);
        w.WriteBulk("length"u8); w.WriteInteger(s.Length);
        w.WriteBulk("radix-tree-keys"u8); w.WriteInteger(s.Nodes.Count);
        w.WriteBulk("radix-tree-nodes"u8); w.WriteInteger(StreamType.RaxNodes(s.Nodes.Select(n => n.Master)));
        w.WriteBulk("last-generated-id"u8); StreamReplies.WriteId(w, s.LastId);
        w.WriteBulk("max-deleted-entry-id"u8); StreamReplies.WriteId(w, s.MaxDeletedId);
        w.WriteBulk("entries-added"u8); w.WriteInteger(s.EntriesAdded);
        w.WriteBulk("recorded-first-entry-id"u8); StreamReplies.WriteId(w, s.FirstId);
        if (!full)
        {
            w.WriteBulk("groups"u8); w.WriteInteger(s.GroupCount);
            w.WriteBulk("first-entry"u8); WriteEdge(w, s, reverse: false);
            w.WriteBulk("last-entry"u8); WriteEdge(w, s, reverse: true);
            return;
        }
        w.WriteBulk("entries"u8);
        StreamReplies.WriteRange(w, s, StreamId.Zero, StreamId.Max, count, reverse: false);
        w.WriteBulk("groups"u8);
        w.WriteArrayHeader(s.GroupCount);
        if (s.Groups is null) return;
        foreach (var g in s.Groups)
        {
            w.WriteMapHeader(7);
            w.WriteBulk("name"u8); w.WriteBulk(g.Name);
            w.WriteBulk("last-delivered-id"u8); StreamReplies.WriteId(w, g.LastId);
            WriteCounters(w, s, g);
            w.WriteBulk("pel-count"u8); w.WriteInteger(g.Pel.Count);
            w.WriteBulk("pending"u8);
            var pel = Limit(g.Pel, count);
            w.WriteArrayHeader(pel.Count);
            foreach (var e in pel)
            {
                w.WriteArrayHeader(4);
                StreamReplies.WriteId(w, e.Id);
                w.WriteBulk(e.Consumer.Name);
                w.WriteInteger(e.DeliveryTime);
                w.WriteInteger(e.DeliveryCount);
            }
            w.WriteBulk("consumers"u8);
            w.WriteArrayHeader(g.Consumers.Count);
            foreach (var c in g.Consumers)
            {
                w.WriteMapHeader(4);
                w.WriteBulk("name"u8); w.WriteBulk(c.Name);
                w.WriteBulk("seen-time"u8); w.WriteInteger(c.SeenTime);
                w.WriteBulk("pel-count"u8); w.WriteInteger(c.Pel.Count);
                w.WriteBulk("pending"u8);
                var cpel = Limit(c.Pel, count);
                w.WriteArrayHeader(cpel.Count);
                foreach (var e in cpel)
                {
                    w.WriteArrayHeader(3);
                    StreamReplies.WriteId(w, e.Id);
                    w.WriteInteger(e.DeliveryTime);
                    w.WriteInteger(e.DeliveryCount);
                }
            }
        }
    }

    [RedisCommand("xinfo|groups", Arity = 3, Flags = CommandFlags.ReadOnly, FirstKey = 2, LastKey = 2, Step = 1,
        Acl = AclCategory.Read | AclCategory.Stream | AclCategory.Slow,
        KeySpecs = "RO,ACCESS index:2 range:0,1,0",
        Group = "stream", Since = "5.0.0", Summary = "List the consumer groups of a stream",
        Complexity = "O(1)")]
    public static void Groups(CommandContext ctx)
    {
        var s = Lookup(ctx);
        if (s is null) return;
        var w = ctx.Reply;
        w.WriteArrayHeader(s.GroupCount);
        if (s.Groups is null) return;
        foreach (var g in s.Groups)
        {
            w.WriteMapHeader(6);
            w.WriteBulk("name"u8); w.WriteBulk(g.Name);
            w.WriteBulk("consumers"u8); w.WriteInteger(g.Consumers.Count);
            w.WriteBulk("pending"u8); w.WriteInteger(g.Pel.Count);
            w.WriteBulk("last-delivered-id"u8); StreamReplies.WriteId(w, g.LastId);
            WriteCounters(w, s, g);
        }
    }

    [RedisCommand("xinfo|consumers", Arity = 4, Flags = CommandFlags.ReadOnly, FirstKey = 2, LastKey = 2, Step = 1,
        Acl = AclCategory.Read | AclCategory.Stream | AclCategory.Slow,
        KeySpecs = "RO,ACCESS index:2 range:0,1,0", Tips = "nondeterministic_output",
        Group = "stream", Since = "5.0.0", Summary = "List the consumers in a consumer group",
        Complexity = "O(1)")]
    public static void Consumers(CommandContext ctx)
    {
        var s = Lookup(ctx);
        if (s is null) return;
        var g = s.FindGroup(ctx.Arg(3));
        if (g is null) { ctx.Error($"NOGROUP No such consumer group '{ctx.ArgLatin1(3)}' for key name '{ctx.ArgLatin1(2)}'"); return; }
        var w = ctx.Reply;
        long now = ctx.Server.Clock.CurrentMs;
        w.WriteArrayHeader(g.Consumers.Count);
        foreach (var c in g.Consumers)
        {
            w.WriteMapHeader(3);
            w.WriteBulk("name"u8); w.WriteBulk(c.Name);
            w.WriteBulk("pending"u8); w.WriteInteger(c.Pel.Count);
            w.WriteBulk("idle"u8); w.WriteInteger(Math.Max(0, now - c.SeenTime));
        }
    }

    [RedisCommand("xinfo|help", Arity = 2, Flags = CommandFlags.Loading | CommandFlags.Stale, FirstKey = 0, LastKey = 0, Step = 0,
        Acl = AclCategory.Stream | AclCategory.Slow,
        Group = "stream", Since = "5.0.0", Summary = "Show helpful text about the different subcommands",
        Complexity = "O(1)")]
    public static void Help(CommandContext ctx) => HelpReply.Write(ctx, "XINFO",
        "CONSUMERS <key> <groupname>",
        "    Show consumers of <groupname>.",
        "GROUPS <key>",
        "    Show the stream consumer groups.",
        "STREAM <key> [FULL [COUNT <count>]",
        "    Show information about the stream.");

    private static StreamValue? Lookup(CommandContext ctx)
    {
        if (!ctx.TryRead<StreamValue>(ctx.Arg(2), out var s)) return null;
        if (s is null) ctx.Error(Errors.NoSuchKey);
        return s;
    }

    /// <summary>"entries-read" and "lag", each nil when unknown.</summary>
    private static void WriteCounters(RespWriter w, StreamValue s, ConsumerGroup g)
    {
        w.WriteBulk("entries-read"u8);
        if (g.EntriesRead != ConsumerGroup.InvalidEntriesRead) w.WriteInteger(g.EntriesRead); else w.WriteNull();
        w.WriteBulk("lag"u8);
        if (s.Lag(g) is { } lag) w.WriteInteger(lag); else w.WriteNull();
    }

    private static void WriteEdge(RespWriter w, StreamValue s, bool reverse)
    {
        var c = new StreamCursor(s, StreamId.Zero, StreamId.Max, reverse);
        if (c.Next(out var id, out var node, out int i)) StreamReplies.WriteEntry(w, id, node, i);
        else w.WriteNull();
    }

    private static List<PendingEntry> Limit(PendingList pel, long count) =>
        count == 0 ? pel.All.ToList() : pel.All.Take((int)Math.Min(count, int.MaxValue)).ToList();
}
