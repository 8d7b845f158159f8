using System.Globalization;
using System.Text;

namespace RedisNet.Config;

/// <summary>Directives with their own syntax: save, bind, client-output-buffer-limit, dir, replicaof...</summary>
public static class SpecialDirectives
{
    private static readonly string[] DefaultBind = { "*", "-::*" };

    public static IEnumerable<Directive> Create()
    {
        yield return new SpecialDirective
        {
            Name = "dir", Flags = DirectiveFlags.Protected | DirectiveFlags.DenyLoading,
            Getter = c => SafeCwd(), IsDefaultFn = _ => true,
            Setter = (c, a, _) => a.Length != 1 ? "wrong number of arguments" : ChangeDir(c, a[0]),
            RewriteFn = (c, st) => st.RewriteLine("dir", "dir " + ConfigRewriter.Repr(SafeCwd()), true),
        };
        yield return new SpecialDirective
        {
            Name = "save", Flags = DirectiveFlags.MultiArg,
            Getter = c => string.Join(' ', c.SaveParams.Select(p => $"{p.Seconds} {p.Changes}")),
            IsDefaultFn = c => c.SaveParams.SequenceEqual(new ServerConfig().SaveParams),
            Setter = SetSave, RewriteFn = RewriteSave,
        };
        yield return new SpecialDirective
        {
            Name = "client-output-buffer-limit", Flags = DirectiveFlags.MultiArg,
            Getter = c => string.Join(' ', c.ClientOutputBufferLimits.Select((l, i) =>
                $"{ClientBufferLimit.ClassNames[i]} {l.HardBytes} {l.SoftBytes} {l.SoftSeconds}")),
            IsDefaultFn = c => c.ClientOutputBufferLimits.SequenceEqual(ClientBufferLimit.Defaults()),
            Setter = (c, a, _) => SetClientOutputBufferLimit(c, a), RewriteFn = RewriteClientOutputBufferLimit,
        };
        yield return new SpecialDirective
        {
            Name = "oom-score-adj-values", Flags = DirectiveFlags.MultiArg,
            Getter = c => string.Join(' ', c.OomScoreAdjValues),
            IsDefaultFn = c => c.OomScoreAdjValues.SequenceEqual(new[] { 0, 200, 800 }),
            Setter = (c, a, _) => SetOomScoreAdjValues(c, a),
            RewriteFn = (c, st) => st.RewriteLine("oom-score-adj-values", "oom-score-adj-values " + string.Join(' ', c.OomScoreAdjValues),
                !c.OomScoreAdjValues.SequenceEqual(new[] { 0, 200, 800 })),
        };
        yield return new SpecialDirective
        {
            Name = "notify-keyspace-events",
            Getter = c => KeyspaceEventFlags.Format(c.NotifyKeyspaceEvents), IsDefaultFn = c => c.NotifyKeyspaceEvents == 0,
            Setter = (c, a, _) =>
            {
                if (a.Length != 1) return "wrong number of arguments";
                int flags = KeyspaceEventFlags.Parse(a[0]);
                if (flags == -1) return "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";
                c.NotifyKeyspaceEvents = flags;
                return null;
            },
            RewriteFn = (c, st) => st.RewriteLine("notify-keyspace-events",
                "notify-keyspace-events " + ConfigRewriter.Repr(KeyspaceEventFlags.Format(c.NotifyKeyspaceEvents)), c.NotifyKeyspaceEvents != 0),
        };
        yield return new SpecialDirective
        {
            Name = "bind", Flags = DirectiveFlags.MultiArg,
            Apply = s => s.Config.RebindListeners?.Invoke() != null ? "Failed to bind to specified addresses." : null,
            Getter = c => string.Join(' ', c.Bind), IsDefaultFn = c => c.Bind.SequenceEqual(DefaultBind),
            Setter = (c, a, _) =>
            {
                if (a.Length > 16) return "Too many bind addresses specified.";
                c.Bind = a.Length == 1 && a[0].Length == 0 ? Array.Empty<string>() : (string[])a.Clone();
                return null;
            },
            RewriteFn = (c, st) =>
            {
                if (c.Bind.SequenceEqual(DefaultBind)) { st.MarkProcessed("bind"); return; }
                st.RewriteLine("bind", "bind " + (c.Bind.Length > 0 ? string.Join(' ', c.Bind) : "\"\""), true);
            },
        };
        yield return new SpecialDirective
        {
            Name = "replicaof", Alias = "slaveof", Flags = DirectiveFlags.Immutable | DirectiveFlags.MultiArg,
            Getter = c => c.ReplicaOfHost == null ? "" : $"{c.ReplicaOfHost} {c.ReplicaOfPort}", IsDefaultFn = c => c.ReplicaOfHost == null,
            Setter = (c, a, _) => SetReplicaOf(c, a),
            RewriteFn = (c, st) =>
            {
                if (c.ClusterEnabled || c.ReplicaOfHost == null) { st.MarkProcessed("replicaof"); return; }
                st.RewriteLine("replicaof", $"replicaof {c.ReplicaOfHost} {c.ReplicaOfPort}", true);
            },
        };
        yield return new SpecialDirective
        {
            Name = "latency-tracking-info-percentiles", Flags = DirectiveFlags.MultiArg,
            Getter = c => string.Join(' ', c.LatencyTrackingInfoPercentiles.Select(FormatPercentile)),
            IsDefaultFn = c => c.LatencyTrackingInfoPercentiles.SequenceEqual(new[] { 50, 99, 99.9 }),
            Setter = (c, a, _) => SetPercentiles(c, a),
            RewriteFn = (c, st) => st.RewriteLine("latency-tracking-info-percentiles", "latency-tracking-info-percentiles " +
                (c.LatencyTrackingInfoPercentiles.Length == 0 ? "\"\"" : string.Join(' ', c.LatencyTrackingInfoPercentiles.Select(FormatPercentile))), true),
        };
    }

