using System.Diagnostics;
using System.Text;
using RedisNet.Commands.Transactions;
using RedisNet.Protocol;
using RedisNet.Server;

namespace RedisNet.Commands;

/// <summary>
/// Runs one parsed command for a client (Redis's processCommand + call): lookup, arity, auth,
/// the handler, then statistics, slow log, MONITOR feed and propagation. Caller holds ExecLock.
/// </summary>
public static class Executor
{
    /// <summary>Runs one command. Returns false, without running it, while CLIENT PAUSE holds it back: the caller retries later.</summary>
    public static bool Execute(RedisServer server, Client client, CommandBatch batch, int cmdIndex)
    {
        var output = client.Output;
        int replyMark = output.Length;
        var tracking = server.Tracking;
        if (tracking.Active) tracking.BeforeCommand(client);
        var modeBefore = client.ReplyMode;
        bool ran = Dispatch(server, client, batch, cmdIndex);
        if (ran && client.ReplyMode != ReplyMode.On) ApplyReplyMode(client, output, replyMark, modeBefore);
        if (tracking.Active || tracking.Current != null)
        {
            tracking.MoreInBatch = cmdIndex < batch.Count - 1;
            tracking.AfterCommand(client, ran ? client.Context.Command : null);
            tracking.MoreInBatch = false;
        }
        return ran;
    }

    /// <summary>
    /// CLIENT REPLY OFF|SKIP: drop what this command wrote; SKIP applies to the next command only.
    /// OFF drops only what was written while it was in force: an EXEC that turns it on half-way keeps its earlier replies.
    /// </summary>
    private static void ApplyReplyMode(Client client, RespWriter output, int mark, ReplyMode before)
    {
        switch (client.ReplyMode)
        {
            case ReplyMode.Off:
                if (before == ReplyMode.Off && ReferenceEquals(client.Output, output)) output.Truncate(mark);
                break;
            case ReplyMode.Skip:
                if (ReferenceEquals(client.Output, output)) output.Truncate(mark);
                client.ReplyMode = ReplyMode.On;
                break;
            case ReplyMode.SkipNext:
                client.ReplyMode = ReplyMode.Skip;
                break;
        }
    }

