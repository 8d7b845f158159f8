namespace RedisNet.Server;

/// <summary>A client's MULTI/WATCH state: queued commands and watched keys (Redis's multi.c).</summary>
public sealed class MultiState
{
}
