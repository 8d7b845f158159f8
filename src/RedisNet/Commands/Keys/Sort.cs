using RedisNet.Config;
using RedisNet.Types.List;
using RedisNet.Types.Set;
using RedisNet.Types.SortedSet;

namespace RedisNet.Commands.Keys;

/// <summary>
/// SORT and SORT_RO (Redis's sort.c): sort a list, set or sorted set by its elements or by keys
/// named by a pattern, numerically or ALPHA, with LIMIT, GET patterns and STORE into a list.
/// </summary>
public static class Sort
{
    private const string Specs =
        "RO,ACCESS index:1 range:0,1,0;" +
        "RO,ACCESS unknown notes:For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort";
    private const string Complexity = "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).";

    [RedisCommand("sort", Arity = -2, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.MovableKeys, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Set | AclCategory.SortedSet | AclCategory.List | AclCategory.Slow | AclCategory.Dangerous,
        KeySpecs = Specs + ";OW,UPDATE unknown notes:For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array",
        KeysFunction = nameof(SortKeys), Group = "generic", Since = "1.0.0",
        Summary = "Sort the elements in a list, set or sorted set", Complexity = Complexity)]
    public static void SortCommand(CommandContext ctx) => Run(ctx, readOnly: false);

    [RedisCommand("sort_ro", Arity = -2, Flags = CommandFlags.ReadOnly | CommandFlags.MovableKeys, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Set | AclCategory.SortedSet | AclCategory.List | AclCategory.Slow | AclCategory.Dangerous,
        KeySpecs = Specs, Group = "generic", Since = "7.0.0",
        Summary = "Sort the elements in a list, set or sorted set. Read-only variant of SORT.", Complexity = Complexity)]
    public static void SortRo(CommandContext ctx) => Run(ctx, readOnly: true);

    /// <summary>
    /// Redis's sortGetKeys: the sorted key, and the argument after the last STORE. Only LIMIT, GET and
    /// BY skip their arguments, so a STORE that is an option's value still counts, as in Redis.
    /// </summary>
    private static void SortKeys(CommandContext ctx, List<int> keys, List<int>? specs)
    {
        keys.Add(1);
        specs?.Add(0);
        int store = -1;
        for (int i = 2; i < ctx.ArgCount; i++)
        {
            if (ctx.ArgIs(i, "limit"u8)) i += 2;
            else if (ctx.ArgIs(i, "get"u8) || ctx.ArgIs(i, "by"u8)) i += 1;
            else if (ctx.ArgIs(i, "store"u8) && i + 1 < ctx.ArgCount) store = i + 1;
        }
        if (store < 0) return;
        keys.Add(store);
        specs?.Add(2);
    }

    private struct Item
    {
        public byte[] Obj;
        public double Score;
        public byte[]? Cmp;   // ALPHA BY: the weight's bytes, null when the weight key is missing
        public int Index;     // load order: ties keep it, as glibc's merge-sort qsort does
    }

    private sealed class Options
    {
        public bool Desc, Alpha, DontSort;
        public long LimitStart, LimitCount = -1;
        public int By = -1, Store = -1;
        public readonly List<int> Gets = new();
    }

    private static void Run(CommandContext ctx, bool readOnly)
    {
        // Options first: a syntax error wins over WRONGTYPE, and the key is only read after them.
        var o = Parse(ctx, readOnly);
        if (o is null) return;
        var entry = ctx.Db.LookupRead(ctx.Arg(1));
        object? source = entry?.BoxedValue;
        if (entry != null && source is not (ListValue or SetValue or SortedSetValue)) { ctx.WrongType(); return; }

        // An unsorted set would come out in hash-table order: with STORE (replicated as the command)
        // or inside a script (replicated as its effects), Redis sorts it, ALPHA, for the same result everywhere.
        if (o.DontSort && source is SetValue && (o.Store >= 0 || InScript(ctx))) { o.DontSort = false; o.Alpha = true; o.By = -1; }
        // Redis converts a listpack sorted set to a skiplist here, visible in OBJECT ENCODING.
        if (source is SortedSetValue z && z.IsListpack) z.ConvertToSkiplist();

        long count = source switch { ListValue l => l.Count, SetValue s => s.Count, SortedSetValue zs => zs.Count, _ => 0 };
        long start = Math.Min(Math.Max(o.LimitStart, 0), count);
        long limit = Math.Min(Math.Max(o.LimitCount, -1), count);
        long end = limit < 0 ? count - 1 : start + limit - 1;
        if (start >= count) { start = count - 1; end = count - 2; }
        if (end >= count) end = count - 1;

        var items = Load(source, o, ref start, ref end);
        if (!o.DontSort && !Weigh(ctx, items, o)) return;

        long outputLen = (o.Gets.Count > 0 ? o.Gets.Count : 1) * (end - start + 1);
        if (o.Store < 0) Reply(ctx, items, o, start, end, outputLen);
        else Store(ctx, items, o, start, end, outputLen);
    }