    private static bool Dispatch(RedisServer server, Client client, CommandBatch batch, int cmdIndex)
    {
        var ctx = client.Context;
        int start = batch.CommandStarts[cmdIndex];
        int argc = batch.CommandStarts[cmdIndex + 1] - start;
        ctx.Bind(batch, start, argc);
        client.LastInteractionMs = server.Clock.NowMs; // at most one cron tick stale; Call advances the clock

        var cmd = server.Commands.Find(ctx.Arg(0));
        if (cmd is null)
        {
            Reject(ctx, UnknownCommand(ctx));
            return true;
        }
        if (cmd.Subcommands != null && (argc >= 2 || cmd.Handler is null))
        {
            if (argc < 2) { Reject(ctx, Errors.WrongArgs(cmd.Name)); return true; }
            var sub = CommandTable.FindSub(cmd, ctx.Arg(1));
            if (sub is null)
            {
                Reject(ctx, $"ERR unknown subcommand '{Truncate(ctx.ArgLatin1(1), 128)}'. Try {cmd.Name.ToUpperInvariant()} HELP.");
                return true;
            }
            cmd = sub;
        }
        ctx.Command = cmd;
        if (!cmd.ArityOk(argc)) { Reject(ctx, Errors.WrongArgs(cmd.Name), cmd); return true; }
        if (ProtectedCommands.IsProtected(cmd) && !ProtectedCommands.Allowed(server, client, cmd))
        {
            Reject(ctx, ProtectedCommands.Refusal(cmd), cmd);
            return true;
        }
        if (!client.Authenticated && (cmd.Flags & CommandFlags.NoAuth) == 0)
        {
            Reject(ctx, Errors.NoAuth, cmd);
            return true;
        }
        if ((client.Flags & ClientFlags.Multi) != 0 && (cmd.Flags & CommandFlags.NoMulti) != 0)
        {
            Reject(ctx, "ERR Command not allowed inside a transaction", cmd);
            return true;
        }
        // Replicas and MONITOR clients (a replica in Redis) may not read or write keys.
        if ((client.Flags & (ClientFlags.Replica | ClientFlags.Monitor)) != 0
            && (cmd.Flags & (CommandFlags.Write | CommandFlags.ReadOnly | CommandFlags.MayReplicate)) != 0)
        {
            Reject(ctx, "ERR Replica can't interact with the keyspace", cmd);
            return true;
        }
        if (RedisNet.Persistence.WriteDenial.Refusal(server, client, cmd) is { } denied)
        {
            Reject(ctx, denied, cmd);
            return true;
        }
        if (PubSub.SubscriberMode.Refuses(client, cmd))
        {
            Reject(ctx, PubSub.SubscriberMode.Refusal(cmd), cmd);
            return true;
        }
        // While the dump loads at startup, only commands flagged "loading" run (INFO, CONFIG, ...).
        if (server.Rdb.Loading && (cmd.Flags & CommandFlags.Loading) == 0)
        {
            Reject(ctx, "LOADING Redis is loading the dataset in memory", cmd);
            return true;
        }
        if (server.PauseUntilMs != 0 && ClientPause.HoldsBack(server, client, cmd)) return false;
        if ((client.Flags & ClientFlags.Multi) != 0 && Transaction.IsQueued(cmd))
        {
            Transaction.Queue(ctx, cmd);
            return true;
        }
        // One execution unit: what it propagates (expired-key DELs included) goes out as one block.
        var propagation = server.Propagation;
        propagation.BeginTransaction();
        try { Call(ctx, cmd); }
        finally { propagation.EndTransaction(wrap: !propagation.HasPending || !TouchesArbitraryKeys(cmd)); }
        // Keys the command (or its EXEC/script) made ready serve blocked clients now, after it ends.
        if (server.Blocking.HasReadyKeys) server.Blocking.ServeReady(server);
        return true;
    }

    /// <summary>Calls the handler with timing and all after-effects. Also used for commands run by scripts and MULTI.</summary>
    public static void Call(CommandContext ctx, CommandDef cmd)
    {
        var server = ctx.Server;
        var client = ctx.Client;
        long dirtyBefore = server.Dirty;
        long t0 = Stopwatch.GetTimestamp();
        server.Clock.Advance(t0);
        client.LastInteractionMs = server.Clock.NowMs;
        cmd.Handler!(ctx);
        // Client-side caching remembers the keys a tracking client read (Redis's trackingRememberKeys).
        if ((client.Flags & ClientFlags.Tracking) != 0 && (cmd.Flags & CommandFlags.ReadOnly) != 0) server.Tracking.RememberKeys(ctx);
        long us = (long)((Stopwatch.GetTimestamp() - t0) * (1_000_000.0 / Stopwatch.Frequency));

        cmd.Calls++;
        cmd.Microseconds += us;
        // Redis times calls in whole microseconds and records them in nanoseconds: same buckets as here.
        if (server.Config.LatencyTracking) (cmd.Latency ??= new LatencyHistogram()).Record(us * 1000);
        if (server.Config.LatencyMonitorThreshold > 0 && us / 1000 >= server.Config.LatencyMonitorThreshold)
            server.Latency.Add((cmd.Flags & CommandFlags.Fast) != 0 ? "fast-command" : "command", us / 1000, server.Clock.NowMs / 1000);
        if (ctx.Failed) cmd.FailedCalls++;
        server.Stats.TotalCommandsProcessed++;
        client.LastCommand = cmd;

        if ((cmd.Flags & CommandFlags.SkipSlowlog) == 0 && server.Config.SlowlogLogSlowerThan >= 0 && us >= server.Config.SlowlogLogSlowerThan)
            server.SlowLog.Record(ctx, us, server.Config.SlowlogMaxLen);
        if (server.Monitors.Count > 0 && (cmd.Flags & (CommandFlags.SkipMonitor | CommandFlags.Admin)) == 0)
            FeedMonitors(ctx);

        // As Redis's call(): a command that lowered the counter (SAVE, DEBUG LOADAOF reset it) propagates nothing.
        if (server.Dirty > dirtyBefore && server.Propagation.Active && !ctx.PreventPropagation)
        {
            if (ctx.PropagateOverride != null)
                foreach (var argv in ctx.PropagateOverride) server.Propagation.Propagate(client.Db.Index, argv);
            else server.Propagation.Propagate(client.Db.Index, ctx.AllArgs());
        }
    }

