using RedisNet.Config;
using RedisNet.Keyspace;
using RedisNet.Types.SortedSet;

namespace RedisNet.Commands.SortedSets;

/// <summary>What the sorted-set commands share: replies of member/score lists, store results, key removal.</summary>
public static class ZStore
{
    /// <summary>Members (and scores): flat in RESP2, [member, score] pairs in RESP3 when with scores.</summary>
    public static void WriteEntries(CommandContext ctx, List<byte[]> entries, bool withScores)
    {
        var r = ctx.Reply;
        bool nested = withScores && r.Resp3;
        r.WriteArrayHeader(withScores && !nested ? entries.Count * 2L : entries.Count);
        foreach (var e in entries)
        {
            if (nested) r.WriteArrayHeader(2);
            r.WriteBulk(ZEntry.Member(e));
            if (withScores) r.WriteDouble(ZEntry.Score(e));
        }
    }

    public static SortedSetValue NewSet() => new();

    /// <summary>
    /// A store command's ending (ZRANGESTORE, ZUNIONSTORE...): a non-empty result replaces the
    /// destination (TTL dropped) in the encoding Redis would pick; an empty one deletes it.
    /// Replies the result's size.
    /// </summary>
    public static void StoreResult(CommandContext ctx, ReadOnlySpan<byte> dst, SortedSetValue result, ReadOnlySpan<byte> evt)
    {
        if (result.Count > 0)
        {
            var cfg = ctx.Server.Config;
            result.ChooseStoredEncoding(cfg.ZsetMaxListpackEntries, cfg.ZsetMaxListpackValue);
            ctx.Db.Set(dst, result);
            ctx.Reply.WriteInteger(result.Count);
            ctx.Db.Notify(KeyspaceEventFlags.Zset, evt, dst);
            ctx.Dirty();
            return;
        }
        ctx.Reply.WriteInteger(0);
        if (ctx.Db.Delete(dst))
        {
            ctx.Db.Notify(KeyspaceEventFlags.Generic, "del"u8, dst);
            ctx.Dirty();
        }
    }

    /// <summary>After elements were removed: event, and the key deleted (with "del") once empty.</summary>
    public static void AfterRemoval(CommandContext ctx, ReadOnlySpan<byte> key, SortedSetValue z, ReadOnlySpan<byte> evt, long removed)
    {
        if (removed == 0) return;
        ctx.Db.Notify(KeyspaceEventFlags.Zset, evt, key);
        if (z.Count == 0)
        {
            ctx.Db.Delete(key);
            ctx.Db.Notify(KeyspaceEventFlags.Generic, "del"u8, key);
        }
        else ctx.Db.SignalModified(key);
        ctx.Dirty(removed);
    }

    /// <summary>Entries of ranks [start, end] (inclusive), ascending or from the top when <paramref name="reverse"/>.</summary>
    public static List<byte[]> ByRank(SortedSetValue z, long start, long end, bool reverse)
    {
        var list = new List<byte[]>((int)Math.Min(end - start + 1, 1024));
        int count = z.Count;
        var c = z.Tree.CursorAt(reverse ? (int)(count - 1 - start) : (int)start);
        for (long i = start; i <= end && c.Valid; i++)
        {
            list.Add(c.Current);
            if (reverse) c.MovePrev(); else c.MoveNext();
        }
        return list;
    }

    /// <summary>
    /// Redis's rank sanitising (negative from the end, clamped): false when the range is empty.
    /// </summary>
    public static bool ClampRanks(long count, ref long start, ref long end)
    {
        if (start < 0) start += count;
        if (end < 0) end += count;
        if (start < 0) start = 0;
        if (start > end || start >= count) return false;
        if (end >= count) end = count - 1;
        return true;
    }

    /// <summary>
    /// Entries with ranks in [first, end) (a score or lex range), skipping <paramref name="offset"/>
    /// and taking at most <paramref name="limit"/> (negative: all); from the top when reversed.
    /// </summary>
    public static List<byte[]> ByRankWindow(SortedSetValue z, int first, int end, long offset, long limit, bool reverse)
    {
        var list = new List<byte[]>();
        if (offset < 0 || first >= end) return list;
        long available = end - first - offset;
        if (available <= 0) return list;
        long take = limit < 0 ? available : Math.Min(limit, available);
        var c = z.Tree.CursorAt(reverse ? (int)(end - 1 - offset) : (int)(first + offset));
        for (long i = 0; i < take && c.Valid; i++)
        {
            list.Add(c.Current);
            if (reverse) c.MovePrev(); else c.MoveNext();
        }
        return list;
    }
}
