using RedisNet.Types.Stream;

namespace RedisNet.Commands.Streams;

/// <summary>XCLAIM and XAUTOCLAIM: moving pending entries to another consumer.</summary>
public static class Claim
{
    [RedisCommand("xclaim", Arity = -6, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Stream | AclCategory.Fast,
        KeySpecs = "RW,UPDATE index:1 range:0,1,0", Tips = "nondeterministic_output",
        Group = "stream", Since = "5.0.0", Summary = "Changes (or acquires) ownership of a message in a consumer group, as if the message was delivered to the specified consumer.",
        Complexity = "O(log N) with N being the number of messages in the PEL of the consumer group.")]
    public static void XClaim(CommandContext ctx)
    {
        if (!ctx.TryRead<StreamValue>(ctx.Arg(1), out var s)) return;
        var g = s?.FindGroup(ctx.Arg(2));
        if (g is null) { Pending.NoGroup(ctx); return; }
        if (!ctx.TryArgLong(4, out long minIdle, "ERR Invalid min-idle-time argument for XCLAIM")) return;
        if (minIdle < 0) minIdle = 0;
        int j = 5;
        while (j < ctx.ArgCount && StreamArgs.TryParse(ctx.Arg(j), out _, 0, strict: true, allowAutoSeq: false, out _)) j++;
        int lastIdArg = j - 1;

        long now = ctx.Server.Clock.CurrentMs, retryCount = -1, deliveryTime = -1;
        bool force = false, justId = false, propagateLastId = false;
        var lastId = StreamId.Zero;
        for (; j < ctx.ArgCount; j++)
        {
            bool more = j + 1 < ctx.ArgCount;
            if (ctx.ArgIs(j, "force"u8)) force = true;
            else if (ctx.ArgIs(j, "justid"u8)) justId = true;
            else if (more && ctx.ArgIs(j, "idle"u8))
            {
                if (!ctx.TryArgLong(++j, out deliveryTime, "ERR Invalid IDLE option argument for XCLAIM")) return;
                deliveryTime = now - deliveryTime;
            }
            else if (more && ctx.ArgIs(j, "time"u8))
            {
                if (!ctx.TryArgLong(++j, out deliveryTime, "ERR Invalid TIME option argument for XCLAIM")) return;
            }
            else if (more && ctx.ArgIs(j, "retrycount"u8))
            {
                if (!ctx.TryArgLong(++j, out retryCount, "ERR Invalid RETRYCOUNT option argument for XCLAIM")) return;
            }
            else if (more && ctx.ArgIs(j, "lastid"u8))
            {
                if (!StreamArgs.TryArgId(ctx, ++j, out lastId, 0, strict: true)) return;
            }
            else { ctx.Error($"ERR Unrecognized XCLAIM option '{ctx.ArgLatin1(j)}'"); return; }
        }
        if (lastId > g.LastId)
        {
            g.LastId = lastId;
            propagateLastId = true;
        }
        if (deliveryTime == -1 || deliveryTime < 0 || deliveryTime > now) deliveryTime = now;

        var key = ctx.ArgBytes(1);
        var w = ctx.Reply;
        var claimed = new List<(StreamId Id, PendingEntry Nack)>();
        Consumer? consumer = null;
        for (int k = 5; k <= lastIdArg; k++)
        {
            StreamArgs.TryParse(ctx.Arg(k), out var id, 0, strict: true, allowAutoSeq: false, out _);
            var nack = g.Pel.Find(id);
            if (!GroupDelivery.Exists(s!, id))
            {
                if (nack is null) continue;
                PropagateClaimAs(ctx, key, g, ctx.ArgBytes(k), nack); // the replica drops it too
                propagateLastId = false;
                ctx.Dirty();
                g.Pel.Remove(nack);
                nack.Consumer.Pel.Remove(nack);
                continue;
            }
            bool created = false;
            if (force && nack is null)
            {
                nack = new PendingEntry(id, null!, now, 1);
                g.Pel.Add(nack);
                created = true;
            }
            if (nack is null) continue;
            if (!created && minIdle != 0 && now - nack.DeliveryTime < minIdle) continue;
            consumer ??= Lookup(ctx, s!, g, key);
            nack.DeliveryTime = deliveryTime;
            if (retryCount >= 0) nack.DeliveryCount = retryCount;
            else if (!justId) nack.DeliveryCount++;
            Move(nack, consumer);
            claimed.Add((id, nack));
            PropagateClaimAs(ctx, key, g, ctx.ArgBytes(k), nack);
            propagateLastId = false;
            ctx.Dirty();
        }
        if (propagateLastId)
        {
            GroupDelivery.PropagateSetId(ctx, key, g);
            ctx.Dirty();
        }
        w.WriteArrayHeader(claimed.Count);
        foreach (var (id, _) in claimed)
        {
            if (justId) StreamReplies.WriteId(w, id);
            else GroupDelivery.WriteEntryIfPresent(w, s!, id);
        }
        if (ctx.PropagateOverride is null) ctx.PreventPropagation = true;
    }

