using System.Runtime.CompilerServices;
using RedisNet.Protocol;
using RedisNet.PubSub;
using RedisNet.Types.SortedSet;

namespace RedisNet.Persistence.Rdb;

/// <summary>
/// Sorted sets in RDB: a listpack of member, score-as-text pairs in ascending order
/// (RDB_TYPE_ZSET_LISTPACK) or, for the skiplist encoding, count + member strings with binary
/// double scores from the greatest to the smallest (RDB_TYPE_ZSET_2). Loading mirrors
/// rdbLoadObject: a listpack over zset-max-listpack-entries becomes a skiplist; a skiplist record
/// that fits both zset-max-listpack limits becomes a listpack.
/// </summary>
internal static class RdbZset
{
    [ModuleInitializer]
    internal static void Register()
    {
        RdbCodecs.RegisterWriter(typeof(SortedSetValue), new RdbValueCodec
        {
            TypeOf = v => ((SortedSetValue)v).IsListpack ? RdbFormat.TypeZsetListpack : RdbFormat.TypeZset2,
            Save = (w, v) => Save(w, (SortedSetValue)v),
        });
        RdbCodecs.RegisterLoader(RdbFormat.TypeZsetListpack, LoadListpack);
        RdbCodecs.RegisterLoader(RdbFormat.TypeZset2, LoadSkiplist);
    }

    private static void Save(RdbWriter w, SortedSetValue z)
    {
        if (z.IsListpack)
        {
            var lp = new ListpackBuilder();
            Span<byte> score = stackalloc byte[40];
            for (var c = z.Tree.CursorAt(0); c.Valid; c.MoveNext())
            {
                lp.Append(ZEntry.Member(c.Current));
                lp.Append(score[..SortedSetType.ScoreString(ZEntry.Score(c.Current), score)]);
            }
            w.WriteString(lp.ToArray());
            return;
        }
        w.WriteLength(z.Count);
        // Greatest first, as Redis walks its skiplist from the tail (loading then always inserts at the head).
        for (var c = z.Tree.CursorAt(z.Count - 1); c.Valid; c.MovePrev())
        {
            w.WriteString(ZEntry.Member(c.Current));
            w.WriteBinaryDouble(ZEntry.Score(c.Current));
        }
    }

    private const string ListpackError = "Zset listpack integrity check failed.";

    private static object? LoadListpack(RdbReader r, RdbLoadContext ctx)
    {
        byte[]? scratch = null;
        var blob = r.ReadStringSpan(ref scratch);
        ctx.CountSanitization();
        return FromListpack(blob, ctx, ListpackError);
    }

    /// <summary>A sorted set from a listpack of member, score pairs (ascending, as stored).</summary>
    internal static SortedSetValue? FromListpack(ReadOnlySpan<byte> blob, RdbLoadContext ctx, string error)
    {
        var lp = new Listpack(blob, ctx.DeepSanitize, error);
        var z = new SortedSetValue();
        // Always refused (Redis only notices under deep sanitization): our order tree needs distinct members.
        var seen = new HashSet<byte[]>(ByteKeyComparer.Instance);
        while (lp.Next(out var m))
        {
            var member = m.ToArray();
            if (!lp.NextRaw(out var text, out long integer, out bool isInt)) throw new RdbFormatException(error);
            double score = integer;
            if (!isInt && !NumberFormat.TryParseDouble(text, out score)) throw new RdbFormatException(error);
            if (!seen.Add(member)) throw new RdbFormatException(error);
            z.Tree.Insert(ZEntry.Create(score, member));
        }
        if (z.Count == 0) return null;
        if (z.Count > ctx.Config.ZsetMaxListpackEntries) z.ConvertToSkiplist();
        return z;
    }

    /// <summary>RDB_TYPE_ZSET_2: members with binary double scores (the text-score RDB_TYPE_ZSET is in Legacy/).</summary>
    private static object? LoadSkiplist(RdbReader r, RdbLoadContext ctx)
    {
        int len = r.ReadCount();
        if (len == 0) return null;
        var z = new SortedSetValue();
        z.ConvertToSkiplist();
        long maxLen = 0, totalLen = 0;
        while (len-- > 0)
        {
            var member = r.ReadString(); // copied: reading the score may move the read buffer
            double score = r.ReadBinaryDouble();
            if (double.IsNaN(score)) throw new RdbFormatException("Zset with NAN score detected");
            if (z.Find(member) is not null) throw new RdbFormatException("Duplicate zset fields detected");
            maxLen = Math.Max(maxLen, member.Length);
            totalLen += member.Length;
            z.Insert(score, member);
        }
        // Converted after loading, as Redis does: the listpack form when it fits both limits (and 1 GB).
        if (z.Count <= ctx.Config.ZsetMaxListpackEntries && maxLen <= ctx.Config.ZsetMaxListpackValue && totalLen < 1L << 30)
        {
            var small = new SortedSetValue();
            for (var c = z.Tree.CursorAt(0); c.Valid; c.MoveNext()) small.Insert(ZEntry.Score(c.Current), ZEntry.Member(c.Current)); // Insert stores -0 as a listpack does
            return small;
        }
        return z;
    }
}
