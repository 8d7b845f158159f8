using RedisNet.Config;
using RedisNet.Types.Stream;

namespace RedisNet.Commands.Streams;

/// <summary>XADD, XTRIM, XDEL, XLEN and XSETID.</summary>
public static class StreamWrites
{
    [RedisCommand("xadd", Arity = -5, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Stream | AclCategory.Fast,
        KeySpecs = "RW,UPDATE index:1 range:0,1,0 notes:UPDATE instead of INSERT because of the optional trimming feature", Tips = "nondeterministic_output",
        Group = "stream", Since = "5.0.0", Summary = "Appends a new entry to a stream",
        Complexity = "O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.")]
    public static void XAdd(CommandContext ctx)
    {
        var a = new TrimArgs();
        int idPos = TrimArgs.Parse(ctx, xadd: true, a);
        if (idPos < 0) return;
        int fieldPos = idPos + 1;
        if (ctx.ArgCount - fieldPos < 2 || (ctx.ArgCount - fieldPos) % 2 == 1) { ctx.Error(Errors.WrongArgs("xadd")); return; }
        if (a.IdGiven && a.SeqGiven && a.Id.IsZero) { ctx.Error("ERR The ID specified in XADD must be greater than 0-0"); return; }

        var key = ctx.Arg(1);
        if (!ctx.TryWrite<StreamValue>(key, out _, out var s)) return;
        if (s is null)
        {
            if (a.NoMkStream) { ctx.Reply.WriteNull(); return; }
            s = new StreamValue();
            ctx.Db.Add(key, s);
        }
        if (s.LastId == StreamId.Max) { ctx.Error("ERR The stream has exhausted the last possible ID, unable to add more items"); return; }

        var fields = new ArgFields(ctx, fieldPos);
        long total = 0;
        for (int i = fieldPos; i < ctx.ArgCount; i++) total += ctx.Arg(i).Length;
        if (total > StreamValue.MaxNodeBytes) { ctx.Error("ERR Elements are too large to be stored"); return; }
        if (!NextId(ctx, s, a, out var id)) { ctx.Error("ERR The ID specified in XADD is equal or smaller than the target stream top item"); return; }

        var config = ctx.Server.Config;
        s.Append(id, fields, config.StreamNodeMaxBytes, config.StreamNodeMaxEntries);
        StreamReplies.WriteId(ctx.Reply, id);
        ctx.Db.SignalModified(key);
        ctx.Db.Notify(KeyspaceEventFlags.Stream, "xadd"u8, key);
        ctx.Dirty();

        byte[][]? argv = null;
        if (a.Trims)
        {
            if (s.Trim(a.ByMaxLen, a.MaxLen, a.MinId, a.Approx, a.Limit) > 0)
                ctx.Db.Notify(KeyspaceEventFlags.Stream, "xtrim"u8, key);
            if (a.Approx) RewriteTrim(s, a, argv = ctx.AllArgs());
        }
        if (!a.IdGiven || !a.SeqGiven) (argv ??= ctx.AllArgs())[idPos] = id.ToBytes();
        if (argv != null) ctx.Propagate(argv);
        ctx.Db.SignalKeyAsReady(key);
    }

    /// <summary>The new entry's ID: the time (or the next sequence), "ms-*" completed, or the given one; false when not above the top.</summary>
    private static bool NextId(CommandContext ctx, StreamValue s, TrimArgs a, out StreamId id)
    {
        var last = s.LastId;
        if (!a.IdGiven)
        {
            ulong now = (ulong)ctx.Server.Clock.CurrentMs;
            if (now > last.Ms) id = new StreamId(now, 0);
            else last.TryIncrement(out id);
            return true;
        }
        id = a.Id;
        if (!a.SeqGiven && last.Ms == id.Ms)
        {
            if (last.Seq == ulong.MaxValue) return false;
            id = new StreamId(last.Ms, last.Seq + 1);
        }
        return id > last;
    }

    /// <summary>
    /// Redis propagates "MAXLEN|MINID ~ x" as "= &lt;what is left&gt;" (the length, or the first
    /// entry's ID), so replicas and the AOF trim exactly as much.
    /// </summary>
    private static void RewriteTrim(StreamValue s, TrimArgs a, byte[][] argv)
    {
        argv[a.StrategyArg - 1] = "="u8.ToArray();
        argv[a.StrategyArg] = a.ByMaxLen
            ? System.Text.Encoding.ASCII.GetBytes(s.Length.ToString())
            : s.EdgeId(first: true, skipTombstones: false).ToBytes();
    }

