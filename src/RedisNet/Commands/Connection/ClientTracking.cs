using RedisNet.Server;

namespace RedisNet.Commands.Connection;

/// <summary>CLIENT TRACKING, CACHING, GETREDIR, TRACKINGINFO: server-assisted client-side caching.</summary>
public static class ClientTracking
{
    private const CommandFlags Plain = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale;
    private const AclCategory Acl = AclCategory.Slow | AclCategory.Connection;

    [RedisCommand("client|tracking", Arity = -3, Flags = Plain, Acl = Acl, Group = "connection", Since = "6.0.0",
        Summary = "Enable or disable server assisted client side caching support", Complexity = "O(1). Some options may introduce additional complexity.")]
    public static void Tracking(CommandContext ctx)
    {
        var c = ctx.Client;
        long redirect = 0;
        var options = TrackingMode.None;
        var prefixes = new List<byte[]>();
        // Options first, in Redis's order of checks: a bad option wins over a bad ON/OFF.
        for (int j = 3; j < ctx.ArgCount; j++)
        {
            bool more = ctx.ArgCount - 1 > j;
            if (ctx.ArgIs(j, "redirect"u8) && more)
            {
                j++;
                if (redirect != 0) { ctx.Error("ERR A client can only redirect to a single other client"); return; }
                if (!ctx.TryArgLong(j, out redirect)) return;
                if (!ctx.Server.Clients.ContainsKey(redirect)) { ctx.Error("ERR The client ID you want redirect to does not exist"); return; }
            }
            else if (ctx.ArgIs(j, "bcast"u8)) options |= TrackingMode.Bcast;
            else if (ctx.ArgIs(j, "optin"u8)) options |= TrackingMode.OptIn;
            else if (ctx.ArgIs(j, "optout"u8)) options |= TrackingMode.OptOut;
            else if (ctx.ArgIs(j, "noloop"u8)) options |= TrackingMode.NoLoop;
            else if (ctx.ArgIs(j, "prefix"u8) && more) prefixes.Add(ctx.ArgBytes(++j));
            else { ctx.SyntaxError(); return; }
        }
        var table = ctx.Server.Tracking;
        if (ctx.ArgIs(2, "on"u8))
        {
            if ((options & TrackingMode.Bcast) == 0 && prefixes.Count > 0)
            {
                ctx.Error("ERR PREFIX option requires BCAST mode to be enabled");
                return;
            }
            bool on = (c.Flags & ClientFlags.Tracking) != 0;
            if (on && c.Tracking!.Has(TrackingMode.Bcast) != ((options & TrackingMode.Bcast) != 0))
            {
                ctx.Error("ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.");
                return;
            }
            if ((options & TrackingMode.Bcast) != 0 && (options & (TrackingMode.OptIn | TrackingMode.OptOut)) != 0)
            {
                ctx.Error("ERR OPTIN and OPTOUT are not compatible with BCAST");
                return;
            }
            if ((options & TrackingMode.OptIn) != 0 && (options & TrackingMode.OptOut) != 0)
            {
                ctx.Error("ERR You can't specify both OPTIN mode and OPTOUT mode");
                return;
            }
            if (on && (((options & TrackingMode.OptIn) != 0 && c.Tracking!.Has(TrackingMode.OptOut))
                       || ((options & TrackingMode.OptOut) != 0 && c.Tracking!.Has(TrackingMode.OptIn))))
            {
                ctx.Error("ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.");
                return;
            }
            if ((options & TrackingMode.Bcast) != 0 && !PrefixesOk(ctx, prefixes)) return;
            table.Enable(c, redirect, options, prefixes);
        }
        else if (ctx.ArgIs(2, "off"u8)) table.Disable(c);
        else { ctx.SyntaxError(); return; }
        ctx.Reply.WriteOk();
    }

