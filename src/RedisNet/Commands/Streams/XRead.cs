using RedisNet.Server;
using RedisNet.Types.Stream;

namespace RedisNet.Commands.Streams;

/// <summary>
/// A parsed XREAD/XREADGROUP: the keys and the IDs to read after ("$" already resolved, ">" kept as
/// Max), so a client blocked on the keys can be served later with <see cref="XRead.TryServe"/>.
/// </summary>
public sealed class XReadRequest
{
    public byte[][] Keys = [];
    public StreamId[] Ids = [];
    public byte[]? Group, Consumer;
    public long Count;
    public bool NoAck;
    /// <summary>BLOCK's timeout in ms (0: forever), -1 without BLOCK.</summary>
    public long Timeout = -1;
}

/// <summary>XREAD and XREADGROUP (Redis's xreadCommand).</summary>
public static class XRead
{
    [RedisCommand("xread", Arity = -4, Flags = CommandFlags.ReadOnly | CommandFlags.Blocking | CommandFlags.MovableKeys, FirstKey = 0, LastKey = 0, Step = 0,
        Acl = AclCategory.Read | AclCategory.Stream | AclCategory.Slow | AclCategory.Blocking,
        KeySpecs = "RO,ACCESS keyword:STREAMS,1 range:-1,1,2",
        Group = "stream", Since = "5.0.0", Summary = "Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for each stream. Can block.",
        Complexity = "For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data.")]
    public static void XReadCommand(CommandContext ctx) => Run(ctx, group: false);

    [RedisCommand("xreadgroup", Arity = -7, Flags = CommandFlags.Write | CommandFlags.Blocking | CommandFlags.MovableKeys, FirstKey = 0, LastKey = 0, Step = 0,
        Acl = AclCategory.Write | AclCategory.Stream | AclCategory.Slow | AclCategory.Blocking,
        KeySpecs = "RO,ACCESS keyword:STREAMS,4 range:-1,1,2",
        Group = "stream", Since = "5.0.0", Summary = "Return new entries from a stream using a consumer group, or access the history of the pending entries for a given consumer. Can block.",
        Complexity = "For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data.")]
    public static void XReadGroup(CommandContext ctx) => Run(ctx, group: true);

    private static void Run(CommandContext ctx, bool group)
    {
        if (ctx.Client.BlockState is { Serving: true, Request: XReadRequest waiting }) ServeBlocked(ctx, waiting);
        else if (Parse(ctx, group) is { } r && !TryServe(ctx, r))
        {
            if (r.Timeout == -1) ctx.Reply.WriteNullArray();
            else
            {
                // Inside MULTI or a script Block answers the timeout's null array at once.
                ctx.Server.Blocking.Block(ctx, r.Keys, r.Timeout, NullArray);
                if (ctx.Client.BlockState is { } st && st.IsBlocked)
                {
                    st.Request = r; // the IDs as resolved now ("$" is the last ID at block time)
                    if (group) ctx.Server.Blocking.UnblockOnNoKey(ctx);
                }
            }
        }
        // What XREADGROUP changes reaches replicas as XCLAIM / XGROUP commands, never as itself.
        if (ctx.PropagateOverride is null) ctx.PreventPropagation = true;
    }

    private static readonly Action<CommandContext> NullArray = static c => c.Reply.WriteNullArray();

    /// <summary>
    /// A blocked XREAD/XREADGROUP whose key became ready (Redis's serveClientsBlockedOnStreamKey):
    /// replies with that one key's new entries, keeps waiting when there are none, and fails an
    /// XREADGROUP whose stream or group is gone.
    /// </summary>
    private static void ServeBlocked(CommandContext ctx, XReadRequest r)
    {
        var key = ctx.Client.BlockState!.ReadyKey!;
        int k = 0;
        while (!r.Keys[k].AsSpan().SequenceEqual(key)) k++;
        var s = ctx.Db.Peek(key)?.BoxedValue as StreamValue;
        if (s is null)
        {
            if (r.Group != null) ctx.Error("UNBLOCKED the stream key no longer exists");
            else ctx.Server.Blocking.Block(ctx, r.Keys, r.Timeout, NullArray); // keep waiting
            return;
        }
        var gt = r.Ids[k];
        if (r.Group != null)
        {
            if (s.FindGroup(r.Group) is not { } g) { ctx.Error("NOGROUP the consumer group this client was blocked on no longer exists"); return; }
            gt = g.LastId;
        }
        // Unlike the first try, Redis compares with the last ID ever added, deleted entries included.
        if (s.LastId <= gt) { ctx.Server.Blocking.Block(ctx, r.Keys, r.Timeout, NullArray); return; }
        var w = ctx.Reply;
        if (w.Resp3) w.WriteMapHeader(1); else w.WriteArrayHeader(1);
        WriteKeyResult(ctx, r, k, s, gt);
    }

