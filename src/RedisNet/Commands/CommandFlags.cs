namespace RedisNet.Commands;

/// <summary>Command flags, in the order Redis lists them in COMMAND INFO.</summary>
[Flags]
public enum CommandFlags : uint
{
    None = 0,
    Write = 1 << 0,
    ReadOnly = 1 << 1,
    DenyOom = 1 << 2,
    Module = 1 << 3,
    Admin = 1 << 4,
    PubSub = 1 << 5,
    NoScript = 1 << 6,
    Blocking = 1 << 7,
    Loading = 1 << 8,
    Stale = 1 << 9,
    SkipMonitor = 1 << 10,
    SkipSlowlog = 1 << 11,
    Asking = 1 << 12,
    Fast = 1 << 13,
    NoAuth = 1 << 14,
    MayReplicate = 1 << 15,
    Sentinel = 1 << 16,
    OnlySentinel = 1 << 17,
    NoMandatoryKeys = 1 << 18,
    Protected = 1 << 19,
    NoAsyncLoading = 1 << 20,
    NoMulti = 1 << 21,
    MovableKeys = 1 << 22,
    AllowBusy = 1 << 23,
}

/// <summary>ACL categories, in Redis's order (ACL CAT lists them so).</summary>
[Flags]
public enum AclCategory : uint
{
    None = 0,
    Keyspace = 1 << 0,
    Read = 1 << 1,
    Write = 1 << 2,
    Set = 1 << 3,
    SortedSet = 1 << 4,
    List = 1 << 5,
    Hash = 1 << 6,
    String = 1 << 7,
    Bitmap = 1 << 8,
    HyperLogLog = 1 << 9,
    Geo = 1 << 10,
    Stream = 1 << 11,
    PubSub = 1 << 12,
    Admin = 1 << 13,
    Fast = 1 << 14,
    Slow = 1 << 15,
    Blocking = 1 << 16,
    Dangerous = 1 << 17,
    Connection = 1 << 18,
    Transaction = 1 << 19,
    Scripting = 1 << 20,
}

public static class FlagNames
{
    private static readonly (CommandFlags Flag, string Name)[] CommandFlagNames =
    {
        (CommandFlags.Write, "write"), (CommandFlags.ReadOnly, "readonly"), (CommandFlags.DenyOom, "denyoom"),
        (CommandFlags.Module, "module"), (CommandFlags.Admin, "admin"), (CommandFlags.PubSub, "pubsub"),
        (CommandFlags.NoScript, "noscript"), (CommandFlags.Blocking, "blocking"), (CommandFlags.Loading, "loading"),
        (CommandFlags.Stale, "stale"), (CommandFlags.SkipMonitor, "skip_monitor"), (CommandFlags.SkipSlowlog, "skip_slowlog"),
        (CommandFlags.Asking, "asking"), (CommandFlags.Fast, "fast"), (CommandFlags.NoAuth, "no_auth"),
        (CommandFlags.MayReplicate, "may_replicate"), (CommandFlags.NoMandatoryKeys, "no_mandatory_keys"),
        (CommandFlags.NoAsyncLoading, "no_async_loading"), (CommandFlags.NoMulti, "no_multi"),
        (CommandFlags.MovableKeys, "movablekeys"), (CommandFlags.AllowBusy, "allow_busy"),
    };

    public static readonly string[] AclCategoryNames =
    {
        "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap", "hyperloglog",
        "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection", "transaction", "scripting",
    };

    public static List<string> Of(CommandFlags flags)
    {
        var list = new List<string>();
        foreach (var (f, n) in CommandFlagNames) if ((flags & f) != 0) list.Add(n);
        return list;
    }

    public static List<string> Of(AclCategory cats)
    {
        var list = new List<string>();
        for (int i = 0; i < AclCategoryNames.Length; i++) if (((uint)cats & (1u << i)) != 0) list.Add("@" + AclCategoryNames[i]);
        return list;
    }
}
