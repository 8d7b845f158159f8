using RedisNet.Config;
using RedisNet.Protocol;

namespace RedisNet.Commands.Keys;

/// <summary>EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (with 7.0's NX/XX/GT/LT) and PERSIST.</summary>
public static class Expire
{
    [Flags]
    private enum Cond { None = 0, Nx = 1, Xx = 2, Gt = 4, Lt = 8 }

    private const string Keyspec = "RW,UPDATE index:1 range:0,1,0";
    private const CommandFlags WriteFast = CommandFlags.Write | CommandFlags.Fast;
    private const AclCategory Acl = AclCategory.Keyspace | AclCategory.Write | AclCategory.Fast;

    [RedisCommand("expire", Arity = -3, Flags = WriteFast, FirstKey = 1, LastKey = 1, Step = 1, Acl = Acl, KeySpecs = Keyspec,
        Group = "generic", Since = "1.0.0", Summary = "Set a key's time to live in seconds", Complexity = "O(1)")]
    public static void ExpireCommand(CommandContext ctx) => SetExpire(ctx, relative: true, seconds: true);

    [RedisCommand("pexpire", Arity = -3, Flags = WriteFast, FirstKey = 1, LastKey = 1, Step = 1, Acl = Acl, KeySpecs = Keyspec,
        Group = "generic", Since = "2.6.0", Summary = "Set a key's time to live in milliseconds", Complexity = "O(1)")]
    public static void PExpire(CommandContext ctx) => SetExpire(ctx, relative: true, seconds: false);

    [RedisCommand("expireat", Arity = -3, Flags = WriteFast, FirstKey = 1, LastKey = 1, Step = 1, Acl = Acl, KeySpecs = Keyspec,
        Group = "generic", Since = "1.2.0", Summary = "Set the expiration for a key as a UNIX timestamp", Complexity = "O(1)")]
    public static void ExpireAt(CommandContext ctx) => SetExpire(ctx, relative: false, seconds: true);

    [RedisCommand("pexpireat", Arity = -3, Flags = WriteFast, FirstKey = 1, LastKey = 1, Step = 1, Acl = Acl, KeySpecs = Keyspec,
        Group = "generic", Since = "2.6.0", Summary = "Set the expiration for a key as a UNIX timestamp specified in milliseconds", Complexity = "O(1)")]
    public static void PExpireAt(CommandContext ctx) => SetExpire(ctx, relative: false, seconds: false);

    [RedisCommand("persist", Arity = 2, Flags = WriteFast, FirstKey = 1, LastKey = 1, Step = 1, Acl = Acl, KeySpecs = Keyspec,
        Group = "generic", Since = "2.2.0", Summary = "Remove the expiration from a key", Complexity = "O(1)")]
    public static void Persist(CommandContext ctx)
    {
        var e = ctx.Db.Lookup(ctx.Arg(1));
        if (e is null || !ctx.Db.RemoveExpire(e)) { ctx.Reply.WriteInteger(0); return; }
        ctx.Db.SignalModified(ctx.Arg(1));
        ctx.Db.Notify(KeyspaceEventFlags.Generic, "persist"u8, ctx.Arg(1));
        ctx.Dirty();
        ctx.Reply.WriteInteger(1);
    }

    /// <summary>Redis's expireGenericCommand: options, then the time (checked for overflow), then the key.</summary>
    private static void SetExpire(CommandContext ctx, bool relative, bool seconds)
    {
        if (!TryParseConditions(ctx, out var cond)) return;
        if (!ctx.TryArgLong(2, out long when)) return;
        long basetime = relative ? ctx.Server.Clock.CurrentMs : 0;
        if (seconds)
        {
            if (when > long.MaxValue / 1000 || when < long.MinValue / 1000) { InvalidExpire(ctx); return; }
            when *= 1000;
        }
        if (when > long.MaxValue - basetime) { InvalidExpire(ctx); return; }
        when += basetime;

        var db = ctx.Db;
        var key = ctx.Arg(1);
        var e = db.Lookup(key);
        if (e is null) { ctx.Reply.WriteInteger(0); return; }
        long current = e.ExpireAt;
        // A key without a TTL counts as expiring never: GT always fails on it, LT always passes.
        bool refused = ((cond & Cond.Nx) != 0 && current != -1)
            || ((cond & Cond.Xx) != 0 && current == -1)
            || ((cond & Cond.Gt) != 0 && (current == -1 || when <= current))
            || ((cond & Cond.Lt) != 0 && current != -1 && when >= current);
        if (refused) { ctx.Reply.WriteInteger(0); return; }

        if (when <= ctx.Server.Clock.CurrentMs && !ctx.Server.IsReplicaOfMaster)
        {
            // Already in the past: the key goes now, and replicas/AOF see a DEL.
            db.Remove(e);
            db.SignalModified(key);
            db.Notify(KeyspaceEventFlags.Generic, "del"u8, key);
            ctx.Dirty();
            if (ctx.Server.Propagation.Active) ctx.Propagate("DEL"u8.ToArray(), key.ToArray());
            ctx.Reply.WriteInteger(1);
            return;
        }
        db.SetExpire(e, when);
        db.SignalModified(key);
        db.Notify(KeyspaceEventFlags.Generic, "expire"u8, key);
        ctx.Dirty();
        // Relative and second-based forms propagate as PEXPIREAT with the absolute time, options kept.
        if ((relative || seconds) && ctx.Server.Propagation.Active)
        {
            var argv = ctx.AllArgs();
            argv[0] = "PEXPIREAT"u8.ToArray();
            argv[2] = NumberFormat.Int64Bytes(when);
            ctx.Propagate(argv);
        }
        ctx.Reply.WriteInteger(1);
    }

    private static bool TryParseConditions(CommandContext ctx, out Cond cond)
    {
        cond = Cond.None;
        for (int i = 3; i < ctx.ArgCount; i++)
        {
            if (ctx.ArgIs(i, "nx"u8)) cond |= Cond.Nx;
            else if (ctx.ArgIs(i, "xx"u8)) cond |= Cond.Xx;
            else if (ctx.ArgIs(i, "gt"u8)) cond |= Cond.Gt;
            else if (ctx.ArgIs(i, "lt"u8)) cond |= Cond.Lt;
            else { ctx.Error("ERR Unsupported option " + CString(ctx.ArgLatin1(i))); return false; }
        }
        if ((cond & Cond.Nx) != 0 && (cond & (Cond.Xx | Cond.Gt | Cond.Lt)) != 0)
        {
            ctx.Error("ERR NX and XX, GT or LT options at the same time are not compatible");
            return false;
        }
        if ((cond & Cond.Gt) != 0 && (cond & Cond.Lt) != 0)
        {
            ctx.Error("ERR GT and LT options at the same time are not compatible");
            return false;
        }
        return true;
    }

    private static void InvalidExpire(CommandContext ctx) => ctx.Error(string.Format(Errors.InvalidExpire, ctx.Command.Name));

    /// <summary>Text as C's %s prints it: up to the first NUL byte.</summary>
    internal static string CString(string s)
    {
        int nul = s.IndexOf('\0');
        return nul < 0 ? s : s[..nul];
    }
}