    private static bool InScript(CommandContext ctx) => RedisNet.Scripting.ScriptRun.Current is { } run && run.ScriptClient == ctx.Client;

    private static Options? Parse(CommandContext ctx, bool readOnly)
    {
        var o = new Options();
        for (int j = 2; j < ctx.ArgCount; j++)
        {
            int left = ctx.ArgCount - j - 1;
            if (ctx.ArgIs(j, "asc"u8)) o.Desc = false;
            else if (ctx.ArgIs(j, "desc"u8)) o.Desc = true;
            else if (ctx.ArgIs(j, "alpha"u8)) o.Alpha = true;
            else if (ctx.ArgIs(j, "limit"u8) && left >= 2)
            {
                if (!ctx.TryArgLong(j + 1, out o.LimitStart) || !ctx.TryArgLong(j + 2, out o.LimitCount)) return null;
                j += 2;
            }
            else if (ctx.ArgIs(j, "store"u8) && left >= 1)
            {
                if (readOnly) { ctx.SyntaxError(); return null; }
                o.Store = ++j;
            }
            else if (ctx.ArgIs(j, "by"u8) && left >= 1)
            {
                o.By = ++j;
                if (SortPattern.CString(ctx.Arg(j)).IndexOf((byte)'*') < 0) o.DontSort = true;
                else if (ctx.Server.Config.ClusterEnabled) { ctx.Error("ERR BY option of SORT denied in Cluster mode."); return null; }
            }
            else if (ctx.ArgIs(j, "get"u8) && left >= 1)
            {
                if (ctx.Server.Config.ClusterEnabled) { ctx.Error("ERR GET option of SORT denied in Cluster mode."); return null; }
                o.Gets.Add(++j);
            }
            else { ctx.SyntaxError(); return null; }
        }
        return o;
    }

    /// <summary>
    /// The elements to sort. Lists and sorted sets left unsorted (BY without '*') load only the LIMIT
    /// range, in native order or reversed for DESC; start/end are then relative to that range.
    /// </summary>
    private static Item[] Load(object? source, Options o, ref long start, ref long end)
    {
        bool ranged = o.DontSort && source is ListValue or SortedSetValue;
        if (ranged)
        {
            long n = Math.Max(end - start + 1, 0);
            var range = new Item[n];
            if (n > 0 && source is ListValue list)
            {
                var c = list.CursorAt(o.Desc ? list.Count - start - 1 : start);
                for (int j = 0; j < n; j++, Step(ref c, o.Desc)) range[j] = new Item { Obj = c.Current.ToArray(), Index = j };
            }
            else if (n > 0 && source is SortedSetValue zs)
            {
                var c = zs.Tree.CursorAt(o.Desc ? zs.Count - (int)start - 1 : (int)start);
                for (int j = 0; j < n; j++)
                {
                    range[j] = new Item { Obj = ZEntry.MemberBytes(c.Current), Index = j };
                    if (o.Desc) c.MovePrev(); else c.MoveNext();
                }
            }
            if (n > 0) { end -= start; start = 0; }
            return range;
        }
        IEnumerable<byte[]> all = source switch
        {
            ListValue l => ListElements(l),
            SetValue s => s.Members(),
            SortedSetValue zs => zs.Entries().Select(ZEntry.MemberBytes),
            _ => [],
        };
        var items = new List<Item>();
        foreach (var e in all) items.Add(new Item { Obj = e, Index = items.Count });
        return items.ToArray();
    }

