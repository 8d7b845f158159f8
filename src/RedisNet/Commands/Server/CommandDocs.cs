using RedisNet.Protocol;

namespace RedisNet.Commands.ServerCommands;

/// <summary>
/// COMMAND DOCS: summary, since, group, complexity, doc flags, deprecation and subcommands from the
/// command table. History and argument descriptions are not in our table, so they are not listed.
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
        int n = 3 + (c.Complexity is null ? 0 : 1) + (docFlags.Length > 0 ? 1 : 0) + (c.DeprecatedSince is null ? 0 : 1)
                + (c.ReplacedBy is null ? 0 : 1) + (c.Subcommands is { Count: > 0 } ? 1 : 0);
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
}
