using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using RedisNet.Keyspace;
using RedisNet.Protocol;

namespace RedisNet.Commands.Keys;

/// <summary>
/// DEBUG: one command whose first argument picks the action (it is not a container in Redis: an
/// unknown action or wrong argument count gets "unknown subcommand or wrong number of arguments").
/// Only runs when enable-debug-command allows it (see ProtectedCommands).
/// </summary>
public static class Debug
{
    [RedisCommand("debug", Arity = -2, Flags = CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Protected,
        Acl = AclCategory.Admin | AclCategory.Slow | AclCategory.Dangerous, Group = "server", Since = "1.0.0", DocFlags = "syscmd",
        Summary = "A container for debugging commands", Complexity = "Depends on subcommand.")]
    public static void DebugCommand(CommandContext ctx)
    {
        int argc = ctx.ArgCount;
        if (argc == 2 && ctx.ArgIs(1, "help"u8)) Help.Write(ctx, "DEBUG", DebugHelp.Lines);
        else if (argc == 3 && ctx.ArgIs(1, "object"u8)) DebugObject(ctx);
        else if (argc >= 3 && argc <= 5 && ctx.ArgIs(1, "populate"u8)) Populate(ctx);
        else if (argc == 2 && ctx.ArgIs(1, "digest"u8)) ctx.Reply.WriteSimple(Digest.OfDataset(ctx.Server.Databases).Hex());
        else if (ctx.ArgIs(1, "digest-value"u8)) DigestValue(ctx);
        else if (argc == 3 && ctx.ArgIs(1, "sleep"u8)) Sleep(ctx);
        else if (argc == 2 && ctx.ArgIs(1, "loadaof"u8)) Persistence.Aof.AofCommands.DebugLoadAof(ctx);
        else if (argc == 3 && ctx.ArgIs(1, "set-active-expire"u8))
        {
            ctx.Server.Config.ActiveExpireEnabled = CAtoi(ctx.Arg(2)) != 0;
            ctx.Reply.WriteOk();
        }
        else if (argc == 2 && ctx.ArgIs(1, "change-repl-id"u8))
        {
            ctx.Server.Log.LogWarning("Changing replication IDs after receiving DEBUG change-repl-id");
            ctx.Reply.WriteOk();
        }
        else if (argc == 3 && ctx.ArgIs(1, "log"u8))
        {
            ctx.Server.Log.LogWarning("DEBUG LOG: {Message}", Expire.CString(ctx.ArgLatin1(2)));
            ctx.Reply.WriteOk();
        }
        // Redis writes this reply raw, so it is not counted in errorstats: bypass ctx.Error on purpose.
        else if (argc == 3 && ctx.ArgIs(1, "error"u8)) ctx.Reply.WriteError(ctx.ArgLatin1(2));
        else if (argc == 3 && ctx.ArgIs(1, "protocol"u8)) DebugProtocol.Reply(ctx);
        else if (argc == 2 && ctx.ArgIs(1, "stringmatch-test"u8))
        {
            GlobFuzz(ctx.Server.Rng);
            ctx.Reply.WriteSimple("Apparently Redis did not crash: test passed");
        }
        else if (PersistenceCommands.DebugPersistence.TryRun(ctx)) { }
        else Help.SubcommandSyntaxError(ctx);
    }

    /// <summary>"Value at:... refcount:... encoding:... serializedlength:... lru:... lru_seconds_idle:...", for the key as stored.</summary>
    private static void DebugObject(CommandContext ctx)
    {
        var e = ctx.Db.FindRaw(ctx.Arg(2));
        if (e is null) { ctx.Error(Errors.NoSuchKey); return; }
        // No stable native address exists in .NET; print a pointer-shaped identity instead.
        long fakeAddress = 0x7f0000000000L + ((long)(uint)RuntimeHelpers.GetHashCode(e.Value) << 4);
        ctx.Reply.WriteSimple($"Value at:0x{fakeAddress:x} refcount:{ObjectCommand.RefCountOf(e.Value)} encoding:{ObjectCommand.EncodingOf(e)} " +
            $"serializedlength:{SerializedLength(e.Value, ctx.Server.Config.RdbCompression)} lru:{e.Lru} lru_seconds_idle:{ObjectCommand.IdleMs(ctx, e) / 1000}" +
            (e.BoxedValue is { } boxed && TypeNames.Of(boxed).DebugObjectFields is { } extra ? extra(boxed) : ""));
    }

    /// <summary>
    /// Bytes the value takes in an RDB file (rdbSavedObjectLen): the value encoded by the RDB writer,
    /// with LZF as rdbcompression says; a type may bring its own size function instead.
    /// </summary>
    internal static long SerializedLength(object value, bool compress = true)
    {
        if (value is not (byte[] or MutableString) && TypeNames.Of(value).SerializedLength is { } own) return own(value);
        var w = new Persistence.Rdb.RdbWriter(compress, capacity: 256);
        w.WriteValue(value);
        return w.Position;
    }

