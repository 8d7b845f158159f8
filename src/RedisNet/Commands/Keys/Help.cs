namespace RedisNet.Commands.Keys;

/// <summary>The reply of "X HELP" (Redis's addReplyHelp): a header, the lines, then HELP's own entry, as status strings.</summary>
internal static class Help
{
    public static void Write(CommandContext ctx, string command, string[] lines)
    {
        ctx.Reply.WriteArrayHeader(lines.Length + 3);
        ctx.Reply.WriteSimple(command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        foreach (var line in lines) ctx.Reply.WriteSimple(line);
        ctx.Reply.WriteSimple("HELP");
        ctx.Reply.WriteSimple("    Prints this help.");
    }

    /// <summary>"unknown subcommand or wrong number of arguments" for commands that check their own subcommands.</summary>
    public static void SubcommandSyntaxError(CommandContext ctx)
    {
        var sub = Expire.CString(ctx.ArgLatin1(1));
        if (sub.Length > 128) sub = sub[..128];
        ctx.Error($"ERR unknown subcommand or wrong number of arguments for '{sub}'. Try {ctx.Command.Name.ToUpperInvariant()} HELP.");
    }
}