    private static string SafeCwd()
    {
        try { return Directory.GetCurrentDirectory(); } catch (IOException) { return ""; }
    }

    private static string? ChangeDir(ServerConfig c, string path)
    {
        try
        {
            Directory.SetCurrentDirectory(path);
            c.Dir = Directory.GetCurrentDirectory();
            return null;
        }
        catch (DirectoryNotFoundException) { return File.Exists(path) ? "Not a directory" : "No such file or directory"; }
        catch (FileNotFoundException) { return "No such file or directory"; }
        catch (UnauthorizedAccessException) { return "Permission denied"; }
        catch (IOException ex) { return ex.Message; }
    }

    private static string? SetSave(ServerConfig c, string[] a, bool fromFile)
    {
        if (a.Length == 1 && a[0].Length == 0) a = Array.Empty<string>();
        if (a.Length % 2 != 0) return "Invalid save parameters";
        var parsed = new List<(long, long)>();
        for (int j = 0; j < a.Length; j += 2)
        {
            if (!MemoryValue.TryParseStrtoll(a[j], out long secs) || !MemoryValue.TryParseStrtoll(a[j + 1], out long changes)
                || secs < 1 || changes < 0)
                return "Invalid save parameters";
            parsed.Add((secs, (int)changes));
        }
        // In redis.conf the first save line replaces the defaults and later lines add to it.
        if (!fromFile || !c.SaveSeenInFile) c.SaveParams = new();
        if (fromFile) c.SaveSeenInFile = true;
        c.SaveParams = c.SaveParams.Concat(parsed).ToList();
        return null;
    }

    private static void RewriteSave(ServerConfig c, ConfigRewriter st)
    {
        if (c.SentinelMode) { st.MarkProcessed("save"); return; }
        if (c.SaveParams.Count == 0) st.RewriteLine("save", "save \"\"", true);
        foreach (var (secs, changes) in c.SaveParams) st.RewriteLine("save", $"save {secs} {changes}", true);
        st.MarkProcessed("save");
    }

