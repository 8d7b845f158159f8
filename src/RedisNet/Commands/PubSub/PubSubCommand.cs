using RedisNet.Commands.ServerCommands;
using RedisNet.Protocol;

namespace RedisNet.Commands.PubSubCommands;

/// <summary>PUBSUB CHANNELS | NUMSUB | NUMPAT | SHARDCHANNELS | SHARDNUMSUB | HELP.</summary>
[RedisContainer("pubsub", Arity = -2, Acl = AclCategory.Slow, Group = "pubsub", Since = "2.8.0",
    Summary = "A container for Pub/Sub commands", Complexity = "Depends on subcommand.")]
public static class PubSubCommand
{
    private const CommandFlags Flags = CommandFlags.PubSub | CommandFlags.Loading | CommandFlags.Stale;
    private const AclCategory Acl = AclCategory.PubSub | AclCategory.Slow;

    [RedisCommand("pubsub|channels", Arity = -2, Flags = Flags, Acl = Acl, Group = "pubsub", Since = "2.8.0", Summary = "List active channels",
        Complexity = "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)")]
    public static void Channels(CommandContext ctx) => ListChannels(ctx, shard: false);

    [RedisCommand("pubsub|shardchannels", Arity = -2, Flags = Flags, Acl = Acl, Group = "pubsub", Since = "7.0.0", Summary = "List active shard channels",
        Complexity = "O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).")]
    public static void ShardChannels(CommandContext ctx) => ListChannels(ctx, shard: true);

    private static void ListChannels(CommandContext ctx, bool shard)
    {
        if (ctx.ArgCount > 3) { HelpReply.SubcommandSyntaxError(ctx); return; }
        var matches = new List<byte[]>();
        foreach (var ch in ctx.Server.PubSub.Channels(shard))
            if (ctx.ArgCount == 2 || Glob.Match(ctx.Arg(2), ch, nocase: false)) matches.Add(ch);
        ctx.Reply.WriteBulkArray(matches);
    }

    [RedisCommand("pubsub|numsub", Arity = -2, Flags = Flags, Acl = Acl, Group = "pubsub", Since = "2.8.0", Summary = "Get the count of subscribers for channels",
        Complexity = "O(N) for the NUMSUB subcommand, where N is the number of requested channels")]
    public static void NumSub(CommandContext ctx) => Counts(ctx, shard: false);

    [RedisCommand("pubsub|shardnumsub", Arity = -2, Flags = Flags, Acl = Acl, Group = "pubsub", Since = "7.0.0", Summary = "Get the count of subscribers for shard channels",
        Complexity = "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels")]
    public static void ShardNumSub(CommandContext ctx) => Counts(ctx, shard: true);

    private static void Counts(CommandContext ctx, bool shard)
    {
        // A flat array (not a map) in RESP3 too, as Redis replies.
        ctx.Reply.WriteArrayHeader((ctx.ArgCount - 2) * 2);
        for (int i = 2; i < ctx.ArgCount; i++)
        {
            ctx.Reply.WriteBulk(ctx.Arg(i));
            ctx.Reply.WriteInteger(ctx.Server.PubSub.SubscriberCount(ctx.Arg(i), shard));
        }
    }

    [RedisCommand("pubsub|numpat", Arity = 2, Flags = Flags, Acl = Acl, Group = "pubsub", Since = "2.8.0", Summary = "Get the count of unique patterns pattern subscriptions", Complexity = "O(1)")]
    public static void NumPat(CommandContext ctx) => ctx.Reply.WriteInteger(ctx.Server.PubSub.PatternCount);

    [RedisCommand("pubsub|help", Arity = 2, Flags = CommandFlags.Loading | CommandFlags.Stale, Acl = AclCategory.Slow, Group = "pubsub", Since = "6.2.0",
        Summary = "Show helpful text about the different subcommands", Complexity = "O(1)")]
    public static void Help(CommandContext ctx) => HelpReply.Write(ctx, "PUBSUB",
        "CHANNELS [<pattern>]",
        "    Return the currently active channels matching a <pattern> (default: '*').",
        "NUMPAT",
        "    Return number of subscriptions to patterns.",
        "NUMSUB [<channel> ...]",
        "    Return the number of subscribers for the specified channels, excluding",
        "    pattern subscriptions(default: no channels).",
        "SHARDCHANNELS [<pattern>]",
        "    Return the currently active shard level channels matching a <pattern> (default: '*').",
        "SHARDNUMSUB [<shardchannel> ...]",
        "    Return the number of subscribers for the specified shard level channel(s)");
}
