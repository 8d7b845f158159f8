namespace RedisNet.PubSub;

/// <summary>A client's subscriptions: channels, patterns and shard channels.</summary>
public sealed class PubSubState
{
}
