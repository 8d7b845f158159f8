using RedisNet.PubSub;
using RedisNet.Server;

namespace RedisNet.Commands.PubSubCommands;

/// <summary>SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, SSUBSCRIBE, SUNSUBSCRIBE, PUBLISH, SPUBLISH.</summary>
public static class SubscribeCommands
{
    private const CommandFlags SubFlags = CommandFlags.PubSub | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale;
    private const CommandFlags PubFlags = CommandFlags.PubSub | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast;
    private const AclCategory SubAcl = AclCategory.PubSub | AclCategory.Slow;
    private const AclCategory PubAcl = AclCategory.PubSub | AclCategory.Fast;
    private const string ShardSpec = "NOT_KEY index:1 range:-1,1,0";

    [RedisCommand("subscribe", Arity = -2, Flags = SubFlags, Acl = SubAcl, Group = "pubsub", Since = "2.0.0",
        Summary = "Listen for messages published to the given channels", Complexity = "O(N) where N is the number of channels to subscribe to.")]
    public static void Subscribe(CommandContext ctx)
    {
        if (DenyInMulti(ctx, "SUBSCRIBE")) return;
        for (int i = 1; i < ctx.ArgCount; i++) ctx.Server.PubSub.Subscribe(ctx.Client, ctx.Arg(i), shard: false);
    }

    [RedisCommand("ssubscribe", Arity = -2, Flags = SubFlags, FirstKey = 1, LastKey = -1, Step = 1, Acl = SubAcl, KeySpecs = ShardSpec,
        Group = "pubsub", Since = "7.0.0", Summary = "Listen for messages published to the given shard channels", Complexity = "O(N) where N is the number of shard channels to subscribe to.")]
    public static void SSubscribe(CommandContext ctx)
    {
        if (DenyInMulti(ctx, "SSUBSCRIBE")) return;
        for (int i = 1; i < ctx.ArgCount; i++) ctx.Server.PubSub.Subscribe(ctx.Client, ctx.Arg(i), shard: true);
    }

    [RedisCommand("psubscribe", Arity = -2, Flags = SubFlags, Acl = SubAcl, Group = "pubsub", Since = "2.0.0",
        Summary = "Listen for messages published to channels matching the given patterns", Complexity = "O(N) where N is the number of patterns the client is already subscribed to.")]
    public static void PSubscribe(CommandContext ctx)
    {
        if (DenyInMulti(ctx, "PSUBSCRIBE")) return;
        for (int i = 1; i < ctx.ArgCount; i++) ctx.Server.PubSub.PSubscribe(ctx.Client, ctx.Arg(i));
    }

    [RedisCommand("unsubscribe", Arity = -1, Flags = SubFlags, Acl = SubAcl, Group = "pubsub", Since = "2.0.0",
        Summary = "Stop listening for messages posted to the given channels", Complexity = "O(N) where N is the number of clients already subscribed to a channel.")]
    public static void Unsubscribe(CommandContext ctx) => UnsubscribeChannels(ctx, shard: false);

    [RedisCommand("sunsubscribe", Arity = -1, Flags = SubFlags, FirstKey = 1, LastKey = -1, Step = 1, Acl = SubAcl, KeySpecs = ShardSpec,
        Group = "pubsub", Since = "7.0.0", Summary = "Stop listening for messages posted to the given shard channels", Complexity = "O(N) where N is the number of clients already subscribed to a shard channel.")]
    public static void SUnsubscribe(CommandContext ctx) => UnsubscribeChannels(ctx, shard: true);

    private static void UnsubscribeChannels(CommandContext ctx, bool shard)
    {
        var hub = ctx.Server.PubSub;
        if (ctx.ArgCount == 1) hub.UnsubscribeAllChannels(ctx.Client, shard);
        else for (int i = 1; i < ctx.ArgCount; i++) hub.Unsubscribe(ctx.Client, ctx.Arg(i), shard);
        PubSubHub.UpdateFlag(ctx.Client);
    }

    [RedisCommand("punsubscribe", Arity = -1, Flags = SubFlags, Acl = SubAcl, Group = "pubsub", Since = "2.0.0",
        Summary = "Stop listening for messages posted to channels matching the given patterns",
        Complexity = "O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).")]
    public static void PUnsubscribe(CommandContext ctx)
    {
        var hub = ctx.Server.PubSub;
        if (ctx.ArgCount == 1) hub.PUnsubscribeAll(ctx.Client);
        else for (int i = 1; i < ctx.ArgCount; i++) hub.PUnsubscribe(ctx.Client, ctx.Arg(i));
        PubSubHub.UpdateFlag(ctx.Client);
    }

    [RedisCommand("publish", Arity = 3, Flags = PubFlags, Acl = PubAcl, Group = "pubsub", Since = "2.0.0", Summary = "Post a message to a channel",
        Complexity = "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).")]
    public static void Publish(CommandContext ctx)
        => ctx.Reply.WriteInteger(ctx.Server.PubSub.Publish(ctx.Arg(1), ctx.Arg(2)));

    [RedisCommand("spublish", Arity = 3, Flags = PubFlags, FirstKey = 1, LastKey = 1, Step = 1, Acl = PubAcl, KeySpecs = "NOT_KEY index:1 range:0,1,0",
        Group = "pubsub", Since = "7.0.0", Summary = "Post a message to a shard channel", Complexity = "O(N) where N is the number of clients subscribed to the receiving shard channel.")]
    public static void SPublish(CommandContext ctx)
        => ctx.Reply.WriteInteger(ctx.Server.PubSub.PublishShard(ctx.Arg(1), ctx.Arg(2)));

    /// <summary>
    /// A script cannot subscribe (the command is noscript); inside MULTI Redis allows it. Fake
    /// clients other than MULTI's have no connection to stream to: Redis's DENY_BLOCKING check.
    /// </summary>
    private static bool DenyInMulti(CommandContext ctx, string name)
    {
        if (ctx.Client.IsFake && (ctx.Client.Flags & ClientFlags.Multi) == 0)
        {
            ctx.Error($"ERR {name} isn't allowed for a DENY BLOCKING client");
            return true;
        }
        return false;
    }
}
