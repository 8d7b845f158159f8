using RedisNet.Server;

namespace RedisNet.Commands;

/// <summary>
/// Commands flagged Protected (DEBUG, MODULE) run only when their enable-*-command option is "yes",
/// or "local" and the client is on the unix socket or loopback; otherwise they are rejected with
/// Redis's message, after the arity check and before authentication, as processCommand does.
/// </summary>
public static class ProtectedCommands
{
    public static bool Allowed(RedisServer server, Client client, CommandDef cmd)
    {
        var setting = RootName(cmd) == "debug" ? server.Config.EnableDebugCommand : "no";
        return setting == "yes" || (setting == "local" && IsLocal(client));
    }

    public static string Refusal(CommandDef cmd)
    {
        bool debug = RootName(cmd) == "debug";
        return $"ERR {(debug ? "DEBUG" : "MODULE")} command not allowed. If the {(debug ? "enable-debug-command" : "enable-module-command")} option is set to \"local\", "
            + "you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.";
    }

    public static bool IsProtected(CommandDef cmd) => ((cmd.Flags | (cmd.Parent?.Flags ?? 0)) & CommandFlags.Protected) != 0;

    private static string RootName(CommandDef cmd) => cmd.Parent?.Name ?? cmd.Name;

    /// <summary>Redis's islocalClient: unix socket, or a peer address of exactly 127.0.0.1 or ::1.</summary>
    public static bool IsLocal(Client client)
    {
        if (client.IsFake || (client.Flags & ClientFlags.UnixSocket) != 0) return true;
        var addr = client.Transport!.RemoteAddress;
        int colon = addr.LastIndexOf(':');
        var ip = colon < 0 ? addr : addr[..colon];
        return ip == "127.0.0.1" || ip == "::1";
    }
}
