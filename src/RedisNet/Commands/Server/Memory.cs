using System.Collections;
using RedisNet.Keyspace;
using RedisNet.Protocol;
using RedisNet.Server;

namespace RedisNet.Commands.ServerCommands;

/// <summary>MEMORY USAGE, STATS, DOCTOR, MALLOC-STATS, PURGE, HELP.</summary>
[RedisContainer("memory", Arity = -2, Acl = AclCategory.Slow, Group = "server", Since = "4.0.0", Summary = "A container for memory diagnostics commands", Complexity = "Depends on subcommand.")]
public static class Memory
{
    private const string ShardTips = "nondeterministic_output;request_policy:all_shards;response_policy:special";

    [RedisCommand("memory|usage", Arity = -3, Flags = CommandFlags.ReadOnly, Acl = AclCategory.Read | AclCategory.Slow, FirstKey = 2, LastKey = 2, Step = 1,
        KeySpecs = "RO index:2 range:0,1,0", Group = "server", Since = "4.0.0", Summary = "Estimate the memory usage of a key", Complexity = "O(N) where N is the number of samples.")]
    public static void Usage(CommandContext ctx)
    {
        long samples = 5;
        for (int j = 3; j < ctx.ArgCount; j++)
        {
            if (ctx.ArgIs(j, "samples"u8) && j + 1 < ctx.ArgCount)
            {
                if (!ctx.TryArgLong(j + 1, out samples)) return;
                if (samples < 0) { ctx.SyntaxError(); return; }
                j++;
            }
            else { ctx.SyntaxError(); return; }
        }
        var e = ctx.Db.Peek(ctx.Arg(2));
        if (e is null) { ctx.Reply.WriteNull(); return; }
        ctx.Reply.WriteInteger(MemoryEstimate.OfEntry(e, (int)Math.Min(samples, int.MaxValue)));
    }

    [RedisCommand("memory|stats", Arity = 2, Acl = AclCategory.Slow, Tips = ShardTips, Group = "server", Since = "4.0.0", Summary = "Show memory usage details", Complexity = "O(1)")]
    public static void Stats(CommandContext ctx)
    {
        var server = ctx.Server;
        var m = MemorySnapshot.Take(server);
        var dbs = server.Databases.Where(d => d.Count > 0).ToList();
        var r = ctx.Reply;
        r.WriteMapHeader(27 + dbs.Count);
        Pair(r, "peak.allocated", m.Peak);
        Pair(r, "total.allocated", m.Used);
        Pair(r, "startup.allocated", m.Startup);
        Pair(r, "replication.backlog", 0);
        Pair(r, "clients.slaves", 0);
        Pair(r, "clients.normal", m.ClientsNormal);
        Pair(r, "cluster.links", 0);
        Pair(r, "aof.buffer", 0);
        Pair(r, "lua.caches", 0);
        Pair(r, "functions.caches", 0);
        foreach (var db in dbs)
        {
            r.WriteBulk("db." + db.Index);
            r.WriteMapHeader(3);
            Pair(r, "overhead.hashtable.main", MemoryEstimate.TableOverhead(db.Count));
            Pair(r, "overhead.hashtable.expires", MemoryEstimate.TableOverhead(db.VolatileCount));
            Pair(r, "overhead.hashtable.slot-to-keys", 0);
        }
        Pair(r, "overhead.total", m.Overhead);
        Pair(r, "keys.count", m.Keys);
        Pair(r, "keys.bytes-per-key", m.Keys == 0 ? 0 : (m.Used - m.Startup) / m.Keys);
        Pair(r, "dataset.bytes", m.Dataset);
        PairD(r, "dataset.percentage", m.DatasetPercent);
        PairD(r, "peak.percentage", m.PeakPercent);
        Pair(r, "allocator.allocated", m.Used);
        Pair(r, "allocator.active", m.Used);
        Pair(r, "allocator.resident", m.Rss);
        PairD(r, "allocator-fragmentation.ratio", 1.0);
        Pair(r, "allocator-fragmentation.bytes", 0);
        PairD(r, "allocator-rss.ratio", m.Used == 0 ? 0 : (double)m.Rss / m.Used);
        Pair(r, "allocator-rss.bytes", m.Rss - m.Used);
        PairD(r, "rss-overhead.ratio", 1.0);
        Pair(r, "rss-overhead.bytes", 0);
        PairD(r, "fragmentation", m.Used == 0 ? 0 : (double)m.Rss / m.Used);
        Pair(r, "fragmentation.bytes", m.Rss - m.Used);
    }

    private static void Pair(RespWriter r, string name, long value) { r.WriteBulk(name); r.WriteInteger(value); }

    // Redis computes these as floats and replies them as doubles.
    private static void PairD(RespWriter r, string name, double value) { r.WriteBulk(name); r.WriteDouble((float)value); }

