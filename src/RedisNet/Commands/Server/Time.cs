using RedisNet.Server;

namespace RedisNet.Commands.ServerCommands;

/// <summary>TIME, LASTSAVE, ROLE.</summary>
public static class Time
{
    [RedisCommand("time", Arity = 1, Flags = CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast, Acl = AclCategory.Fast,
        Tips = "nondeterministic_output", Group = "server", Since = "2.6.0", Summary = "Return the current server time", Complexity = "O(1)")]
    public static void Command(CommandContext ctx)
    {
        long us = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;
        ctx.Reply.WriteArrayHeader(2);
        ctx.Reply.WriteBulk(us / 1_000_000);
        ctx.Reply.WriteBulk(us % 1_000_000);
    }

    [RedisCommand("lastsave", Arity = 1, Flags = CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast, Acl = AclCategory.Admin | AclCategory.Fast | AclCategory.Dangerous,
        Tips = "nondeterministic_output", Group = "server", Since = "1.0.0", Summary = "Get the UNIX time stamp of the last successful save to disk", Complexity = "O(1)")]
    public static void LastSave(CommandContext ctx) => ctx.Reply.WriteInteger(ctx.Server.LastSaveMs / 1000);

    [RedisCommand("role", Arity = 1, Flags = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast, Acl = AclCategory.Admin | AclCategory.Fast | AclCategory.Dangerous,
        Group = "server", Since = "2.8.12", Summary = "Return the role of the instance in the context of replication", Complexity = "O(1)")]
    public static void Role(CommandContext ctx)
    {
        // A master without replicas: ["master", offset, []]. Replication replaces this with its own view.
        ctx.Reply.WriteArrayHeader(3);
        ctx.Reply.WriteBulk("master"u8);
        ctx.Reply.WriteInteger(0);
        ctx.Reply.WriteArrayHeader(0);
    }
}