    private static string? SetClientOutputBufferLimit(ServerConfig c, string[] a)
    {
        if (a.Length % 4 != 0) return "Wrong number of arguments in buffer limit configuration.";
        var values = (ClientBufferLimit[])c.ClientOutputBufferLimits.Clone();
        for (int j = 0; j < a.Length; j += 4)
        {
            int cls = a[j].ToLowerInvariant() switch { "normal" => 0, "slave" or "replica" => 1, "pubsub" => 2, _ => -1 };
            if (cls < 0) return "Invalid client class specified in buffer limit configuration.";
            if (!MemoryValue.TryParse(a[j + 1], out ulong hard) || !MemoryValue.TryParse(a[j + 2], out ulong soft)
                || !MemoryValue.TryParseStrtoll(a[j + 3], out long secs) || secs < 0)
                return "Error in hard, soft or soft_seconds setting in buffer limit configuration.";
            values[cls] = new ClientBufferLimit(hard, soft, secs);
        }
        c.ClientOutputBufferLimits = values;
        return null;
    }

    private static void RewriteClientOutputBufferLimit(ServerConfig c, ConfigRewriter st)
    {
        var defaults = ClientBufferLimit.Defaults();
        for (int j = 0; j < 3; j++)
        {
            var l = c.ClientOutputBufferLimits[j];
            string cls = j == 1 ? "replica" : ClientBufferLimit.ClassNames[j];
            st.RewriteLine("client-output-buffer-limit",
                $"client-output-buffer-limit {cls} {MemoryValue.Format((long)l.HardBytes)} {MemoryValue.Format((long)l.SoftBytes)} {l.SoftSeconds}",
                l != defaults[j]);
        }
    }

    private static string? SetOomScoreAdjValues(ServerConfig c, string[] a)
    {
        if (a.Length != 3) return "wrong number of arguments";
        var values = new int[3];
        for (int i = 0; i < 3; i++)
        {
            if (!MemoryValue.TryParseStrtoll(a[i], out long v) || v < -2000 || v > 2000)
                return "Invalid oom-score-adj-values, elements must be between -2000 and 2000.";
            values[i] = (int)v;
        }
        c.OomScoreAdjValues = values;
        return null;
    }

    private static string? SetReplicaOf(ServerConfig c, string[] a)
    {
        if (a.Length != 2) return "wrong number of arguments";
        if (a[0].Equals("no", StringComparison.OrdinalIgnoreCase) && a[1].Equals("one", StringComparison.OrdinalIgnoreCase))
        {
            c.ReplicaOfHost = null;
            return null;
        }
        if (!MemoryValue.TryParseStrtoll(a[1], out long port) || port < 0 || port > 65535)
        {
            c.ReplicaOfHost = null;
            return "Invalid master port";
        }
        c.ReplicaOfHost = a[0];
        c.ReplicaOfPort = (int)port;
        return null;
    }

    private static string? SetPercentiles(ServerConfig c, string[] a)
    {
        if (a.Length == 1 && a[0].Length == 0) a = Array.Empty<string>();
        var values = new double[a.Length];
        for (int j = 0; j < a.Length; j++)
        {
            if (!Protocol.NumberFormat.TryParseDouble(Encoding.Latin1.GetBytes(a[j]), out double p))
                return "Invalid latency-tracking-info-percentiles parameters";
            if (p > 100.0 || p < 0.0) return "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]";
            values[j] = p;
        }
        c.LatencyTrackingInfoPercentiles = values;
        return null;
    }

    /// <summary>printf("%f") with trailing zeros (and a bare dot) removed, as Redis's trimDoubleString.</summary>
    private static string FormatPercentile(double d)
    {
        var s = d.ToString("F6", CultureInfo.InvariantCulture);
        if (s.Contains('.')) s = s.TrimEnd('0').TrimEnd('.');
        return s;
    }
}