    private static void Step(ref ListValue.Cursor c, bool back)
    {
        if (back) c.Prev(); else c.Next();
    }

    private static IEnumerable<byte[]> ListElements(ListValue list)
    {
        if (list.Count == 0) yield break;
        for (var c = list.CursorAt(0); c.Valid; c.Next()) yield return c.Current.ToArray();
    }

    /// <summary>Computes each element's weight and sorts; false (error replied) when a numeric weight is not a number.</summary>
    private static bool Weigh(CommandContext ctx, Item[] items, Options o)
    {
        bool byPattern = o.By >= 0, badScore = false;
        var pattern = byPattern ? ctx.ArgBytes(o.By) : null;
        for (int j = 0; j < items.Length; j++)
        {
            ReadOnlySpan<byte> weight = items[j].Obj;
            if (byPattern)
            {
                weight = SortPattern.Lookup(ctx, pattern, items[j].Obj, out bool found);
                if (!found) continue;
            }
            if (o.Alpha) { if (byPattern) items[j].Cmp = weight.ToArray(); }
            else if (!SortPattern.TryScore(weight, out items[j].Score)) badScore = true;
        }
        if (badScore) { ctx.Error("ERR One or more scores can't be converted into double"); return false; }
        bool store = o.Store >= 0;
        Array.Sort(items, (a, b) =>
        {
            int c = Compare(a, b, o.Alpha, byPattern, store);
            if (o.Desc) c = -c;
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        });
        return true;
    }

    /// <summary>Redis's sortCompare (before DESC is applied).</summary>
    private static int Compare(in Item a, in Item b, bool alpha, bool byPattern, bool store)
    {
        if (!alpha)
            return a.Score > b.Score ? 1 : a.Score < b.Score ? -1 : SortPattern.Binary(a.Obj, b.Obj);
        if (byPattern)
        {
            if (a.Cmp is null || b.Cmp is null) return a.Cmp == b.Cmp ? 0 : a.Cmp is null ? -1 : 1;
            return store ? SortPattern.Binary(a.Cmp, b.Cmp) : SortPattern.Collate(a.Cmp, b.Cmp);
        }
        return store ? SortPattern.Binary(a.Obj, b.Obj) : SortPattern.Collate(a.Obj, b.Obj);
    }

    private static void Reply(CommandContext ctx, Item[] items, Options o, long start, long end, long outputLen)
    {
        ctx.Reply.WriteArrayHeader(outputLen);
        for (long j = start; j <= end; j++)
        {
            if (o.Gets.Count == 0) ctx.Reply.WriteBulk(items[j].Obj);
            foreach (int g in o.Gets)
            {
                var v = SortPattern.Lookup(ctx, ctx.Arg(g), items[j].Obj, out bool found);
                if (found) ctx.Reply.WriteBulk(v); else ctx.Reply.WriteNull();
            }
        }
    }

    /// <summary>STORE: the result replaces the destination as a list (TTL dropped); an empty result deletes it.</summary>
    private static void Store(CommandContext ctx, Item[] items, Options o, long start, long end, long outputLen)
    {
        var list = new ListValue(ctx.Server.Config.ListMaxListpackSize, ctx.Server.Config.ListCompressDepth);
        for (long j = start; j <= end; j++)
        {
            if (o.Gets.Count == 0) list.PushTail(items[j].Obj);
            foreach (int g in o.Gets) list.PushTail(SortPattern.Lookup(ctx, ctx.Arg(g), items[j].Obj, out _));
        }
        var dst = ctx.Arg(o.Store);
        if (outputLen > 0)
        {
            ctx.Db.LookupWrite(dst); // an expired destination goes first ("expired", then "new"), as setKey's lookup does
            ctx.Db.Set(dst, list);
            ctx.Db.Notify(KeyspaceEventFlags.List, "sortstore"u8, dst);
            ctx.Dirty(outputLen);
        }
        else if (ctx.Db.Delete(dst))
        {
            ctx.Db.Notify(KeyspaceEventFlags.Generic, "del"u8, dst);
            ctx.Dirty();
        }
        ctx.Reply.WriteInteger(outputLen);
    }
}
