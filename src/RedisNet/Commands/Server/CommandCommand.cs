using RedisNet.Protocol;

namespace RedisNet.Commands.ServerCommands;

/// <summary>COMMAND, COMMAND INFO, COUNT, LIST, GETKEYS, GETKEYSANDFLAGS: the command table as Redis 7.0 reports it.</summary>
[RedisContainer("command", Arity = -1, Flags = CommandFlags.Loading | CommandFlags.Stale, Acl = AclCategory.Slow | AclCategory.Connection,
    Tips = "nondeterministic_output_order", Group = "server", Since = "2.8.13", Summary = "Get array of Redis command details",
    Complexity = "O(N) where N is the total number of Redis commands", BareHandler = nameof(All))]
public static class CommandCommand
{
    private const CommandFlags Flags = CommandFlags.Loading | CommandFlags.Stale;
    private const AclCategory Acl = AclCategory.Slow | AclCategory.Connection;

    /// <summary>COMMAND with no subcommand: every command's info.</summary>
    public static void All(CommandContext ctx)
    {
        var all = ctx.Server.Commands.All;
        ctx.Reply.WriteArrayHeader(all.Count);
        foreach (var c in all) WriteInfo(ctx.Reply, c);
    }

    [RedisCommand("command|info", Arity = -2, Flags = Flags, Acl = Acl, Tips = "nondeterministic_output_order", Group = "server", Since = "2.8.13",
        Summary = "Get array of specific Redis command details, or all when no argument is given.", Complexity = "O(N) where N is the number of commands to look up")]
    public static void InfoSub(CommandContext ctx)
    {
        if (ctx.ArgCount == 2) { All(ctx); return; }
        ctx.Reply.WriteArrayHeader(ctx.ArgCount - 2);
        for (int i = 2; i < ctx.ArgCount; i++)
        {
            var c = ctx.Server.Commands.FindFull(ctx.ArgLatin1(i));
            if (c is null) ctx.Reply.WriteNull();
            else WriteInfo(ctx.Reply, c);
        }
    }

    /// <summary>The 10-element entry: name, arity, flags, first, last, step, ACL categories, tips, key specs, subcommands.</summary>
    public static void WriteInfo(RespWriter r, CommandDef c)
    {
        r.WriteArrayHeader(10);
        r.WriteBulk(c.Name);
        r.WriteInteger(c.Arity);
        WriteSet(r, FlagNames.Of(c.Flags));
        r.WriteInteger(c.FirstKey);
        r.WriteInteger(c.LastKey);
        r.WriteInteger(c.Step);
        WriteSet(r, FlagNames.Of(c.Acl));
        r.WriteSetHeader(c.Tips.Length);
        foreach (var tip in c.Tips) r.WriteBulk(tip);
        r.WriteSetHeader(c.KeySpecs.Length);
        foreach (var spec in c.KeySpecs) WriteKeySpec(r, spec);
        // Redis replies an empty set when there are no subcommands, an array when there are.
        var subs = c.Subcommands?.Values;
        if (subs is null || subs.Count == 0) r.WriteSetHeader(0);
        else
        {
            r.WriteArrayHeader(subs.Count);
            foreach (var s in subs) WriteInfo(r, s);
        }
    }

    private static void WriteSet(RespWriter r, IReadOnlyList<string> items)
    {
        r.WriteSetHeader(items.Count);
        foreach (var s in items) r.WriteSimple(s);
    }

    /// <summary>Key spec flags as Redis names them: access-type flags upper case, the rest lower case.</summary>
    public static List<string> KeySpecFlagNames(KeySpec spec) =>
        spec.Flags.Select(f => f.ToUpperInvariant() is "RO" or "RW" or "OW" or "RM" ? f.ToUpperInvariant() : f.ToLowerInvariant()).ToList();