    /// <summary>
    /// Redis's checkPrefixCollisionsOrReply: no new prefix may be a prefix of (or share a prefix
    /// with) an existing one or another new one. Its quirk is kept: a clash found while checking
    /// the second or later new prefix is reported but the command still goes on.
    /// </summary>
    private static bool PrefixesOk(CommandContext ctx, List<byte[]> prefixes)
    {
        var existing = ctx.Client.Tracking?.Prefixes;
        for (int i = 0; i < prefixes.Count; i++)
        {
            if (existing != null)
                foreach (var p in existing)
                    if (Overlap(p, prefixes[i]))
                    {
                        ctx.Error($"ERR Prefix '{CString(prefixes[i])}' overlaps with an existing prefix '{CString(p)}'. Prefixes for a single client must not overlap.");
                        return false;
                    }
            for (int j = i + 1; j < prefixes.Count; j++)
                if (Overlap(prefixes[i], prefixes[j]))
                {
                    ctx.Error($"ERR Prefix '{CString(prefixes[i])}' overlaps with another provided prefix '{CString(prefixes[j])}'. Prefixes for a single client must not overlap.");
                    return i != 0;
                }
        }
        return true;
    }

    private static bool Overlap(byte[] a, byte[] b)
    {
        int n = Math.Min(a.Length, b.Length);
        return a.AsSpan(0, n).SequenceEqual(b.AsSpan(0, n));
    }

    /// <summary>The text up to the first NUL, as Redis's %s formatting shows it.</summary>
    private static string CString(byte[] s)
    {
        int nul = Array.IndexOf(s, (byte)0);
        return System.Text.Encoding.Latin1.GetString(s, 0, nul < 0 ? s.Length : nul);
    }

    [RedisCommand("client|caching", Arity = 3, Flags = Plain, Acl = Acl, Group = "connection", Since = "6.0.0",
        Summary = "Instruct the server about tracking or not keys in the next request", Complexity = "O(1)")]
    public static void Caching(CommandContext ctx)
    {
        var c = ctx.Client;
        if ((c.Flags & ClientFlags.Tracking) == 0)
        {
            ctx.Error("ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled");
            return;
        }
        var st = c.Tracking!;
        if (ctx.ArgIs(2, "yes"u8))
        {
            if (!st.Has(TrackingMode.OptIn)) { ctx.Error("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode."); return; }
        }
        else if (ctx.ArgIs(2, "no"u8))
        {
            if (!st.Has(TrackingMode.OptOut)) { ctx.Error("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode."); return; }
        }
        else { ctx.SyntaxError(); return; }
        st.Mode |= TrackingMode.Caching;
        ctx.Reply.WriteOk();
    }

    [RedisCommand("client|getredir", Arity = 2, Flags = Plain, Acl = Acl, Group = "connection", Since = "6.0.0", Summary = "Get tracking notifications redirection client ID if any", Complexity = "O(1)")]
    public static void GetRedir(CommandContext ctx)
        => ctx.Reply.WriteInteger((ctx.Client.Flags & ClientFlags.Tracking) != 0 ? ctx.Client.Tracking!.Redirect : -1);

    [RedisCommand("client|trackinginfo", Arity = 2, Flags = Plain, Acl = Acl, Group = "connection", Since = "6.2.0", Summary = "Return information about server assisted client side caching for the current connection", Complexity = "O(1)")]
    public static void TrackingInfo(CommandContext ctx)
    {
        var c = ctx.Client;
        var r = ctx.Reply;
        bool on = (c.Flags & ClientFlags.Tracking) != 0;
        var st = c.Tracking;
        var flags = new List<string>();
        if (!on) flags.Add("off");
        else
        {
            flags.Add("on");
            if (st!.Has(TrackingMode.Bcast)) flags.Add("bcast");
            if (st.Has(TrackingMode.OptIn)) { flags.Add("optin"); if (st.Has(TrackingMode.Caching)) flags.Add("caching-yes"); }
            if (st.Has(TrackingMode.OptOut)) { flags.Add("optout"); if (st.Has(TrackingMode.Caching)) flags.Add("caching-no"); }
            if (st.Has(TrackingMode.NoLoop)) flags.Add("noloop");
            if (st.Has(TrackingMode.BrokenRedirect)) flags.Add("broken_redirect");
        }
        r.WriteMapHeader(3);
        r.WriteBulk("flags"u8);
        r.WriteSetHeader(flags.Count);
        foreach (var f in flags) r.WriteBulk(f);
        r.WriteBulk("redirect"u8);
        r.WriteInteger(on ? st!.Redirect : -1);
        r.WriteBulk("prefixes"u8);
        var prefixes = st?.Prefixes;
        r.WriteArrayHeader(prefixes?.Count ?? 0);
        if (prefixes != null) foreach (var p in prefixes) r.WriteBulk(p);
    }
}