    /// <summary>
    /// Redis's CMD_TOUCHES_ARBITRARY_KEYS (hidden from COMMAND INFO): run directly, the keys these
    /// expire on their way are propagated as separate DELs, like active expiry, not as a transaction.
    /// </summary>
    private static bool TouchesArbitraryKeys(CommandDef cmd) => cmd.Name is "scan" or "randomkey" or "keys";

    private static void Reject(CommandContext ctx, string error, CommandDef? cmd = null)
    {
        if (cmd != null) cmd.RejectedCalls++;
        if ((ctx.Client.Flags & ClientFlags.Multi) != 0 || cmd?.Name == "exec") Transaction.Reject(ctx, error, cmd);
        else ctx.Error(error);
    }

    /// <summary>"ERR unknown command 'x', with args beginning with: 'a' 'b' " with Redis's 128-byte caps.</summary>
    private static string UnknownCommand(CommandContext ctx)
    {
        var args = new StringBuilder();
        for (int i = 1; i < ctx.ArgCount && args.Length < 128; i++)
            args.Append('\'').Append(Truncate(ctx.ArgLatin1(i), 128 - args.Length)).Append("' ");
        return $"ERR unknown command '{Truncate(ctx.ArgLatin1(0), 128)}', with args beginning with: {args}";
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    /// <summary>Sends the call to MONITOR clients: +unixtime.us [db addr] "arg" ... with Redis's quoting.</summary>
    internal static void FeedMonitors(CommandContext ctx)
    {
        var server = ctx.Server;
        var sb = new StringBuilder(64);
        long nowUs = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;
        sb.Append('+').Append(nowUs / 1_000_000).Append('.').Append((nowUs % 1_000_000).ToString("D6")).Append(" [").Append(ctx.Client.Db.Index).Append(' ');
        if (ctx.Client.IsFake) sb.Append("lua");
        else if ((ctx.Client.Flags & ClientFlags.UnixSocket) != 0) sb.Append("unix:").Append(server.Config.UnixSocket);
        else sb.Append(ctx.Client.Transport!.RemoteAddress);
        sb.Append(']');
        for (int i = 0; i < ctx.ArgCount; i++)
        {
            sb.Append(' ');
            if (ctx.IsRedacted(i)) sb.Append("\"(redacted)\"");
            else AppendRepr(sb, ctx.Arg(i));
        }
        sb.Append("\r\n");
        var line = Encoding.Latin1.GetBytes(sb.ToString());
        foreach (var m in server.Monitors)
        {
            m.Output.WriteRaw(line);
            m.Transport?.RequestFlush();
        }
    }

    /// <summary>Redis's sdscatrepr: quoted, with \n \r \t \a \b \\ \" escaped and other non-printables as \xHH.</summary>
    public static void AppendRepr(StringBuilder sb, ReadOnlySpan<byte> s)
    {
        sb.Append('"');
        foreach (var b in s)
        {
            switch (b)
            {
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'"': sb.Append("\\\""); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                case 7: sb.Append("\\a"); break;
                case 8: sb.Append("\\b"); break;
                default:
                    if (b >= 32 && b < 127) sb.Append((char)b);
                    else sb.Append("\\x").Append(b.ToString("x2"));
                    break;
            }
        }
        sb.Append('"');
    }
}