    private static void WriteKeySpec(RespWriter r, KeySpec spec)
    {
        r.WriteMapHeader(spec.Notes is null ? 3 : 4);
        if (spec.Notes != null) { r.WriteBulk("notes"u8); r.WriteBulk(spec.Notes); }
        r.WriteBulk("flags"u8);
        WriteSet(r, KeySpecFlagNames(spec));
        r.WriteBulk("begin_search"u8);
        if (spec.Unknown) WriteTyped(r, "unknown");
        else if (spec.BeginByKeyword) WriteTyped(r, "keyword", ("keyword", spec.Keyword!), ("startfrom", spec.KeywordStart));
        else WriteTyped(r, "index", ("index", spec.BeginIndex));
        r.WriteBulk("find_keys"u8);
        if (spec.Unknown) WriteTyped(r, "unknown");
        else if (spec.FindByKeynum) WriteTyped(r, "keynum", ("keynumidx", spec.KeynumIndex), ("firstkey", spec.FirstKey), ("keystep", spec.KeynumStep));
        else WriteTyped(r, "range", ("lastkey", spec.LastKey), ("keystep", spec.KeyStep), ("limit", spec.Limit));
    }

    /// <summary>{type: T, spec: {k: v, ...}} with integer or string values.</summary>
    private static void WriteTyped(RespWriter r, string type, params (string Key, object Value)[] fields)
    {
        r.WriteMapHeader(2);
        r.WriteBulk("type"u8); r.WriteBulk(type);
        r.WriteBulk("spec"u8);
        r.WriteMapHeader(fields.Length);
        foreach (var (k, v) in fields)
        {
            r.WriteBulk(k);
            if (v is int n) r.WriteInteger(n);
            else r.WriteBulk((string)v);
        }
    }

    [RedisCommand("command|count", Arity = 2, Flags = Flags, Acl = Acl, Group = "server", Since = "2.8.13", Summary = "Get total number of Redis commands", Complexity = "O(1)")]
    public static void Count(CommandContext ctx) => ctx.Reply.WriteInteger(ctx.Server.Commands.All.Count);

    [RedisCommand("command|list", Arity = -2, Flags = Flags, Acl = Acl, Tips = "nondeterministic_output_order", Group = "server", Since = "7.0.0",
        Summary = "Get an array of Redis command names", Complexity = "O(N) where N is the total number of Redis commands")]
    public static void List(CommandContext ctx)
    {
        Func<CommandDef, bool> keep = _ => true;
        if (ctx.ArgCount == 5 && ctx.ArgIs(2, "filterby"u8))
        {
            var value = ctx.ArgLatin1(4);
            if (ctx.ArgIs(3, "module"u8)) keep = _ => false; // no modules
            else if (ctx.ArgIs(3, "aclcat"u8))
            {
                int bit = Array.FindIndex(FlagNames.AclCategoryNames, n => n.Equals(value, StringComparison.OrdinalIgnoreCase));
                keep = c => bit >= 0 && ((uint)c.Acl & (1u << bit)) != 0;
            }
            else if (ctx.ArgIs(3, "pattern"u8)) {
                var pattern = ctx.ArgBytes(4);
                keep = c => Glob.Match(pattern, System.Text.Encoding.ASCII.GetBytes(c.Name), nocase: true);
            }
            else { ctx.SyntaxError(); return; }
        }
        else if (ctx.ArgCount != 2) { ctx.SyntaxError(); return; }
        var names = new List<string>();
        foreach (var c in ctx.Server.Commands.All)
        {
            if (keep(c)) names.Add(c.Name);
            if (c.Subcommands != null) foreach (var s in c.Subcommands.Values) if (keep(s)) names.Add(s.Name);
        }
        ctx.Reply.WriteArrayHeader(names.Count);
        foreach (var n in names) ctx.Reply.WriteBulk(n);
    }

    [RedisCommand("command|getkeys", Arity = -4, Flags = Flags, Acl = Acl, Group = "server", Since = "2.8.13",
        Summary = "Extract keys given a full Redis command", Complexity = "O(N) where N is the number of arguments to the command")]
    public static void GetKeys(CommandContext ctx) => GetKeys(ctx, withFlags: false);

