using System.Globalization;
using System.Text;
using RedisNet.Server;

namespace RedisNet.Commands.ServerCommands;

/// <summary>
/// INFO [section ...]: Redis 7.0's sections and fields, in its order, as "name:value\r\n" lines under
/// "# Title" headers, sections separated by an empty line. Tools (init scripts, client libraries)
/// parse these lines, so names and layout follow redis-server exactly.
/// </summary>
public static class Info
{
    /// <summary>Every section in output order, with whether "default" (INFO with no argument) includes it.</summary>
    private static readonly (string Name, bool Default, Action<InfoWriter, RedisServer> Write)[] Sections =
    {
        ("server", true, InfoGeneral.Server),
        ("clients", true, InfoGeneral.Clients),
        ("memory", true, InfoGeneral.Memory),
        ("persistence", true, InfoPersistence.Persistence),
        ("stats", true, InfoStats.Stats),
        ("replication", true, InfoStats.Replication),
        ("cpu", true, InfoStats.Cpu),
        ("modules", true, (w, _) => w.Section("Modules")),
        ("commandstats", false, InfoCommandStats.CommandStats),
        ("errorstats", true, InfoCommandStats.ErrorStats),
        ("latencystats", false, InfoCommandStats.LatencyStats),
        ("cluster", true, InfoStats.Cluster),
        ("keyspace", true, InfoStats.Keyspace),
    };

    [RedisCommand("info", Arity = -1, Flags = CommandFlags.Loading | CommandFlags.Stale, Acl = AclCategory.Slow | AclCategory.Dangerous,
        Tips = "nondeterministic_output;request_policy:all_shards;response_policy:special", Group = "server", Since = "1.0.0",
        Summary = "Get information and statistics about the server", Complexity = "O(1)")]
    public static void Command(CommandContext ctx)
    {
        var names = new List<string>();
        for (int i = 1; i < ctx.ArgCount; i++) names.Add(ctx.ArgLatin1(i));
        ctx.Reply.WriteVerbatim(Generate(ctx.Server, names));
    }

    /// <summary>The INFO text for the requested section names (none: the default sections).</summary>
    public static string Generate(RedisServer server, IReadOnlyList<string> requested)
    {
        bool all = false, defaults = requested.Count == 0;
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in requested)
        {
            var name = raw.ToLowerInvariant();
            if (name is "all" or "everything") all = true;
            else if (name == "default") defaults = true;
            else wanted.Add(name);
        }
        var w = new InfoWriter();
        foreach (var (name, isDefault, write) in Sections)
            if (all || (defaults && isDefault) || wanted.Contains(name)) write(w, server);
        return w.ToString();
    }
}

/// <summary>Accumulates INFO text: headers, "name:value" lines, blank lines between sections.</summary>
public sealed class InfoWriter
{
    private readonly StringBuilder _sb = new(4096);
    private int _sections;

    public void Section(string title)
    {
        if (_sections++ > 0) _sb.Append("\r\n");
        _sb.Append("# ").Append(title).Append("\r\n");
    }

    public InfoWriter Field(string name, string value)
    {
        _sb.Append(name).Append(':').Append(value).Append("\r\n");
        return this;
    }

    public InfoWriter Field(string name, long value) => Field(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A "%.2f" value, as Redis prints ratios and per-second rates.</summary>
    public InfoWriter Field2(string name, double value) => Field(name, F2(value));

    public static string F2(double v) => v.ToString("F2", CultureInfo.InvariantCulture);

    public override string ToString() => _sb.ToString();
}
