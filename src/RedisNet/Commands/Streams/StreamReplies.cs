using RedisNet.Protocol;
using RedisNet.Types.Stream;

namespace RedisNet.Commands.Streams;

/// <summary>Reply shapes shared by the stream commands.</summary>
public static class StreamReplies
{
    public static void WriteId(RespWriter w, StreamId id)
    {
        Span<byte> buf = stackalloc byte[41];
        w.WriteBulk(buf[..id.Format(buf)]);
    }

    /// <summary>One entry: [id, [field, value, ...]].</summary>
    public static void WriteEntry(RespWriter w, StreamId id, StreamNode node, int index)
    {
        w.WriteArrayHeader(2);
        WriteId(w, id);
        var f = node.Fields(index);
        w.WriteArrayHeader(f.Count * 2);
        while (f.Next())
        {
            w.WriteBulk(f.Field);
            w.WriteBulk(f.Value);
        }
    }

    /// <summary>Live entries with IDs in [start, end] (reversed: from end down), at most <paramref name="count"/> (0: all), as an array.</summary>
    public static long WriteRange(RespWriter w, StreamValue s, StreamId start, StreamId end, long count, bool reverse)
    {
        long n = 0;
        var c = new StreamCursor(s, start, end, reverse);
        while ((count == 0 || n < count) && c.Next(out _, out _, out _)) n++;
        w.WriteArrayHeader(n);
        c = new StreamCursor(s, start, end, reverse);
        for (long i = 0; i < n && c.Next(out var id, out var node, out int idx); i++) WriteEntry(w, id, node, idx);
        return n;
    }
}

/// <summary>XADD's field/value arguments as an <see cref="IFieldSource"/>, read in place.</summary>
public readonly struct ArgFields(CommandContext ctx, int first) : IFieldSource
{
    public int PairCount => (ctx.ArgCount - first) / 2;
    public ReadOnlySpan<byte> Field(int i) => ctx.Arg(first + 2 * i);
    public ReadOnlySpan<byte> Value(int i) => ctx.Arg(first + 2 * i + 1);
}
