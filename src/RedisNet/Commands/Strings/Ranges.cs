using RedisNet.Config;
using RedisNet.Keyspace;

namespace RedisNet.Commands.Strings;

/// <summary>Commands on parts of a string: APPEND, STRLEN, GETRANGE (and its old name SUBSTR), SETRANGE.</summary>
public static class Ranges
{
    [RedisCommand("append", Arity = 3, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Fast, KeySpecs = "RW,INSERT index:1 range:0,1,0",
        Group = "string", Since = "2.0.0", Summary = "Append a value to a key",
        Complexity = "O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.")]
    public static void Append(CommandContext ctx)
    {
        var key = ctx.Arg(1);
        var suffix = ctx.Arg(2);
        if (!StringAccess.LookupWriteString(ctx, key, out var e)) return;
        long total;
        if (e is null)
        {
            // A new key is stored as SET would store it (int/embstr/raw by content).
            ctx.Db.Add(key, suffix.ToArray());
            total = suffix.Length;
        }
        else
        {
            if (!StringAccess.CheckLength(ctx, StringValues.Length(e), suffix.Length)) return;
            var m = StringValues.Unshare(e);
            int old = m.Length;
            m.EnsureLength(old + suffix.Length);
            suffix.CopyTo(m.Buffer.AsSpan(old));
            ctx.Db.SignalModified(key);
            total = m.Length;
        }
        ctx.Dirty();
        ctx.Db.Notify(KeyspaceEventFlags.String, "append"u8, key);
        ctx.Reply.WriteInteger(total);
    }

    [RedisCommand("strlen", Arity = 2, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.String | AclCategory.Fast, KeySpecs = "RO index:1 range:0,1,0",
        Group = "string", Since = "2.2.0", Summary = "Get the length of the value stored in a key", Complexity = "O(1)")]
    public static void StrLen(CommandContext ctx)
    {
        var e = StringAccess.LookupRead(ctx, ctx.Arg(1));
        if (e is null) ctx.Reply.WriteInteger(0);
        else if (!StringValues.IsString(e)) ctx.WrongType();
        else ctx.Reply.WriteInteger(StringValues.Length(e));
    }

    private const string RangeComplexity = "O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.";

    [RedisCommand("getrange", Arity = 4, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.String | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:0,1,0",
        Group = "string", Since = "2.4.0", Summary = "Get a substring of the string stored at a key", Complexity = RangeComplexity)]
    public static void GetRange(CommandContext ctx) => GetRangeGeneric(ctx);

    [RedisCommand("substr", Arity = 4, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.String | AclCategory.Slow, KeySpecs = "RO,ACCESS index:1 range:0,1,0",
        Group = "string", Since = "1.0.0", Summary = "Get a substring of the string stored at a key", Complexity = RangeComplexity,
        DocFlags = "deprecated", DeprecatedSince = "2.0.0", ReplacedBy = "`GETRANGE`")]
    public static void Substr(CommandContext ctx) => GetRangeGeneric(ctx);

    /// <summary>Inclusive start..end, negative counting from the end, clamped to the string; out of range is "".</summary>
    private static void GetRangeGeneric(CommandContext ctx)
    {
        if (!ctx.TryArgLong(2, out long start) || !ctx.TryArgLong(3, out long end)) return;
        var e = StringAccess.LookupRead(ctx, ctx.Arg(1));
        if (e is null)
        {
            ctx.Reply.WriteBulk(ReadOnlySpan<byte>.Empty);
            return;
        }
        if (!StringValues.TryGetSpan(e, out var s))
        {
            ctx.WrongType();
            return;
        }
        long len = s.Length;
        if (start < 0 && end < 0 && start > end)
        {
            ctx.Reply.WriteBulk(ReadOnlySpan<byte>.Empty);
            return;
        }
        if (start < 0) start = len + start;
        if (end < 0) end = len + end;
        if (start < 0) start = 0;
        if (end < 0) end = 0;
        if (end >= len) end = len - 1;
        if (start > end || len == 0) ctx.Reply.WriteBulk(ReadOnlySpan<byte>.Empty);
        else ctx.Reply.WriteBulk(s.Slice((int)start, (int)(end - start + 1)));
    }

    [RedisCommand("setrange", Arity = 4, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.String | AclCategory.Slow, KeySpecs = "RW,UPDATE index:1 range:0,1,0",
        Group = "string", Since = "2.2.0", Summary = "Overwrite part of a string at key starting at the specified offset",
        Complexity = "O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.")]
    public static void SetRange(CommandContext ctx)
    {
        if (!ctx.TryArgLong(2, out long offset)) return;
        if (offset < 0)
        {
            ctx.Error("ERR offset is out of range");
            return;
        }
        var key = ctx.Arg(1);
        var patch = ctx.Arg(3);
        if (!StringAccess.LookupWriteString(ctx, key, out var e)) return;
        MutableString m;
        if (e is null)
        {
            // Setting nothing on a missing key creates nothing.
            if (patch.Length == 0) { ctx.Reply.WriteInteger(0); return; }
            if (!StringAccess.CheckLength(ctx, offset, patch.Length)) return;
            m = new MutableString(ReadOnlySpan<byte>.Empty, (int)offset + patch.Length);
            m.EnsureLength((int)offset + patch.Length);
            ctx.Db.Add(key, m);
        }
        else
        {
            if (patch.Length == 0) { ctx.Reply.WriteInteger(StringValues.Length(e)); return; }
            if (!StringAccess.CheckLength(ctx, offset, patch.Length)) return;
            m = StringValues.Unshare(e);
            m.EnsureLength(Math.Max(m.Length, (int)offset + patch.Length));
            ctx.Db.SignalModified(key);
        }
        patch.CopyTo(m.Buffer.AsSpan((int)offset));
        ctx.Dirty();
        ctx.Db.Notify(KeyspaceEventFlags.String, "setrange"u8, key);
        ctx.Reply.WriteInteger(m.Length);
    }
}
