using RedisNet.Keyspace;
using RedisNet.Protocol;

namespace RedisNet.Commands.Keys;

/// <summary>OBJECT ENCODING | REFCOUNT | IDLETIME | FREQ | HELP.</summary>
[RedisContainer("object", Arity = -2, Acl = AclCategory.Slow, Group = "generic", Since = "2.2.3",
    Summary = "A container for object introspection commands", Complexity = "Depends on subcommand.")]
public static class ObjectCommand
{
    private const CommandFlags Ro = CommandFlags.ReadOnly;
    private const AclCategory Acl = AclCategory.Keyspace | AclCategory.Read | AclCategory.Slow;
    private const string Keyspec = "RO index:2 range:0,1,0";

    /// <summary>Redis shares the integers 0..9999; their refcount reads as INT_MAX (OBJ_SHARED_REFCOUNT).</summary>
    internal const int SharedRefcount = int.MaxValue;

    private static readonly string[] HelpLines =
    {
        "ENCODING <key>",
        "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>",
        "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.",
    };

    [RedisCommand("object|help", Arity = 2, Flags = CommandFlags.Loading | CommandFlags.Stale, Acl = AclCategory.Keyspace | AclCategory.Slow,
        Group = "generic", Since = "6.2.0", Summary = "Show helpful text about the different subcommands", Complexity = "O(1)")]
    public static void HelpCommand(CommandContext ctx) => Help.Write(ctx, "OBJECT", HelpLines);

    [RedisCommand("object|encoding", Arity = 3, Flags = Ro, FirstKey = 2, LastKey = 2, Step = 1, Acl = Acl, KeySpecs = Keyspec,
        Tips = "nondeterministic_output", Group = "generic", Since = "2.2.3", Summary = "Inspect the internal encoding of a Redis object", Complexity = "O(1)")]
    public static void Encoding(CommandContext ctx)
    {
        var e = Find(ctx);
        if (e != null) ctx.Reply.WriteBulk(EncodingOf(e));
    }

    [RedisCommand("object|refcount", Arity = 3, Flags = Ro, FirstKey = 2, LastKey = 2, Step = 1, Acl = Acl, KeySpecs = Keyspec,
        Tips = "nondeterministic_output", Group = "generic", Since = "2.2.3", Summary = "Get the number of references to the value of the key", Complexity = "O(1)")]
    public static void RefCount(CommandContext ctx)
    {
        var e = Find(ctx);
        if (e != null) ctx.Reply.WriteInteger(RefCountOf(e.Value));
    }

    [RedisCommand("object|idletime", Arity = 3, Flags = Ro, FirstKey = 2, LastKey = 2, Step = 1, Acl = Acl, KeySpecs = Keyspec,
        Tips = "nondeterministic_output", Group = "generic", Since = "2.2.3", Summary = "Get the time since a Redis object was last accessed", Complexity = "O(1)")]
    public static void IdleTime(CommandContext ctx)
    {
        var e = Find(ctx);
        if (e is null) return;
        if (IsLfu(ctx))
        {
            ctx.Error("ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.");
            return;
        }
        ctx.Reply.WriteInteger(IdleMs(ctx, e) / 1000);
    }

    [RedisCommand("object|freq", Arity = 3, Flags = Ro, FirstKey = 2, LastKey = 2, Step = 1, Acl = Acl, KeySpecs = Keyspec,
        Tips = "nondeterministic_output", Group = "generic", Since = "4.0.0", Summary = "Get the logarithmic access frequency counter of a Redis object", Complexity = "O(1)")]
    public static void Freq(CommandContext ctx)
    {
        var e = Find(ctx);
        if (e is null) return;
        if (!IsLfu(ctx))
        {
            ctx.Error("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.");
            return;
        }
        ctx.Reply.WriteInteger(Lfu.Counter(e.Lru, ctx.Server.Clock.NowMs, ctx.Server.Config.LfuDecayTime));
    }

    /// <summary>The key without touching it; replies null (and returns null) when missing.</summary>
    private static KeyEntry? Find(CommandContext ctx)
    {
        var e = ctx.Db.LookupRead(ctx.Arg(2), touch: false, notify: false);
        if (e is null) ctx.Reply.WriteNull();
        return e;
    }

    private static bool IsLfu(CommandContext ctx) => ctx.Server.Config.LfuPolicy;

    /// <summary>Milliseconds since last access from the 24-bit seconds LRU clock, wrapping as Redis's estimateObjectIdleTime.</summary>
    internal static long IdleMs(CommandContext ctx, KeyEntry e)
    {
        const uint lruMax = (1u << 24) - 1;
        uint now = ctx.Server.Clock.LruClock;
        long seconds = now >= e.Lru ? now - e.Lru : now + (lruMax - e.Lru);
        return seconds * 1000;
    }

    /// <summary>
    /// OBJECT ENCODING's answer. Strings follow StringValues (int/embstr/raw as Redis decides them);
    /// other types answer through their registered <see cref="RedisValueType.Encoding"/>.
    /// </summary>
    internal static string EncodingOf(KeyEntry e)
    {
        if (e.IsString) return StringValues.Encoding(e);
        var value = e.BoxedValue!;
        return TypeNames.Of(value).Encoding?.Invoke(value) ?? "unknown";
    }

    internal static int RefCountOf(object value) =>
        value is byte[] b && b.Length <= 4 && NumberFormat.TryParseInt64(b, out long n) && n >= 0 && n < 10000 ? SharedRefcount : 1;
}
