using System.Text;
using Microsoft.Extensions.Logging;
using RedisNet.Config;
using RedisNet.Protocol;
using RedisNet.Server;

namespace RedisNet.Commands.Config;

/// <summary>CONFIG GET, SET, RESETSTAT, REWRITE and HELP, over the directive table.</summary>
[RedisContainer("config", Arity = -2, Acl = AclCategory.Slow, Summary = "A container for server configuration commands",
    Since = "2.0.0", Group = "server", Complexity = "Depends on subcommand.")]
public static class ConfigCommands
{
    private const CommandFlags AdminFlags = CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale;
    private const AclCategory AdminAcl = AclCategory.Admin | AclCategory.Slow | AclCategory.Dangerous;

    [RedisCommand("config|get", Arity = -3, Flags = AdminFlags, Acl = AdminAcl, Group = "server", Since = "2.0.0",
        Summary = "Get the values of configuration parameters", Complexity = "O(N) when N is the number of configuration parameters provided")]
    public static void Get(CommandContext ctx)
    {
        var matches = new List<(string Name, Directive D)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 2; i < ctx.ArgCount; i++)
        {
            var arg = ctx.Arg(i);
            if (arg.IndexOfAny("[*?"u8) < 0)
            {
                var name = ctx.ArgLatin1(i);
                if (seen.Contains(name)) continue;
                var d = DirectiveTable.Find(name);
                if (d != null && seen.Add(name)) matches.Add((name, d));
                continue;
            }
            foreach (var (name, d) in DirectiveTable.Names())
            {
                // Hidden directives answer only to their exact name.
                if (d.Has(DirectiveFlags.Hidden) || seen.Contains(name)) continue;
                if (Glob.Match(arg, Encoding.ASCII.GetBytes(name), nocase: true) && seen.Add(name)) matches.Add((name, d));
            }
        }
        ctx.Reply.WriteMapHeader(matches.Count);
        foreach (var (name, d) in matches)
        {
            ctx.Reply.WriteBulk(Encoding.Latin1.GetBytes(name));
            ctx.Reply.WriteBulk(Encoding.Latin1.GetBytes(d.Get(ctx.Server.Config)));
        }
    }

    [RedisCommand("config|set", Arity = -4, Flags = AdminFlags, Acl = AdminAcl, Group = "server", Since = "2.0.0",
        Tips = "request_policy:all_nodes;response_policy:all_succeeded",
        Summary = "Set configuration parameters to the given values", Complexity = "O(N) when N is the number of configuration parameters provided")]
    public static void Set(CommandContext ctx)
    {
        if ((ctx.ArgCount & 1) != 0) { ctx.SyntaxError(); return; }
        var cfg = ctx.Server.Config;
        int n = (ctx.ArgCount - 2) / 2;
        var directives = new Directive[n];
        var names = new string[n];
        var values = new string[n];
        string? unknown = null, errName = null, error = null;
        // Secrets never reach the slow log, even when the call fails.
        for (int i = 0; i < n; i++)
            if (DirectiveTable.Find(ctx.ArgLatin1(2 + i * 2)) is { } sd && sd.Has(DirectiveFlags.Sensitive)) ctx.Redact(3 + i * 2);
        for (int i = 0; i < n && unknown == null && errName == null; i++)
        {
            var typed = ctx.ArgLatin1(2 + i * 2);
            var d = DirectiveTable.Find(typed);
            if (d == null) { unknown = typed; break; }
            if (d.Has(DirectiveFlags.Immutable) || (d.Has(DirectiveFlags.Protected) && !AllowProtected(cfg.EnableProtectedConfigs, ctx.Client)))
            {
                error = d.Has(DirectiveFlags.Immutable) ? "can't set immutable config" : "can't set protected config";
                errName = typed;
                break;
            }
            // An alias and its primary name are separate entries in Redis: only the same name twice is a duplicate.
            var entry = d.Alias != null && typed.Equals(d.Alias, StringComparison.OrdinalIgnoreCase) ? d.Alias : d.Name;
            if (Array.IndexOf(names, entry, 0, i) >= 0) { error = "duplicate parameter"; errName = typed; break; }
            directives[i] = d;
            names[i] = entry;
            values[i] = ctx.ArgLatin1(3 + i * 2);
        }
        if (unknown == null && errName == null) errName = SetAll(ctx.Server, directives, names, values, out error);
        if (unknown != null) ctx.Error($"ERR Unknown option or number of arguments for CONFIG SET - '{unknown}'");
        else if (errName != null)
            ctx.Error(error != null ? $"ERR CONFIG SET failed (possibly related to argument '{errName}') - {error}"
                : $"ERR CONFIG SET failed (possibly related to argument '{errName}')");
        else ctx.Reply.WriteOk();
    }

    /// <summary>Sets every value, then runs the apply hooks once each; on any failure restores all. Returns the failing name.</summary>
    private static string? SetAll(RedisServer server, Directive[] ds, string[] names, string[] values, out string? error)
    {
        var cfg = server.Config;
        var old = ds.Select(d => d.Get(cfg)).ToArray();
        var applies = new List<(Func<RedisServer, string?> Fn, int Index)>();
        error = null;
        for (int i = 0; i < ds.Length; i++)
        {
            var r = ds[i].Set(cfg, Args(ds[i], values[i]), fromFile: false, out error);
            if (r == SetResult.Error)
            {
                Restore(cfg, ds, old, i + 1);
                return names[i];
            }
            if (r == SetResult.Changed && ds[i].Apply is { } fn && !applies.Exists(a => a.Fn == fn)) applies.Add((fn, i));
        }
        foreach (var (fn, i) in applies)
        {
            if ((error = fn(server)) == null) continue;
            server.Log.LogWarning("Failed applying new configuration. Possibly related to new {Name} setting. Restoring previous settings.", ds[i].Name);
            Restore(cfg, ds, old, ds.Length);
            foreach (var (again, _) in applies) again(server);
            return names[i];
        }
        return null;
    }

    private static void Restore(ServerConfig cfg, Directive[] ds, string[] old, int count)
    {
        for (int i = 0; i < count; i++) ds[i].Set(cfg, Args(ds[i], old[i]), fromFile: false, out _);
    }

    /// <summary>A CONFIG SET value as arguments: multi-argument directives split it on single spaces, as Redis does.</summary>
    private static string[] Args(Directive d, string value) =>
        !d.Has(DirectiveFlags.MultiArg) ? new[] { value } : value.Length == 0 ? Array.Empty<string>() : value.Split(' ');

    /// <summary>enable-protected-configs: "yes", or "local" for loopback and unix-socket clients.</summary>
    public static bool AllowProtected(string setting, Client client)
    {
        if (setting == "yes") return true;
        if (setting != "local") return false;
        if ((client.Flags & ClientFlags.UnixSocket) != 0) return true;
        var addr = client.Transport?.RemoteAddress ?? "";
        return addr.StartsWith("127.0.0.1:", StringComparison.Ordinal) || addr.StartsWith("::1:", StringComparison.Ordinal);
    }

    [RedisCommand("config|resetstat", Arity = 2, Flags = AdminFlags, Acl = AdminAcl, Group = "server", Since = "2.0.0",
        Summary = "Reset the stats returned by INFO", Complexity = "O(1)")]
    public static void ResetStat(CommandContext ctx)
    {
        ctx.Server.Stats.Reset();
        foreach (var cmd in ctx.Server.Commands.All)
        {
            ResetCounters(cmd);
            if (cmd.Subcommands != null) foreach (var sub in cmd.Subcommands.Values) ResetCounters(sub);
        }
        ctx.Reply.WriteOk();
    }

    private static void ResetCounters(CommandDef cmd) => cmd.Calls = cmd.Microseconds = cmd.RejectedCalls = cmd.FailedCalls = 0;

    [RedisCommand("config|rewrite", Arity = 2, Flags = AdminFlags, Acl = AdminAcl, Group = "server", Since = "2.8.0",
        Summary = "Rewrite the configuration file with the in memory configuration", Complexity = "O(1)")]
    public static void Rewrite(CommandContext ctx)
    {
        var cfg = ctx.Server.Config;
        if (cfg.ConfigFile == null) { ctx.Error("ERR The server is running without a config file"); return; }
        try
        {
            ConfigRewriter.RewriteFile(cfg, cfg.ConfigFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ConfigLoader.Strerror(ex);
            ctx.Server.Log.LogWarning("CONFIG REWRITE failed: {Reason}", reason);
            ctx.Error("ERR Rewriting config file: " + reason);
            return;
        }
        ctx.Server.Log.LogWarning("CONFIG REWRITE executed with success.");
        ctx.Reply.WriteOk();
    }

    private static readonly string[] HelpLines =
    {
        "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "GET <pattern>",
        "    Return parameters matching the glob-like <pattern> and their values.",
        "SET <directive> <value>",
        "    Set the configuration <directive> to <value>.",
        "RESETSTAT",
        "    Reset statistics reported by the INFO command.",
        "REWRITE",
        "    Rewrite the configuration file.",
        "HELP",
        "    Prints this help.",
    };

    [RedisCommand("config|help", Arity = 2, Flags = CommandFlags.Loading | CommandFlags.Stale, Acl = AclCategory.Slow, Group = "server",
        Since = "5.0.0", Summary = "Show helpful text about the different subcommands", Complexity = "O(1)")]
    public static void Help(CommandContext ctx)
    {
        ctx.Reply.WriteArrayHeader(HelpLines.Length);
        foreach (var line in HelpLines) ctx.Reply.WriteSimple(line);
    }
}
