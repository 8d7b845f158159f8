using System.Net.Sockets;

namespace RedisNet.Networking;

/// <summary>strerror() texts for the socket errors Redis reports in its log lines.</summary>
public static class SocketErrors
{
    public static string Describe(SocketException ex) => ex.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => "Address already in use",
        SocketError.AddressNotAvailable => "Cannot assign requested address",
        SocketError.AccessDenied => "Permission denied",
        SocketError.AddressFamilyNotSupported => "Address family not supported by protocol",
        SocketError.ProtocolNotSupported => "Protocol not supported",
        SocketError.TooManyOpenSockets => "Too many open files",
        SocketError.InvalidArgument => "Invalid argument",
        _ => ex.Message,
    };

    /// <summary>
    /// .NET reports a unix-socket path whose directory is missing as "address not available"; the
    /// kernel's errno (and Redis's text) is ENOENT.
    /// </summary>
    public static string DescribeUnixBind(SocketException ex, string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (ex.SocketErrorCode == SocketError.AddressNotAvailable && dir != null && !Directory.Exists(dir))
            return "No such file or directory";
        return Describe(ex);
    }
}
