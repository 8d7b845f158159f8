namespace RedisNet.Server;

/// <summary>CLIENT TRACKING modes of one client (Redis's CLIENT_TRACKING_* flags).</summary>
[Flags]
public enum TrackingMode
{
    None = 0,
    Bcast = 1 << 0,
    OptIn = 1 << 1,
    OptOut = 1 << 2,
    /// <summary>CLIENT CACHING yes (OPTIN) / no (OPTOUT) given for the next command.</summary>
    Caching = 1 << 3,
    NoLoop = 1 << 4,
    BrokenRedirect = 1 << 5,
}

/// <summary>A client's CLIENT TRACKING settings (mode, redirect, prefixes). On while the client has <see cref="ClientFlags.Tracking"/>.</summary>
public sealed class TrackingState
{
    public TrackingMode Mode;
    /// <summary>Client id invalidations are redirected to; 0 = this connection (RESP3 push).</summary>
    public long Redirect;
    /// <summary>BCAST prefixes, in byte order (Redis keeps them in a radix tree: TRACKINGINFO lists them sorted).</summary>
    public readonly SortedSet<byte[]> Prefixes = new(ByteOrder.Instance);

    public bool Has(TrackingMode m) => (Mode & m) != 0;
}

/// <summary>memcmp order for byte strings (shorter first on a common prefix), as radix trees iterate.</summary>
public sealed class ByteOrder : IComparer<byte[]>
{
    public static readonly ByteOrder Instance = new();
    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