    [RedisCommand("command|getkeysandflags", Arity = -4, Flags = Flags, Acl = Acl, Group = "server", Since = "7.0.0",
        Summary = "Extract keys and access flags given a full Redis command", Complexity = "O(N) where N is the number of arguments to the command")]
    public static void GetKeysAndFlags(CommandContext ctx) => GetKeys(ctx, withFlags: true);

    private static void GetKeys(CommandContext ctx, bool withFlags)
    {
        var cmd = ctx.Server.Commands.Find(ctx.Arg(2));
        if (cmd?.Subcommands != null)
            cmd = ctx.ArgCount > 3 ? CommandTable.FindSub(cmd, ctx.Arg(3)) : null;
        if (cmd is null) { ctx.Error("ERR Invalid command specified"); return; }
        // Only NOT_KEY specs (shard channels) count as no keys, as Redis's doesCommandHaveKeys.
        bool keyless = cmd.KeySpecs.Length == 0 ? cmd.FirstKey <= 0 : cmd.KeySpecs.All(k => k.Flags.Contains("NOT_KEY"));
        if (keyless) { ctx.Error("ERR The command has no key arguments"); return; }
        int argc = ctx.ArgCount - 2;
        if (!cmd.ArityOk(argc)) { ctx.Error("ERR Invalid number of arguments specified for command"); return; }
        // Evaluate the key specs over the embedded command's arguments.
        var inner = new CommandContext(ctx.Server, ctx.Client);
        inner.Bind(ctx.Batch, ctx.ArgStart + 2, argc);
        var keys = new List<int>();
        var specOf = new List<KeySpec?>();
        if (cmd.KeysFunction != null)
        {
            var specIndexes = new List<int>();
            cmd.KeysFunction(inner, keys, specIndexes);
            foreach (int i in specIndexes) specOf.Add(cmd.KeySpecs[i]);
        }
        else if (cmd.KeySpecs.Length == 0) cmd.GetKeys(inner, keys);
        else
        {
            foreach (var spec in cmd.KeySpecs)
            {
                if (spec.Flags.Contains("NOT_KEY")) continue;
                int before = keys.Count;
                spec.Find(inner, keys);
                for (int i = before; i < keys.Count; i++) specOf.Add(spec);
            }
        }
        if (keys.Count == 0)
        {
            if ((cmd.Flags & CommandFlags.NoMandatoryKeys) != 0) ctx.Reply.WriteArrayHeader(0);
            else ctx.Error("ERR Invalid arguments specified for command");
            return;
        }
        ctx.Reply.WriteArrayHeader(keys.Count);
        for (int i = 0; i < keys.Count; i++)
        {
            if (withFlags) ctx.Reply.WriteArrayHeader(2);
            ctx.Reply.WriteBulk(inner.Arg(keys[i]));
            if (withFlags) WriteSet(ctx.Reply, i < specOf.Count && specOf[i] != null ? KeySpecFlagNames(specOf[i]!) : new List<string>());
        }
    }

    [RedisCommand("command|help", Arity = 2, Flags = Flags, Acl = Acl, Group = "server", Since = "5.0.0", Summary = "Show helpful text about the different subcommands", Complexity = "O(1)")]
    public static void Help(CommandContext ctx) => HelpReply.Write(ctx, "COMMAND",
        "(no subcommand)",
        "    Return details about all Redis commands.",
        "COUNT",
        "    Return the total number of commands in this Redis server.",
        "LIST",
        "    Return a list of all commands in this Redis server.",
        "INFO [<command-name> ...]",
        "    Return details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "DOCS [<command-name> ...]",
        "    Return documentation details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "GETKEYS <full-command>",
        "    Return the keys from a full Redis command.",
        "GETKEYSANDFLAGS <full-command>",
        "    Return the keys and the access flags from a full Redis command.");
}
