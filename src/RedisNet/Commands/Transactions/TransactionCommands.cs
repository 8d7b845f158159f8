using RedisNet.Server;

namespace RedisNet.Commands.Transactions;

/// <summary>MULTI, EXEC, DISCARD, WATCH, UNWATCH (Redis's multi.c). Queuing itself is in <see cref="Transaction"/>.</summary>
public static class TransactionCommands
{
    [RedisCommand("multi", Arity = 1, Flags = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast | CommandFlags.AllowBusy,
        Acl = AclCategory.Fast | AclCategory.Transaction, Group = "transactions", Since = "1.2.0",
        Summary = "Mark the start of a transaction block", Complexity = "O(1)")]
    public static void Multi(CommandContext ctx)
    {
        var c = ctx.Client;
        if ((c.Flags & ClientFlags.Multi) != 0)
        {
            ctx.Error("ERR MULTI calls can not be nested");
            return;
        }
        c.Multi ??= new MultiState();
        c.Flags |= ClientFlags.Multi;
        ctx.Reply.WriteOk();
    }

    [RedisCommand("exec", Arity = 1, Flags = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.SkipSlowlog,
        Acl = AclCategory.Slow | AclCategory.Transaction, Group = "transactions", Since = "1.2.0",
        Summary = "Execute all commands issued after MULTI", Complexity = "Depends on commands in the transaction")]
    public static void Exec(CommandContext ctx)
    {
        var c = ctx.Client;
        if ((c.Flags & ClientFlags.Multi) == 0)
        {
            ctx.Error("ERR EXEC without MULTI");
            return;
        }
        var server = ctx.Server;
        var state = c.Multi!;
        if (server.WatchedKeys.AnyExpired(c)) c.Flags |= ClientFlags.DirtyCas;
        if (state.DirtyExec || (c.Flags & ClientFlags.DirtyCas) != 0)
        {
            if (state.DirtyExec) ctx.Error("EXECABORT Transaction discarded because of previous errors.");
            else ctx.Reply.WriteNullArray();
            MultiState.Discard(server, c);
            return;
        }
        // Our own writes must not break the watch we are executing under.
        server.WatchedKeys.UnwatchAll(c);
        Transaction.Run(ctx, state);
        MultiState.Discard(server, c);
    }

    [RedisCommand("discard", Arity = 1, Flags = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast | CommandFlags.AllowBusy,
        Acl = AclCategory.Fast | AclCategory.Transaction, Group = "transactions", Since = "2.0.0",
        Summary = "Discard all commands issued after MULTI", Complexity = "O(N), when N is the number of queued commands")]
    public static void Discard(CommandContext ctx)
    {
        if ((ctx.Client.Flags & ClientFlags.Multi) == 0)
        {
            ctx.Error("ERR DISCARD without MULTI");
            return;
        }
        MultiState.Discard(ctx.Server, ctx.Client);
        ctx.Reply.WriteOk();
    }

    [RedisCommand("watch", Arity = -2, Flags = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast | CommandFlags.AllowBusy,
        FirstKey = 1, LastKey = -1, Step = 1, KeySpecs = "RO index:1 range:-1,1,0",
        Acl = AclCategory.Fast | AclCategory.Transaction, Group = "transactions", Since = "2.2.0",
        Summary = "Watch the given keys to determine execution of the MULTI/EXEC block", Complexity = "O(1) for every key.")]
    public static void Watch(CommandContext ctx)
    {
        var c = ctx.Client;
        if ((c.Flags & ClientFlags.Multi) != 0)
        {
            ctx.Error("ERR WATCH inside MULTI is not allowed");
            return;
        }
        // Once dirty, EXEC fails whatever else is watched: no point in watching more.
        if ((c.Flags & ClientFlags.DirtyCas) == 0)
            for (int i = 1; i < ctx.ArgCount; i++) ctx.Server.WatchedKeys.Watch(c, ctx.Db, ctx.Arg(i));
        ctx.Reply.WriteOk();
    }

    [RedisCommand("unwatch", Arity = 1, Flags = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast | CommandFlags.AllowBusy,
        Acl = AclCategory.Fast | AclCategory.Transaction, Group = "transactions", Since = "2.2.0",
        Summary = "Forget about all watched keys", Complexity = "O(1)")]
    public static void Unwatch(CommandContext ctx)
    {
        ctx.Server.WatchedKeys.UnwatchAll(ctx.Client);
        ctx.Client.Flags &= ~ClientFlags.DirtyCas;
        ctx.Reply.WriteOk();
    }
}
