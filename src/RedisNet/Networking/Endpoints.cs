using System.Net;
using System.Net.Sockets;

namespace RedisNet.Networking;

public static class Endpoints
{
    /// <summary>"ip:port" as Redis prints peer addresses (IPv6 without brackets, IPv4-mapped shown as IPv4).</summary>
    public static string Format(EndPoint? ep)
    {
        if (ep is IPEndPoint ip)
        {
            var addr = ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address;
            return $"{addr}:{ip.Port}";
        }
        return ep?.ToString() ?? "";
    }

    public static bool IsLoopback(EndPoint? ep) =>
        ep is not IPEndPoint ip || IPAddress.IsLoopback(ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address);
}
