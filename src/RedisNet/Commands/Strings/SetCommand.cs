using RedisNet.Config;
using RedisNet.Keyspace;
using RedisNet.Protocol;

namespace RedisNet.Commands.Strings;

/// <summary>The options SET and GETEX accept (Redis's OBJ_SET_* / OBJ_EX... flags).</summary>
[Flags]
internal enum SetOptions
{
    None = 0,
    Nx = 1,
    Xx = 2,
    Get = 4,
    KeepTtl = 8,
    Persist = 16,
    Ex = 32,
    Px = 64,
    ExAt = 128,
    PxAt = 256,
    AnyExpire = Ex | Px | ExAt | PxAt,
}

/// <summary>SET and its older forms SETNX, SETEX, PSETEX.</summary>
public static class SetCommand
{
    [RedisCommand("set", Arity = -3, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Slow,
        KeySpecs = "RW,ACCESS,UPDATE,VARIABLE_FLAGS index:1 range:0,1,0 notes:RW and ACCESS due to the optional `GET` argument",
        Group = "string", Since = "1.0.0", Summary = "Set the string value of a key", Complexity = "O(1)")]
    public static void Set(CommandContext ctx)
    {
        var options = SetOptions.None;
        int expireArg = -1;
        if (ctx.ArgCount > 3 && !ParseOptions(ctx, 3, forSet: true, out options, out expireArg)) return;
        long when = -1;
        if (expireArg > 0 && !StringAccess.TryExpireAt(ctx, expireArg, (options & (SetOptions.Ex | SetOptions.ExAt)) != 0,
                (options & (SetOptions.Ex | SetOptions.Px)) != 0, out when)) return;
        SetGeneric(ctx, options, valueArg: 2, when, setnxReplies: false);
    }

    [RedisCommand("setnx", Arity = 3, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Fast, KeySpecs = "OW,INSERT index:1 range:0,1,0",
        Group = "string", Since = "1.0.0", Summary = "Set the value of a key, only if the key does not exist", Complexity = "O(1)")]
    public static void SetNx(CommandContext ctx) => SetGeneric(ctx, SetOptions.Nx, valueArg: 2, when: -1, setnxReplies: true);

    [RedisCommand("setex", Arity = 4, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Slow, KeySpecs = "OW,UPDATE index:1 range:0,1,0",
        Group = "string", Since = "2.0.0", Summary = "Set the value and expiration of a key", Complexity = "O(1)")]
    public static void SetEx(CommandContext ctx) => SetWithTtl(ctx, seconds: true);

    [RedisCommand("psetex", Arity = 4, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Slow, KeySpecs = "OW,UPDATE index:1 range:0,1,0",
        Group = "string", Since = "2.6.0", Summary = "Set the value and expiration in milliseconds of a key", Complexity = "O(1)")]
    public static void PSetEx(CommandContext ctx) => SetWithTtl(ctx, seconds: false);

    /// <summary>SETEX / PSETEX key ttl value: SET with EX / PX.</summary>
    private static void SetWithTtl(CommandContext ctx, bool seconds)
    {
        if (!StringAccess.TryExpireAt(ctx, 2, seconds, relative: true, out long when)) return;
        SetGeneric(ctx, seconds ? SetOptions.Ex : SetOptions.Px, valueArg: 3, when, setnxReplies: false);
    }