    [RedisCommand("memory|doctor", Arity = 2, Acl = AclCategory.Slow, Tips = ShardTips, Group = "server", Since = "4.0.0", Summary = "Outputs memory problems report", Complexity = "O(1)")]
    public static void Doctor(CommandContext ctx)
    {
        var text = ctx.Server.KeyCount() == 0 || MemoryInfo.Used() < 5 * 1024 * 1024
            ? "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n"
            : "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n";
        ctx.Reply.WriteVerbatim(text);
    }

    [RedisCommand("memory|malloc-stats", Arity = 2, Acl = AclCategory.Slow, Tips = ShardTips, Group = "server", Since = "4.0.0", Summary = "Show allocator internal stats",
        Complexity = "Depends on how much memory is allocated, could be slow")]
    public static void MallocStats(CommandContext ctx) => ctx.Reply.WriteVerbatim("Stats not supported for the current allocator");

    [RedisCommand("memory|purge", Arity = 2, Acl = AclCategory.Slow, Tips = "request_policy:all_shards;response_policy:all_succeeded", Group = "server", Since = "4.0.0",
        Summary = "Ask the allocator to release memory", Complexity = "Depends on how much memory is allocated, could be slow")]
    public static void Purge(CommandContext ctx)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        ctx.Reply.WriteOk();
    }

    [RedisCommand("memory|help", Arity = 2, Flags = CommandFlags.Loading | CommandFlags.Stale, Acl = AclCategory.Slow, Group = "server", Since = "4.0.0",
        Summary = "Show helpful text about the different subcommands", Complexity = "O(1)")]
    public static void Help(CommandContext ctx) => HelpReply.Write(ctx, "MEMORY",
        "DOCTOR",
        "    Return memory problems reports.",
        "MALLOC-STATS",
        "    Return internal statistics report from the memory allocator.",
        "PURGE",
        "    Attempt to purge dirty pages for reclamation by the allocator.",
        "STATS",
        "    Return information about the memory usage of the server.",
        "USAGE <key> [SAMPLES <count>]",
        "    Return memory in bytes used by <key> and its value. Nested values are",
        "    sampled up to <count> times (default: 5, 0 means sample all).");
}

/// <summary>
/// MEMORY USAGE as Redis computes it: the value object, the key's sds and the dict entry, each
/// rounded up to jemalloc's size classes, so answers match redis-server for the same data.
/// </summary>
public static class MemoryEstimate
{
    public const int RobjSize = 16, DictEntrySize = 24;

    /// <summary>jemalloc's usable size for a request (16-byte quantum, four classes per doubling).</summary>
    public static long SizeClass(long size)
    {
        if (size <= 8) return 8;
        if (size <= 16) return 16;
        int lg = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(size - 1));
        long spacing = Math.Max(16, 1L << (lg - 2));
        return (size + spacing - 1) / spacing * spacing;
    }

    /// <summary>sds header size for a string of this length (sdsReqType).</summary>
    public static int SdsHeader(long len, bool allowType5) =>
        len < 32 && allowType5 ? 1 : len < 256 ? 3 : len < 65536 ? 5 : 9;

    public static long OfEntry(KeyEntry e, int samples = 5) => OfValue(e, samples) + SizeClass(SdsHeader(e.KeyLength, true) + e.KeyLength + 1) + DictEntrySize;

    private static long OfValue(KeyEntry e, int samples)
    {
        if (e.BoxedValue is { } boxed && TypeNames.Of(boxed).MemoryUsage is { } usage) return usage(boxed, samples);
        switch (e.BoxedValue)
        {
            case null:
                e.TryGetString(out var s);
                return OfString(StringValues.Encoding(e), s.Length, s.Length);
            case MutableString m:
                // An sds grown by APPEND holds at most twice its length (1MB more past 1MB): our buffer
                // may carry more slack than Redis's would, so count no more than Redis could.
                int redisAlloc = m.Length < 1024 * 1024 ? 2 * m.Length : m.Length + 1024 * 1024;
                return OfString(StringValues.Encoding(e), m.Length, Math.Min(m.Buffer.Length, Math.Max(redisAlloc, m.Length)));
            case ICollection c:
                // Collections: their types estimate better when they exist; this keeps the scale.
                return RobjSize + SizeClass(c.Count * 32 + 64);
            default:
                return RobjSize + 64;
        }
    }

    /// <summary>int: just the object; embstr: object and sds in one allocation; raw: object plus the sds's allocation.</summary>
    private static long OfString(string encoding, int length, int capacity) => encoding switch
    {
        "int" => RobjSize,
        "embstr" => SizeClass(RobjSize + 3 + length + 1),
        _ => RobjSize + SizeClass(SdsHeader(capacity, false) + capacity + 1),
    };

    /// <summary>A dict's bucket array: a power of two of 8-byte pointers at least as large as the count.</summary>
    public static long TableOverhead(long count)
    {
        if (count == 0) return 0;
        long buckets = 4;
        while (buckets < count) buckets <<= 1;
        return buckets * 8 + count * DictEntrySize;
    }
}
