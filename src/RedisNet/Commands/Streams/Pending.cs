using RedisNet.Types.Stream;

namespace RedisNet.Commands.Streams;

/// <summary>XACK and XPENDING: the pending entries lists of consumer groups.</summary>
public static class Pending
{
    [RedisCommand("xack", Arity = -4, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Stream | AclCategory.Fast,
        KeySpecs = "RW,UPDATE index:1 range:0,1,0",
        Group = "stream", Since = "5.0.0", Summary = "Marks a pending message as correctly processed, effectively removing it from the pending entries list of the consumer group. Return value of the command is the number of messages successfully acknowledged, that is, the IDs we were actually able to resolve in the PEL.",
        Complexity = "O(1) for each message ID processed.")]
    public static void XAck(CommandContext ctx)
    {
        if (!ctx.TryRead<StreamValue>(ctx.Arg(1), out var s)) return;
        var g = s?.FindGroup(ctx.Arg(2));
        if (g is null) { ctx.Reply.WriteInteger(0); return; }
        var ids = StreamArgs.TryArgIds(ctx, 3);
        if (ids is null) return;
        long acked = 0;
        foreach (var id in ids)
        {
            var e = g.Pel.Find(id);
            if (e is null) continue;
            g.Pel.Remove(e);
            e.Consumer.Pel.Remove(e);
            acked++;
        }
        ctx.Dirty(acked);
        ctx.Reply.WriteInteger(acked);
    }

    /// <summary>The NOGROUP error of XPENDING, XCLAIM and XAUTOCLAIM.</summary>
    public static void NoGroup(CommandContext ctx) =>
        ctx.Error($"NOGROUP No such key '{ctx.ArgLatin1(1)}' or consumer group '{ctx.ArgLatin1(2)}'");

    [RedisCommand("xpending", Arity = -3, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Stream | AclCategory.Slow,
        KeySpecs = "RO,ACCESS index:1 range:0,1,0", Tips = "nondeterministic_output",
        Group = "stream", Since = "5.0.0", Summary = "Return information and entries from a stream consumer group pending entries list, that are messages fetched but never acknowledged.",
        Complexity = "O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an additional O(N) time for iterating every consumer.")]
    public static void XPending(CommandContext ctx)
    {
        int argc = ctx.ArgCount;
        if (argc != 3 && (argc < 6 || argc > 9)) { ctx.SyntaxError(); return; }
        long count = 0, minIdle = 0;
        StreamId start = default, end = default;
        int consumerArg = -1;
        if (argc >= 6)
        {
            int at = 3;
            if (ctx.ArgIs(3, "idle"u8))
            {
                if (!ctx.TryArgLong(4, out minIdle)) return;
                if (argc < 8) { ctx.SyntaxError(); return; }
                at += 2;
            }
            if (!ctx.TryArgLong(at + 2, out count)) return;
            if (count < 0) count = 0;
            if (!StreamArgs.TryArgInterval(ctx, at, out start, out bool startEx, 0)) return;
            if (startEx && !start.TryIncrement(out start)) { ctx.Error("ERR invalid start ID for the interval"); return; }
            if (!StreamArgs.TryArgInterval(ctx, at + 1, out end, out bool endEx, ulong.MaxValue)) return;
            if (endEx && !end.TryDecrement(out end)) { ctx.Error("ERR invalid end ID for the interval"); return; }
            if (at + 3 < argc) consumerArg = at + 3;
        }
        if (!ctx.TryRead<StreamValue>(ctx.Arg(1), out var s)) return;
        var g = s?.FindGroup(ctx.Arg(2));
        if (g is null) { NoGroup(ctx); return; }
        var w = ctx.Reply;
        if (argc == 3)
        {
            w.WriteArrayHeader(4);
            w.WriteInteger(g.Pel.Count);
            if (g.Pel.Count == 0)
            {
                w.WriteNull();
                w.WriteNull();
                w.WriteNullArray();
                return;
            }
            StreamReplies.WriteId(w, g.Pel.First!.Id);
            StreamReplies.WriteId(w, g.Pel.Last!.Id);
            int owners = 0;
            foreach (var c in g.Consumers) if (c.Pel.Count > 0) owners++;
            w.WriteArrayHeader(owners);
            foreach (var c in g.Consumers)
            {
                if (c.Pel.Count == 0) continue;
                w.WriteArrayHeader(2);
                w.WriteBulk(c.Name);
                w.WriteBulk(c.Pel.Count);
            }
            return;
        }
        PendingList pel = g.Pel;
        if (consumerArg >= 0)
        {
            var c = g.FindConsumer(ctx.Arg(consumerArg));
            if (c is null) { w.WriteArrayHeader(0); return; }
            pel = c.Pel;
        }
        long now = ctx.Server.Clock.CurrentMs;
        var rows = new List<PendingEntry>();
        foreach (var e in pel.Range(start, end))
        {
            if (rows.Count >= count) break;
            if (minIdle != 0 && now - e.DeliveryTime < minIdle) continue;
            rows.Add(e);
        }
        w.WriteArrayHeader(rows.Count);
        foreach (var e in rows)
        {
            w.WriteArrayHeader(4);
            StreamReplies.WriteId(w, e.Id);
            w.WriteBulk(e.Consumer.Name);
            w.WriteInteger(Math.Max(0, now - e.DeliveryTime));
            w.WriteInteger(e.DeliveryCount);
        }
    }
}
