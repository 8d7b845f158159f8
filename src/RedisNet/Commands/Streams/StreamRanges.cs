using RedisNet.Types.Stream;

namespace RedisNet.Commands.Streams;

/// <summary>XRANGE and XREVRANGE.</summary>
public static class StreamRanges
{
    [RedisCommand("xrange", Arity = -4, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Stream | AclCategory.Slow,
        KeySpecs = "RO,ACCESS index:1 range:0,1,0",
        Group = "stream", Since = "5.0.0", Summary = "Return a range of elements in a stream, with IDs matching the specified IDs interval",
        Complexity = "O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).")]
    public static void XRange(CommandContext ctx) => Range(ctx, reverse: false);

    [RedisCommand("xrevrange", Arity = -4, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Stream | AclCategory.Slow,
        KeySpecs = "RO,ACCESS index:1 range:0,1,0",
        Group = "stream", Since = "5.0.0", Summary = "Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse order (from greater to smaller IDs) compared to XRANGE",
        Complexity = "O(N) with N being the number of elements returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).")]
    public static void XRevRange(CommandContext ctx) => Range(ctx, reverse: true);

    private static void Range(CommandContext ctx, bool reverse)
    {
        int startArg = reverse ? 3 : 2, endArg = reverse ? 2 : 3;
        if (!StreamArgs.TryArgInterval(ctx, startArg, out var start, out bool startEx, 0)) return;
        if (startEx && !start.TryIncrement(out start)) { ctx.Error("ERR invalid start ID for the interval"); return; }
        if (!StreamArgs.TryArgInterval(ctx, endArg, out var end, out bool endEx, ulong.MaxValue)) return;
        if (endEx && !end.TryDecrement(out end)) { ctx.Error("ERR invalid end ID for the interval"); return; }
        long count = -1;
        for (int j = 4; j < ctx.ArgCount; j++)
        {
            if (ctx.ArgIs(j, "count"u8) && j + 1 < ctx.ArgCount)
            {
                if (!ctx.TryArgLong(++j, out count)) return;
                if (count < 0) count = 0;
            }
            else { ctx.SyntaxError(); return; }
        }
        if (!ctx.TryRead<StreamValue>(ctx.Arg(1), out var s)) return;
        if (s is null) { ctx.Reply.WriteArrayHeader(0); return; }
        if (count == 0) { ctx.Reply.WriteNullArray(); return; }
        StreamReplies.WriteRange(ctx.Reply, s, start, end, count == -1 ? 0 : count, reverse);
    }
}
