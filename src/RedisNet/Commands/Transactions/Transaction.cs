using RedisNet.Server;

namespace RedisNet.Commands.Transactions;

/// <summary>
/// The executor's side of MULTI: which commands are queued, queuing them, refusals inside a
/// transaction, and running the queue at EXEC (Redis's processCommand/queueMultiCommand/execCommand).
/// </summary>
public static class Transaction
{
    /// <summary>Inside MULTI every command is queued except the ones that drive the transaction or the connection.</summary>
    public static bool IsQueued(CommandDef cmd) => cmd.Name switch
    {
        "exec" or "discard" or "multi" or "watch" or "quit" or "reset" => false,
        _ => true,
    };

    /// <summary>Queues the bound command with a copy of its arguments and replies +QUEUED.</summary>
    public static void Queue(CommandContext ctx, CommandDef cmd)
    {
        var c = ctx.Client;
        var state = c.Multi!;
        c.LastCommand = cmd;
        // An aborted transaction will be discarded anyway: no sense in keeping its commands.
        if (!state.DirtyExec && (c.Flags & ClientFlags.DirtyCas) == 0) state.Queue(cmd, ctx.AllArgs());
        ctx.Reply.WriteRaw("+QUEUED\r\n"u8);
    }

    /// <summary>
    /// A command refused before running (unknown, arity, NOAUTH...). Inside MULTI the refusal makes
    /// EXEC fail; a refused EXEC aborts the transaction at once with the reason, and MONITOR still
    /// sees the EXEC that closes it (Redis's rejectCommand + execCommandAbort).
    /// </summary>
    public static void Reject(CommandContext ctx, string error, CommandDef? cmd)
    {
        var c = ctx.Client;
        if (cmd is null || cmd.Name != "exec")
        {
            MultiState.FlagError(c);
            ctx.Error(error);
            return;
        }
        MultiState.Discard(ctx.Server, c);
        var reason = error.StartsWith("ERR ", StringComparison.Ordinal) ? error[4..] : error;
        ctx.Error("EXECABORT Transaction discarded because of: " + reason);
        if (ctx.Server.Monitors.Count > 0) Executor.FeedMonitors(ctx);
    }

    /// <summary>
    /// Runs the queued commands through the executor as one atomic step, replying an array of their
    /// replies. Time stands still and writes are propagated as one block; the client stays flagged
    /// MULTI meanwhile so blocking commands know not to block.
    /// </summary>
    public static void Run(CommandContext ctx, MultiState state)
    {
        var server = ctx.Server;
        var batch = ctx.Batch;
        int argStart = ctx.ArgStart, argCount = ctx.ArgCount;
        var execCmd = ctx.Command;
        var commands = state.Commands;
        var output = ctx.Client.Output;
        int mark = output.Length;
        ctx.Reply.WriteArrayHeader(commands.Count);
        DropIfRepliesOff(ctx.Client, output, mark);
        server.Clock.Frozen++;
        server.Propagation.BeginTransaction();
        try
        {
            for (int i = 0; i < commands.Count; i++)
            {
                var (cmd, argv) = commands[i];
                state.Batch.Load(argv);
                ctx.Bind(state.Batch, 0, argv.Length);
                ctx.Command = cmd;
                mark = output.Length;
                Executor.Call(ctx, cmd);
                DropIfRepliesOff(ctx.Client, output, mark);
            }
        }
        finally
        {
            server.Propagation.EndTransaction();
            server.Clock.Frozen--;
            // EXEC's own after-effects (stats, MONITOR) see EXEC again; its writes went out above.
            ctx.Bind(batch, argStart, argCount);
            ctx.Command = execCmd;
            ctx.PreventPropagation = true;
        }
    }

    /// <summary>
    /// CLIENT REPLY OFF inside EXEC silences the replies that follow it (Redis checks per reply, so
    /// the array keeps its announced length). SKIP takes effect after EXEC, like any command's.
    /// </summary>
    private static void DropIfRepliesOff(Client c, Protocol.RespWriter output, int mark)
    {
        if (c.ReplyMode == ReplyMode.Off && ReferenceEquals(c.Output, output)) output.Truncate(mark);
    }
}