    /// <summary>POPULATE count [prefix] [size]: keys "prefix:N" with values "value:N" (zero-padded or cut to size); existing keys are kept. Not a write for propagation.</summary>
    private static void Populate(CommandContext ctx)
    {
        if (!TryPositive(ctx, 2, out long count)) return;
        long size = 0;
        if (ctx.ArgCount == 5 && !TryPositive(ctx, 4, out size)) return;
        var prefix = ctx.ArgCount >= 4 ? CStringBytes(ctx.Arg(3)) : "key"u8.ToArray();
        var db = ctx.Db;
        // Key and value are built in reusable buffers: a million keys leave no garbage behind.
        Span<byte> key = stackalloc byte[128];
        Span<byte> text = stackalloc byte[32];
        Span<byte> num = stackalloc byte[20];
        var value = size > 0 ? new byte[size] : null;
        "value:"u8.CopyTo(text);
        for (long j = 0; j < count; j++)
        {
            int n = Math.Min(prefix.Length, 127);
            prefix.AsSpan(0, n).CopyTo(key);
            if (n < 127) key[n++] = (byte)':';
            // Redis formats the key into a 128-byte buffer: longer names are cut at 127 bytes.
            int digits = NumberFormat.FormatInt64(j, num);
            int take = Math.Min(digits, 127 - n);
            num[..take].CopyTo(key[n..]);
            var k = key[..(n + take)];
            if (db.Lookup(k) != null) continue;
            num[..digits].CopyTo(text[6..]);
            var t = text[..(6 + digits)];
            if (value is null) { db.AddString(k, t); continue; }
            value.AsSpan().Clear();
            t[..(int)Math.Min(size, t.Length)].CopyTo(value);
            db.AddString(k, value);
        }
        ctx.Reply.WriteOk();
    }

    /// <summary>getPositiveLongFromObjectOrReply: one message whether the argument is not a number or negative.</summary>
    private static bool TryPositive(CommandContext ctx, int i, out long value)
    {
        const string error = "ERR value is out of range, must be positive";
        if (!ctx.TryArgLong(i, out value, error)) return false;
        if (value >= 0) return true;
        ctx.Error(error);
        return false;
    }

    /// <summary>DIGEST-VALUE key...: each key's value digest (zeros when missing); expired keys still count.</summary>
    private static void DigestValue(CommandContext ctx)
    {
        ctx.Reply.WriteArrayHeader(ctx.ArgCount - 2);
        var d = new Digest();
        for (int i = 2; i < ctx.ArgCount; i++)
        {
            d.Clear();
            var e = ctx.Db.FindRaw(ctx.Arg(i));
            if (e != null) Digest.XorEntryValue(d, e);
            ctx.Reply.WriteSimple(d.Hex());
        }
    }

    /// <summary>SLEEP seconds (decimals allowed): blocks the whole server, as in Redis. Unparsable means 0.</summary>
    private static void Sleep(CommandContext ctx)
    {
        double seconds = CStrtod(ctx.Arg(2));
        long us = (long)(seconds * 1_000_000);
        if (us > 0) Thread.Sleep(TimeSpan.FromMicroseconds(us));
        ctx.Reply.WriteOk();
    }

    /// <summary>C's atoi: optional spaces and sign, then digits up to the first non-digit.</summary>
    internal static long CAtoi(ReadOnlySpan<byte> s)
    {
        int i = 0;
        while (i < s.Length && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
        bool neg = i < s.Length && s[i] == '-';
        if (i < s.Length && (s[i] == '-' || s[i] == '+')) i++;
        long v = 0;
        for (; i < s.Length && s[i] >= '0' && s[i] <= '9'; i++) v = unchecked(v * 10 + (s[i] - '0'));
        return neg ? -v : v;
    }

    /// <summary>C's strtod on a prefix: the longest leading decimal number, 0 if none.</summary>
    private static double CStrtod(ReadOnlySpan<byte> s)
    {
        var text = Encoding.Latin1.GetString(s).TrimStart();
        var m = System.Text.RegularExpressions.Regex.Match(text, @"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?");
        return m.Success ? double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static byte[] CStringBytes(ReadOnlySpan<byte> s)
    {
        int nul = s.IndexOf((byte)0);
        return (nul < 0 ? s : s[..nul]).ToArray();
    }

    /// <summary>STRINGMATCH-TEST: random patterns against random strings; passing means not crashing.</summary>
    private static void GlobFuzz(Random rng)
    {
        Span<byte> pattern = stackalloc byte[32], text = stackalloc byte[32];
        for (int i = 0; i < 100_000; i++)
        {
            int plen = rng.Next(pattern.Length), tlen = rng.Next(text.Length);
            for (int k = 0; k < plen; k++) pattern[k] = (byte)rng.Next(256);
            for (int k = 0; k < tlen; k++) text[k] = (byte)rng.Next(256);
            Glob.Match(pattern[..plen], text[..tlen], nocase: false);
        }
    }
}
