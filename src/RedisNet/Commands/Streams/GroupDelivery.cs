using System.Text;
using RedisNet.Config;
using RedisNet.Types.Stream;

namespace RedisNet.Commands.Streams;

/// <summary>
/// Delivering entries to a consumer (XREADGROUP, XCLAIM, XAUTOCLAIM): group and consumer PEL
/// updates, and their propagation as XCLAIM / XGROUP SETID / XGROUP CREATECONSUMER as Redis does.
/// </summary>
public static class GroupDelivery
{
    /// <summary>Finds or creates (notifying "xgroup-createconsumer") a consumer.</summary>
    public static Consumer ConsumerFor(CommandContext ctx, StreamValue s, ConsumerGroup g, ReadOnlySpan<byte> key, ReadOnlySpan<byte> name, out bool created)
    {
        var c = g.FindConsumer(name);
        created = c is null;
        if (c != null) return c;
        c = g.AddConsumer(name, ctx.Server.Clock.CurrentMs)!;
        ctx.Dirty();
        ctx.Db.Notify(KeyspaceEventFlags.Stream, "xgroup-createconsumer"u8, key);
        return c;
    }

    /// <summary>
    /// XREADGROUP "&gt;": entries after the group's last ID, at most <paramref name="count"/> (0: all);
    /// advances the group and (unless NOACK) adds them to the PELs, propagated as XCLAIMs.
    /// </summary>
    public static void DeliverNew(CommandContext ctx, StreamValue s, ConsumerGroup g, Consumer consumer, byte[] key, StreamId start, long count, bool noAck)
    {
        var w = ctx.Reply;
        long n = 0;
        var c = new StreamCursor(s, start, StreamId.Max, reverse: false);
        while ((count == 0 || n < count) && c.Next(out _, out _, out _)) n++;
        w.WriteArrayHeader(n);
        c = new StreamCursor(s, start, StreamId.Max, reverse: false);
        bool propagateLastId = false;
        long now = ctx.Server.Clock.CurrentMs;
        for (long i = 0; i < n && c.Next(out var id, out var node, out int idx); i++)
        {
            if (id > g.LastId)
            {
                if (g.EntriesRead != ConsumerGroup.InvalidEntriesRead && !s.RangeHasTombstones(id, StreamId.Max)) g.EntriesRead++;
                else if (s.EntriesAdded != 0) g.EntriesRead = s.EstimateDistanceFromFirstEverEntry(id);
                g.LastId = id;
                if (noAck) propagateLastId = true;
            }
            StreamReplies.WriteEntry(w, id, node, idx);
            if (noAck) continue;
            var nack = g.Pel.Find(id);
            if (nack is null)
            {
                nack = new PendingEntry(id, consumer, now, 1);
                g.Pel.Add(nack);
                consumer.Pel.Add(nack);
            }
            else
            {
                // XGROUP SETID moved the group back: the entry changes hands.
                nack.Consumer.Pel.Remove(nack);
                nack.Consumer = consumer;
                nack.DeliveryTime = now;
                nack.DeliveryCount = 1;
                consumer.Pel.Add(nack);
            }
            PropagateClaim(ctx, key, g, id, nack);
        }
        if (propagateLastId) PropagateSetId(ctx, key, g);
    }

    /// <summary>XREADGROUP with an ID: the consumer's own pending entries from <paramref name="start"/>; deleted ones come as [id, nil].</summary>
    public static void WriteHistory(CommandContext ctx, StreamValue s, Consumer consumer, StreamId start, long count)
    {
        var w = ctx.Reply;
        var pending = new List<PendingEntry>();
        foreach (var e in consumer.Pel.Range(start, StreamId.Max))
        {
            if (count != 0 && pending.Count >= count) break;
            pending.Add(e);
        }
        w.WriteArrayHeader(pending.Count);
        long now = ctx.Server.Clock.CurrentMs;
        foreach (var e in pending)
        {
            if (WriteEntryIfPresent(w, s, e.Id))
            {
                e.DeliveryTime = now;
                e.DeliveryCount++;
            }
            else
            {
                w.WriteArrayHeader(2);
                StreamReplies.WriteId(w, e.Id);
                w.WriteNullArray();
            }
        }
    }

    /// <summary>Writes the live entry with this ID; false when there is none.</summary>
    public static bool WriteEntryIfPresent(Protocol.RespWriter w, StreamValue s, StreamId id)
    {
        var c = new StreamCursor(s, id, id, reverse: false);
        if (!c.Next(out _, out var node, out int idx)) return false;
        StreamReplies.WriteEntry(w, id, node, idx);
        return true;
    }

    public static bool Exists(StreamValue s, StreamId id) => new StreamCursor(s, id, id, reverse: false).Next(out _, out _, out _);

    /// <summary>XCLAIM key group consumer 0 id TIME t RETRYCOUNT n FORCE JUSTID LASTID last (streamPropagateXCLAIM).</summary>
    public static void PropagateClaim(CommandContext ctx, byte[] key, ConsumerGroup g, StreamId id, PendingEntry nack) =>
        ctx.Propagate("XCLAIM"u8.ToArray(), key, g.Name, nack.Consumer.Name, "0"u8.ToArray(), id.ToBytes(),
            "TIME"u8.ToArray(), Num(nack.DeliveryTime), "RETRYCOUNT"u8.ToArray(), Num(nack.DeliveryCount),
            "FORCE"u8.ToArray(), "JUSTID"u8.ToArray(), "LASTID"u8.ToArray(), g.LastId.ToBytes());

    /// <summary>XGROUP SETID key group last ENTRIESREAD n (streamPropagateGroupID).</summary>
    public static void PropagateSetId(CommandContext ctx, byte[] key, ConsumerGroup g) =>
        ctx.Propagate("XGROUP"u8.ToArray(), "SETID"u8.ToArray(), key, g.Name, g.LastId.ToBytes(), "ENTRIESREAD"u8.ToArray(), Num(g.EntriesRead));

    public static byte[] Num(long n) => Encoding.ASCII.GetBytes(n.ToString());
}