    /// <summary>Parses the options, checks keys and groups and resolves "$"; null after replying an error.</summary>
    public static XReadRequest? Parse(CommandContext ctx, bool group)
    {
        var r = new XReadRequest();
        int streamsArg = 0, streamCount = 0;
        for (int i = 1; i < ctx.ArgCount; i++)
        {
            int more = ctx.ArgCount - i - 1;
            if (ctx.ArgIs(i, "block"u8) && more > 0)
            {
                i++;
                if (!ctx.TryArgLong(i, out long t, "ERR timeout is not an integer or out of range")) return null;
                if (t < 0) { ctx.Error("ERR timeout is negative"); return null; }
                r.Timeout = t;
            }
            else if (ctx.ArgIs(i, "count"u8) && more > 0)
            {
                if (!ctx.TryArgLong(++i, out r.Count)) return null;
                if (r.Count < 0) r.Count = 0;
            }
            else if (ctx.ArgIs(i, "streams"u8) && more > 0)
            {
                streamsArg = i + 1;
                streamCount = ctx.ArgCount - streamsArg;
                if (streamCount % 2 != 0)
                {
                    ctx.Error("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
                    return null;
                }
                streamCount /= 2;
                break;
            }
            else if (ctx.ArgIs(i, "group"u8) && more >= 2)
            {
                if (!group) { ctx.Error("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead."); return null; }
                r.Group = ctx.ArgBytes(i + 1);
                r.Consumer = ctx.ArgBytes(i + 2);
                i += 2;
            }
            else if (ctx.ArgIs(i, "noack"u8))
            {
                if (!group) { ctx.Error("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead."); return null; }
                r.NoAck = true;
            }
            else { ctx.SyntaxError(); return null; }
        }
        if (streamsArg == 0) { ctx.SyntaxError(); return null; }
        if (group && r.Group is null) { ctx.Error("ERR Missing GROUP option for XREADGROUP"); return null; }

        r.Keys = new byte[streamCount][];
        r.Ids = new StreamId[streamCount];
        for (int k = 0; k < streamCount; k++)
        {
            int idArg = streamsArg + streamCount + k;
            r.Keys[k] = ctx.ArgBytes(streamsArg + k);
            if (!ctx.TryRead<StreamValue>(r.Keys[k], out var s)) return null;
            if (r.Group != null && s?.FindGroup(r.Group) is null)
            {
                ctx.Error($"NOGROUP No such key '{Latin1(r.Keys[k])}' or consumer group '{Latin1(r.Group)}' in XREADGROUP with GROUP option");
                return null;
            }
            var arg = ctx.Arg(idArg);
            if (arg.Length == 1 && arg[0] == '$')
            {
                if (group)
                {
                    ctx.Error("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.");
                    return null;
                }
                r.Ids[k] = s?.LastId ?? StreamId.Zero;
            }
            else if (arg.Length == 1 && arg[0] == '>')
            {
                if (!group) { ctx.Error("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option."); return null; }
                r.Ids[k] = StreamId.Max;
            }
            else if (!StreamArgs.TryArgId(ctx, idArg, out r.Ids[k], 0, strict: true)) return null;
        }
        return r;
    }

    private static string Latin1(byte[] b) => System.Text.Encoding.Latin1.GetString(b);

    /// <summary>
    /// Replies with what can be read now and returns true; writes nothing and returns false when no
    /// stream has anything for this request (the caller blocks or replies null).
    /// </summary>
    public static bool TryServe(CommandContext ctx, XReadRequest r)
    {
        int n = r.Keys.Length;
        var serve = new StreamValue?[n];
        var after = new StreamId[n];
        int served = 0;
        for (int k = 0; k < n; k++)
        {
            var s = ctx.Db.LookupRead(r.Keys[k])?.BoxedValue as StreamValue;
            if (s is null) continue;
            var gt = r.Ids[k];
            bool ok = false;
            if (r.Group != null)
            {
                var g = s.FindGroup(r.Group);
                if (g is null) continue;
                if (gt != StreamId.Max) ok = true; // history: always served
                else if (s.Length > 0 && s.EdgeId(first: false, skipTombstones: true) > g.LastId) { ok = true; gt = g.LastId; }
            }
            else ok = s.Length > 0 && s.EdgeId(first: false, skipTombstones: true) > gt;
            if (!ok) continue;
            serve[k] = s;
            after[k] = gt;
            served++;
        }
        if (served == 0) return false;

        var w = ctx.Reply;
        if (w.Resp3) w.WriteMapHeader(served); else w.WriteArrayHeader(served);
        for (int k = 0; k < n; k++)
        {
            var s = serve[k];
            if (s is null) continue;
            WriteKeyResult(ctx, r, k, s, after[k]);
        }
        return true;
    }

    /// <summary>One stream's part of the reply: its key and the entries after <paramref name="after"/> (for a group: delivered to the consumer).</summary>
    private static void WriteKeyResult(CommandContext ctx, XReadRequest r, int k, StreamValue s, StreamId after)
    {
        var w = ctx.Reply;
        if (!w.Resp3) w.WriteArrayHeader(2);
        w.WriteBulk(r.Keys[k]);
        after.TryIncrement(out var start);
        if (r.Group is null) { StreamReplies.WriteRange(w, s, start, StreamId.Max, r.Count, reverse: false); return; }
        var g = s.FindGroup(r.Group)!;
        var consumer = GroupDelivery.ConsumerFor(ctx, s, g, r.Keys[k], r.Consumer!, out bool created);
        if (created && r.NoAck) ctx.Propagate("XGROUP"u8.ToArray(), "CREATECONSUMER"u8.ToArray(), r.Keys[k], r.Group, r.Consumer!);
        consumer.SeenTime = ctx.Server.Clock.CurrentMs;
        if (r.Ids[k] != StreamId.Max) GroupDelivery.WriteHistory(ctx, s, consumer, start, r.Count);
        else GroupDelivery.DeliverNew(ctx, s, g, consumer, r.Keys[k], start, r.Count, r.NoAck);
        ctx.Dirty();
    }
}
