using RedisNet.Commands;
using RedisNet.Server;

namespace RedisNet.PubSub;

/// <summary>
/// RESP2 subscriber mode: a client with subscriptions may only run the (un)subscribe family,
/// PING, QUIT and RESET (RESP3 clients may run anything: messages arrive as push data).
/// </summary>
public static class SubscriberMode
{
    public static bool Refuses(Client client, CommandDef cmd)
    {
        if ((client.Flags & ClientFlags.PubSub) == 0 || client.Resp != 2) return false;
        return cmd.Name switch
        {
            "subscribe" or "ssubscribe" or "unsubscribe" or "sunsubscribe" or "psubscribe" or "punsubscribe"
                or "ping" or "quit" or "reset" => false,
            _ => true,
        };
    }

    public static string Refusal(CommandDef cmd)
        => $"ERR Can't execute '{cmd.FullName}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";
}