    [RedisCommand("xautoclaim", Arity = -6, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Stream | AclCategory.Fast,
        KeySpecs = "RW,DELETE index:1 range:0,1,0", Tips = "nondeterministic_output",
        Group = "stream", Since = "6.2.0", Summary = "Changes (or acquires) ownership of messages in a consumer group, as if the messages were delivered to the specified consumer.",
        Complexity = "O(1) if COUNT is small.")]
    public static void XAutoClaim(CommandContext ctx)
    {
        if (!ctx.TryArgLong(4, out long minIdle, "ERR Invalid min-idle-time argument for XAUTOCLAIM")) return;
        if (minIdle < 0) minIdle = 0;
        if (!StreamArgs.TryArgInterval(ctx, 5, out var start, out bool startEx, 0)) return;
        if (startEx && !start.TryIncrement(out start)) { ctx.Error("ERR invalid start ID for the interval"); return; }
        long count = 100;
        bool justId = false;
        for (int j = 6; j < ctx.ArgCount; j++)
        {
            if (ctx.ArgIs(j, "count"u8) && j + 1 < ctx.ArgCount)
            {
                if (!Protocol.NumberFormat.TryParseInt64(ctx.Arg(++j), out count) || count < 1 || count > long.MaxValue / 16)
                {
                    ctx.Error("ERR COUNT must be > 0");
                    return;
                }
            }
            else if (ctx.ArgIs(j, "justid"u8)) justId = true;
            else { ctx.SyntaxError(); return; }
        }
        if (!ctx.TryRead<StreamValue>(ctx.Arg(1), out var s)) return;
        var g = s?.FindGroup(ctx.Arg(2));
        if (g is null) { Pending.NoGroup(ctx); return; }

        long attempts = count * 10, now = ctx.Server.Clock.CurrentMs;
        var key = ctx.ArgBytes(1);
        // Every entry the loop can visit, plus one for the cursor: entries are removed while we go.
        var candidates = g.Pel.Range(start, StreamId.Max).Take((int)Math.Min(attempts + 1, int.MaxValue)).ToList();
        var claimed = new List<StreamId>();
        var deleted = new List<StreamId>();
        Consumer? consumer = null;
        int pos = 0;
        while (attempts-- > 0 && count > 0 && pos < candidates.Count)
        {
            var nack = candidates[pos++];
            if (!GroupDelivery.Exists(s!, nack.Id))
            {
                GroupDelivery.PropagateClaim(ctx, key, g, nack.Id, nack);
                ctx.Dirty();
                g.Pel.Remove(nack);
                nack.Consumer.Pel.Remove(nack);
                deleted.Add(nack.Id);
                count--;
                continue;
            }
            if (minIdle != 0 && now - nack.DeliveryTime < minIdle) continue;
            consumer ??= Lookup(ctx, s!, g, key);
            nack.DeliveryTime = now;
            if (!justId) nack.DeliveryCount++;
            Move(nack, consumer);
            claimed.Add(nack.Id);
            count--;
            GroupDelivery.PropagateClaim(ctx, key, g, nack.Id, nack);
            ctx.Dirty();
        }
        var w = ctx.Reply;
        w.WriteArrayHeader(3);
        StreamReplies.WriteId(w, pos < candidates.Count ? candidates[pos].Id : StreamId.Zero);
        w.WriteArrayHeader(claimed.Count);
        foreach (var id in claimed)
        {
            if (justId) StreamReplies.WriteId(w, id);
            else GroupDelivery.WriteEntryIfPresent(w, s!, id);
        }
        w.WriteArrayHeader(deleted.Count);
        foreach (var id in deleted) StreamReplies.WriteId(w, id);
        if (ctx.PropagateOverride is null) ctx.PreventPropagation = true;
    }

    /// <summary>The claiming consumer, found (its seen-time refreshed) or created.</summary>
    private static Consumer Lookup(CommandContext ctx, StreamValue s, ConsumerGroup g, byte[] key)
    {
        var c = GroupDelivery.ConsumerFor(ctx, s, g, key, ctx.Arg(3), out bool created);
        if (!created) c.SeenTime = ctx.Server.Clock.CurrentMs;
        return c;
    }

    private static void Move(PendingEntry nack, Consumer to)
    {
        if (nack.Consumer == to) return;
        nack.Consumer?.Pel.Remove(nack);
        nack.Consumer = to;
        to.Pel.Add(nack);
    }

    /// <summary>XCLAIM's propagation keeps the ID argument as the client wrote it.</summary>
    private static void PropagateClaimAs(CommandContext ctx, byte[] key, ConsumerGroup g, byte[] idArg, PendingEntry nack) =>
        ctx.Propagate("XCLAIM"u8.ToArray(), key, ctx.ArgBytes(2), nack.Consumer.Name, "0"u8.ToArray(), idArg,
            "TIME"u8.ToArray(), GroupDelivery.Num(nack.DeliveryTime), "RETRYCOUNT"u8.ToArray(), GroupDelivery.Num(nack.DeliveryCount),
            "FORCE"u8.ToArray(), "JUSTID"u8.ToArray(), "LASTID"u8.ToArray(), g.LastId.ToBytes());
}
