using RedisNet.Keyspace;
using RedisNet.Protocol;

namespace RedisNet.Commands.Keys;

/// <summary>SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] over the keyspace.</summary>
public static class Scan
{
    [RedisCommand("scan", Arity = -2, Flags = CommandFlags.ReadOnly,
        Acl = AclCategory.Keyspace | AclCategory.Read | AclCategory.Slow,
        Tips = "nondeterministic_output;request_policy:special", Group = "generic", Since = "2.8.0",
        Summary = "Incrementally iterate the keys space",
        Complexity = "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.")]
    public static void ScanCommand(CommandContext ctx)
    {
        if (!TryParseCursor(ctx.Arg(1), out ulong cursor)) { ctx.Error("ERR invalid cursor"); return; }
        long count = 10;
        int patternArg = -1, typeArg = -1;
        for (int i = 2; i < ctx.ArgCount; i += 2)
        {
            bool hasValue = ctx.ArgCount - i >= 2;
            if (ctx.ArgIs(i, "count"u8) && hasValue)
            {
                if (!ctx.TryArgLong(i + 1, out count)) return;
                if (count < 1) { ctx.SyntaxError(); return; }
            }
            else if (ctx.ArgIs(i, "match"u8) && hasValue) patternArg = i + 1;
            else if (ctx.ArgIs(i, "type"u8) && hasValue) typeArg = i + 1;
            else { ctx.SyntaxError(); return; }
        }
        // MATCH * filters nothing.
        if (patternArg >= 0 && ctx.Arg(patternArg).Length == 1 && ctx.Arg(patternArg)[0] == '*') patternArg = -1;

        var db = ctx.Db;
        var found = new List<KeyEntry>();
        // As in C: the budget is tested for non-zero, so a COUNT whose x10 overflows scans on until COUNT keys.
        long maxIterations = unchecked(count * 10);
        do cursor = db.Scan(cursor, found.Add);
        while (cursor != 0 && maxIterations-- != 0 && found.Count < count);

        var keys = new List<byte[]>(found.Count);
        long now = ctx.Server.Clock.NowMs;
        foreach (var e in found)
        {
            if (patternArg >= 0 && !Glob.Match(ctx.Arg(patternArg), e.Key, nocase: false)) continue;
            if (typeArg >= 0)
            {
                // As Redis: a read lookup (stats, lazy expiry), and a reclaimed key reads as type "none".
                var live = db.LookupRead(e.Key, touch: false);
                if (!System.Text.Ascii.EqualsIgnoreCase(ctx.Arg(typeArg), TypeNames.NameOf(live))) continue;
                if (live is null) { keys.Add(e.KeyBytes()); continue; }
            }
            if (e.ExpireAt >= 0 && e.ExpireAt <= now)
            {
                if (!ctx.Server.IsReplicaOfMaster) db.ExpireNow(e);
                continue;
            }
            keys.Add(e.KeyBytes());
        }
        ctx.Reply.WriteArrayHeader(2);
        ctx.Reply.WriteBulk((long)cursor);
        ctx.Reply.WriteBulkArray(keys);
    }

    /// <summary>
    /// The cursor as C's strtoul reads it, which Redis relies on: optional sign ("-1" wraps to the
    /// largest cursor), decimal digits, nothing after them, no leading space, no overflow; "" is 0.
    /// </summary>
    public static bool TryParseCursor(ReadOnlySpan<byte> s, out ulong cursor)
    {
        cursor = 0;
        if (s.Length == 0) return true;
        int i = 0;
        bool negative = false;
        if (s[0] == '+' || s[0] == '-') { negative = s[0] == '-'; i = 1; }
        if (i == s.Length) return false;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return false;
            if (cursor > (ulong.MaxValue - d) / 10) return false;
            cursor = cursor * 10 + d;
        }
        if (negative) cursor = 0 - cursor;
        return true;
    }
}
