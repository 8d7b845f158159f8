namespace RedisNet.Commands.ServerCommands;

/// <summary>Redis's addReplyHelp and addReplySubcommandSyntaxError, shared by container commands.</summary>
public static class HelpReply
{
    /// <summary>"NAME &lt;subcommand&gt; ... Subcommands are:", the lines, then HELP, as status replies.</summary>
    public static void Write(CommandContext ctx, string container, params string[] lines)
    {
        ctx.Reply.WriteArrayHeader(lines.Length + 3);
        ctx.Reply.WriteSimple($"{container} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        foreach (var l in lines) ctx.Reply.WriteSimple(l);
        ctx.Reply.WriteSimple("HELP");
        ctx.Reply.WriteSimple("    Prints this help.");
    }

    public static void SubcommandSyntaxError(CommandContext ctx)
    {
        var sub = ctx.ArgLatin1(1);
        if (sub.Length > 128) sub = sub[..128];
        ctx.Error($"ERR unknown subcommand or wrong number of arguments for '{sub}'. Try {ctx.ArgLatin1(0).ToUpperInvariant()} HELP.");
    }
}