    [RedisCommand("xtrim", Arity = -4, Flags = CommandFlags.Write, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Stream | AclCategory.Slow,
        KeySpecs = "RW,DELETE index:1 range:0,1,0", Tips = "nondeterministic_output",
        Group = "stream", Since = "5.0.0", Summary = "Trims the stream to (approximately if '~' is passed) a certain size",
        Complexity = "O(N), with N being the number of evicted entries. Constant times are very small however, since entries are organized in macro nodes containing multiple entries that can be released with a single deallocation.")]
    public static void XTrim(CommandContext ctx)
    {
        var a = new TrimArgs();
        if (TrimArgs.Parse(ctx, xadd: false, a) < 0) return;
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<StreamValue>(key, out _, out var s)) return;
        if (s is null) { ctx.Reply.WriteInteger(0); return; }
        long deleted = s.Trim(a.ByMaxLen, a.MaxLen, a.MinId, a.Approx, a.Limit);
        if (deleted > 0)
        {
            ctx.Db.Notify(KeyspaceEventFlags.Stream, "xtrim"u8, key);
            ctx.Db.SignalModified(key);
            ctx.Dirty(deleted);
            if (a.Approx)
            {
                var argv = ctx.AllArgs();
                RewriteTrim(s, a, argv);
                ctx.Propagate(argv);
            }
        }
        ctx.Reply.WriteInteger(deleted);
    }

    [RedisCommand("xdel", Arity = -3, Flags = CommandFlags.Write | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Stream | AclCategory.Fast,
        KeySpecs = "RW,DELETE index:1 range:0,1,0",
        Group = "stream", Since = "5.0.0", Summary = "Removes the specified entries from the stream. Returns the number of items actually deleted, that may be different from the number of IDs passed in case certain IDs do not exist.",
        Complexity = "O(1) for each single item to delete in the stream, regardless of the stream size.")]
    public static void XDel(CommandContext ctx)
    {
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<StreamValue>(key, out _, out var s)) return;
        if (s is null) { ctx.Reply.WriteInteger(0); return; }
        var ids = StreamArgs.TryArgIds(ctx, 2);
        if (ids is null) return;
        long deleted = 0;
        bool first = false;
        foreach (var id in ids)
        {
            if (!s.Delete(id)) continue;
            if (id == s.FirstId) first = true;
            if (id > s.MaxDeletedId) s.MaxDeletedId = id;
            deleted++;
        }
        if (deleted == 0) { ctx.Reply.WriteInteger(0); return; }
        if (s.Length == 0) s.FirstId = StreamId.Zero;
        else if (first) s.FirstId = s.EdgeId(first: true, skipTombstones: true);
        ctx.Db.SignalModified(key);
        ctx.Db.Notify(KeyspaceEventFlags.Stream, "xdel"u8, key);
        ctx.Dirty(deleted);
        ctx.Reply.WriteInteger(deleted);
    }

    [RedisCommand("xlen", Arity = 2, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Stream | AclCategory.Fast,
        KeySpecs = "RO index:1 range:0,1,0",
        Group = "stream", Since = "5.0.0", Summary = "Return the number of entries in a stream",
        Complexity = "O(1)")]
    public static void XLen(CommandContext ctx)
    {
        if (!ctx.TryRead<StreamValue>(ctx.Arg(1), out var s)) return;
        ctx.Reply.WriteInteger(s?.Length ?? 0);
    }

    [RedisCommand("xsetid", Arity = -3, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Stream | AclCategory.Fast,
        KeySpecs = "RW,UPDATE index:1 range:0,1,0",
        Group = "stream", Since = "5.0.0", Summary = "An internal command for replicating stream values",
        Complexity = "O(1)")]
    public static void XSetId(CommandContext ctx)
    {
        if (!StreamArgs.TryArgId(ctx, 2, out var id, 0, strict: true)) return;
        long entriesAdded = -1;
        var maxDeleted = StreamId.Zero;
        for (int i = 3; i < ctx.ArgCount; i += 2)
        {
            bool more = i + 1 < ctx.ArgCount;
            if (more && ctx.ArgIs(i, "entriesadded"u8))
            {
                if (!ctx.TryArgLong(i + 1, out entriesAdded)) return;
                if (entriesAdded < 0) { ctx.Error("ERR entries_added must be positive"); return; }
            }
            else if (more && ctx.ArgIs(i, "maxdeletedid"u8))
            {
                if (!StreamArgs.TryArgId(ctx, i + 1, out maxDeleted, 0, strict: true)) return;
                if (id < maxDeleted) { ctx.Error("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id"); return; }
            }
            else { ctx.SyntaxError(); return; }
        }
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<StreamValue>(key, out _, out var s)) return;
        if (s is null) { ctx.Error(Errors.NoSuchKey); return; }
        if (s.Length > 0)
        {
            if (id < s.EdgeId(first: false, skipTombstones: true)) { ctx.Error("ERR The ID specified in XSETID is smaller than the target stream top item"); return; }
            if (entriesAdded != -1 && s.Length > entriesAdded) { ctx.Error("ERR The entries_added specified in XSETID is smaller than the target stream length"); return; }
        }
        s.LastId = id;
        if (entriesAdded != -1) s.EntriesAdded = entriesAdded;
        if (!maxDeleted.IsZero) s.MaxDeletedId = maxDeleted;
        ctx.Db.SignalModified(key);
        ctx.Db.Notify(KeyspaceEventFlags.Stream, "xsetid"u8, key);
        ctx.Dirty();
        ctx.Reply.WriteOk();
    }
}
