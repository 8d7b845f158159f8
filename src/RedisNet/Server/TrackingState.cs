namespace RedisNet.Server;

/// <summary>A client's CLIENT TRACKING settings (mode, redirect, prefixes).</summary>
public sealed class TrackingState
{
}
