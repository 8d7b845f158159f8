using System.Text.Json;
using RedisNet.Protocol;

namespace RedisNet.Commands.ServerCommands;

/// <summary>
/// COMMAND DOCS: summary, since, group, complexity, doc flags and deprecation from the command
/// table; history and argument descriptions from command-docs.json (redis-server 7.0.15's own
/// descriptions, stored as typed RESP values so both protocols render as Redis does).
/// </summary>
public static class CommandDocs
{
    [RedisCommand("command|docs", Arity = -2, Flags = CommandFlags.Loading | CommandFlags.Stale, Acl = AclCategory.Slow | AclCategory.Connection,
        Tips = "nondeterministic_output_order", Group = "server", Since = "7.0.0", Summary = "Get array of specific Redis command documentation",
        Complexity = "O(N) where N is the number of commands to look up")]
    public static void Docs(CommandContext ctx)
    {
        var found = new List<CommandDef>();
        if (ctx.ArgCount == 2) found.AddRange(ctx.Server.Commands.All);
        else
            for (int i = 2; i < ctx.ArgCount; i++)
                if (ctx.Server.Commands.FindFull(ctx.ArgLatin1(i)) is { } c) found.Add(c);
        ctx.Reply.WriteMapHeader(found.Count);
        foreach (var c in found)
        {
            ctx.Reply.WriteBulk(c.Name);
            Write(ctx.Reply, c);
        }
    }

    private static void Write(RespWriter r, CommandDef c)
    {
        var docFlags = string.IsNullOrEmpty(c.DocFlags) ? Array.Empty<string>() : c.DocFlags.Split(',');
        Extra.Value.TryGetValue(c.Name, out var extra);
        JsonElement history = default, arguments = default;
        bool hasHistory = extra.ValueKind == JsonValueKind.Object && extra.TryGetProperty("history", out history);
        bool hasArguments = extra.ValueKind == JsonValueKind.Object && extra.TryGetProperty("arguments", out arguments);
        int n = 3 + (c.Complexity is null ? 0 : 1) + (docFlags.Length > 0 ? 1 : 0) + (c.DeprecatedSince is null ? 0 : 1)
                + (c.ReplacedBy is null ? 0 : 1) + (hasHistory ? 1 : 0) + (hasArguments ? 1 : 0) + (c.Subcommands is { Count: > 0 } ? 1 : 0);
        r.WriteMapHeader(n);
        r.WriteBulk("summary"u8); r.WriteBulk(c.Summary);
        r.WriteBulk("since"u8); r.WriteBulk(c.Since);
        r.WriteBulk("group"u8); r.WriteBulk(c.Group);
        if (c.Complexity != null) { r.WriteBulk("complexity"u8); r.WriteBulk(c.Complexity); }
        if (docFlags.Length > 0)
        {
            r.WriteBulk("doc_flags"u8);
            r.WriteSetHeader(docFlags.Length);
            foreach (var f in docFlags) r.WriteSimple(f);
        }
        if (c.DeprecatedSince != null) { r.WriteBulk("deprecated_since"u8); r.WriteBulk(c.DeprecatedSince); }
        if (c.ReplacedBy != null) { r.WriteBulk("replaced_by"u8); r.WriteBulk(c.ReplacedBy); }
        if (hasHistory) { r.WriteBulk("history"u8); WriteValue(r, history); }
        if (hasArguments) { r.WriteBulk("arguments"u8); WriteValue(r, arguments); }
        if (c.Subcommands is { Count: > 0 } subs)
        {
            r.WriteBulk("subcommands"u8);
            r.WriteMapHeader(subs.Count);
            foreach (var s in subs.Values)
            {
                r.WriteBulk(s.Name);
                Write(r, s);
            }
        }
    }

    private static readonly Lazy<Dictionary<string, JsonElement>> Extra = new(() =>
    {
        using var stream = typeof(CommandDocs).Assembly.GetManifestResourceStream("command-docs.json");
        if (stream is null) return new Dictionary<string, JsonElement>();
        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(stream) ?? new Dictionary<string, JsonElement>();
    });

    /// <summary>
    /// Writes a stored value: a string is a bulk string, a number an integer, and arrays tagged by
    /// their first element: ["*", items...], ["~", set items...], ["%", k, v, ...], ["+", status].
    /// </summary>
    private static void WriteValue(RespWriter r, JsonElement v)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.String: r.WriteBulk(v.GetString()!); return;
            case JsonValueKind.Number: r.WriteInteger(v.GetInt64()); return;
        }
        var tag = v[0].GetString();
        int count = v.GetArrayLength() - 1;
        switch (tag)
        {
            case "+": r.WriteSimple(v[1].GetString()!); return;
            case "*": r.WriteArrayHeader(count); break;
            case "~": r.WriteSetHeader(count); break;
            case "%": r.WriteMapHeader(count / 2); break;
            default: throw new InvalidDataException("bad command-docs.json tag " + tag);
        }
        for (int i = 1; i <= count; i++) WriteValue(r, v[i]);
    }
}