    /// <summary>
    /// Redis's parseExtendedStringArgumentsOrReply. Options may repeat (the last EX wins) but
    /// conflicting ones (NX with XX, two kinds of expiry, KEEPTTL or PERSIST with an expiry) are
    /// a syntax error, as is an expiry keyword without a value.
    /// </summary>
    internal static bool ParseOptions(CommandContext ctx, int start, bool forSet, out SetOptions options, out int expireArg)
    {
        options = SetOptions.None;
        expireArg = -1;
        for (int j = start; j < ctx.ArgCount; j++)
        {
            bool hasNext = j < ctx.ArgCount - 1;
            if (forSet && ctx.ArgIs(j, "nx"u8) && (options & SetOptions.Xx) == 0) options |= SetOptions.Nx;
            else if (forSet && ctx.ArgIs(j, "xx"u8) && (options & SetOptions.Nx) == 0) options |= SetOptions.Xx;
            else if (forSet && ctx.ArgIs(j, "get"u8)) options |= SetOptions.Get;
            else if (forSet && ctx.ArgIs(j, "keepttl"u8) && (options & (SetOptions.Persist | SetOptions.AnyExpire)) == 0) options |= SetOptions.KeepTtl;
            else if (!forSet && ctx.ArgIs(j, "persist"u8) && (options & (SetOptions.KeepTtl | SetOptions.AnyExpire)) == 0) options |= SetOptions.Persist;
            else if (TryExpireOption(ctx, j, hasNext, "ex"u8, SetOptions.Ex, ref options)
                || TryExpireOption(ctx, j, hasNext, "px"u8, SetOptions.Px, ref options)
                || TryExpireOption(ctx, j, hasNext, "exat"u8, SetOptions.ExAt, ref options)
                || TryExpireOption(ctx, j, hasNext, "pxat"u8, SetOptions.PxAt, ref options))
                expireArg = ++j;
            else
            {
                ctx.SyntaxError();
                return false;
            }
        }
        return true;
    }

    /// <summary>An expiry keyword is accepted when no other kind of expiry, KEEPTTL or PERSIST was given and a value follows.</summary>
    private static bool TryExpireOption(CommandContext ctx, int j, bool hasNext, ReadOnlySpan<byte> name, SetOptions flag, ref SetOptions options)
    {
        var conflicts = SetOptions.KeepTtl | SetOptions.Persist | (SetOptions.AnyExpire & ~flag);
        if (!hasNext || (options & conflicts) != 0 || !ctx.ArgIs(j, name)) return false;
        options |= flag;
        return true;
    }

    /// <summary>
    /// Redis's setGenericCommand, after the expire time was validated (<paramref name="when"/> is
    /// an absolute Unix ms time, or -1). With GET the old value is the reply; NX/XX may abort.
    /// </summary>
    private static void SetGeneric(CommandContext ctx, SetOptions options, int valueArg, long when, bool setnxReplies)
    {
        var key = ctx.Arg(1);
        bool get = (options & SetOptions.Get) != 0;
        if (get && !StringAccess.ReplyGet(ctx, key, out _)) return;

        var db = ctx.Db;
        var e = db.Lookup(key);
        if (((options & SetOptions.Nx) != 0 && e != null) || ((options & SetOptions.Xx) != 0 && e is null))
        {
            if (setnxReplies) ctx.Reply.WriteInteger(0);
            else if (!get) ctx.Reply.WriteNull();
            return;
        }

        var value = ctx.Arg(valueArg);
        if (e is null) e = db.AddString(key, value);
        else db.OverwriteString(e, value, keepTtl: (options & SetOptions.KeepTtl) != 0);
        ctx.Dirty();
        db.Notify(KeyspaceEventFlags.String, "set"u8, key);

        if (when >= 0)
        {
            db.SetExpire(e, when);
            db.Notify(KeyspaceEventFlags.Generic, "expire"u8, key);
            // Relative or absolute, the replica and the AOF get one absolute form.
            if (StringAccess.Propagating(ctx))
                ctx.Propagate(StringAccess.SetName, e.KeyBytes(), value.ToArray(), StringAccess.PxAtName, NumberFormat.Int64Bytes(when));
        }
        else if (get && StringAccess.Propagating(ctx)) PropagateWithoutGet(ctx);

        if (setnxReplies) ctx.Reply.WriteInteger(1);
        else if (!get) ctx.Reply.WriteOk();
    }

    /// <summary>The GET option only shapes the reply, so it is left out of what replicas see.</summary>
    private static void PropagateWithoutGet(CommandContext ctx)
    {
        int n = 0;
        for (int j = 0; j < ctx.ArgCount; j++) if (j < 3 || !ctx.ArgIs(j, "get"u8)) n++;
        var argv = new byte[n][];
        n = 0;
        for (int j = 0; j < ctx.ArgCount; j++) if (j < 3 || !ctx.ArgIs(j, "get"u8)) argv[n++] = ctx.ArgBytes(j);
        ctx.Propagate(argv);
    }
}
