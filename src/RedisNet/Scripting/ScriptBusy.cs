using RedisNet.Commands;
using RedisNet.Protocol;
using RedisNet.Server;

namespace RedisNet.Scripting;

/// <summary>
/// While a script runs past busy-reply-threshold it holds the execution lock, so other connections
/// cannot run commands. Instead of waiting for the lock they answer here, without it: BUSY for
/// everything except SCRIPT KILL, FUNCTION KILL and SHUTDOWN NOSAVE (Redis serves those from
/// inside the script's hook; here the hook only polls the kill flag these set).
/// </summary>
public static class ScriptBusy
{
    private const int PollMs = 5;

    /// <summary>Takes the execution lock; returns false instead when a script is busy (the lock is then not held).</summary>
    public static bool Acquire(RedisServer server)
    {
        if (Monitor.TryEnter(server.ExecLock)) return true;
        var state = server.Scripting;
        Interlocked.Increment(ref server.LockWaiters);
        try
        {
            while (true)
            {
                if (Monitor.TryEnter(server.ExecLock, PollMs)) return true;
                if (state.Busy) return false;
            }
        }
        finally { Interlocked.Decrement(ref server.LockWaiters); }
    }

    /// <summary>
    /// True when a parsed batch calls EVAL/EVALSHA/FCALL (any form): the connection then runs it on a
    /// pool thread, because with inline socket completions a long script would otherwise hold the
    /// thread that serves every other connection. One byte test per command on the hot path.
    /// </summary>
    public static bool BatchRunsScript(CommandBatch batch)
    {
        for (int i = 0; i < batch.Count; i++)
        {
            int a = batch.CommandStarts[i];
            if (batch.CommandStarts[i + 1] == a) continue;
            int len = batch.Lengths[a];
            if (len < 4 || len > 10) continue;
            var name = new ReadOnlySpan<byte>(batch.Buffer, batch.Offsets[a], len);
            byte c = (byte)(name[0] | 0x20);
            if (c != (byte)'e' && c != (byte)'f') continue;
            if (System.Text.Ascii.EqualsIgnoreCase(name, "eval"u8) || System.Text.Ascii.EqualsIgnoreCase(name, "evalsha"u8)
                || System.Text.Ascii.EqualsIgnoreCase(name, "eval_ro"u8) || System.Text.Ascii.EqualsIgnoreCase(name, "evalsha_ro"u8)
                || System.Text.Ascii.EqualsIgnoreCase(name, "fcall"u8) || System.Text.Ascii.EqualsIgnoreCase(name, "fcall_ro"u8))
                return true;
        }
        return false;
    }

    /// <summary>Answers every command of the batch without the lock, into a new reply buffer.</summary>
    public static RespWriter Answer(RedisServer server, Client client, CommandBatch batch)
    {
        var w = new RespWriter { Resp3 = client.Resp == 3 };
        var state = server.Scripting;
        for (int i = 0; i < batch.Count; i++)
        {
            int a = batch.CommandStarts[i], n = batch.CommandStarts[i + 1] - a;
            bool Is(int k, ReadOnlySpan<byte> word) => k < n && System.Text.Ascii.EqualsIgnoreCase(new ReadOnlySpan<byte>(batch.Buffer, batch.Offsets[a + k], batch.Lengths[a + k]), word);
            string reply;
            if (n == 2 && (Is(0, "script"u8) || Is(0, "function"u8)) && Is(1, "kill"u8))
                reply = state.Kill(function: Is(0, "function"u8));
            else if (n == 2 && Is(0, "function"u8) && Is(1, "stats"u8) && state.Running is { IsFunction: true } fn)
            {
                FunctionStats.Write(w, state, fn);
                continue;
            }
            else if (n == 2 && Is(0, "shutdown"u8) && Is(1, "nosave"u8))
            {
                if (state.Running is { } run) run.KillRequested = true;
                server.ShutdownHandler?.Invoke(new ShutdownRequest(true, false, false, false, false, false));
                continue;
            }
            else reply = "-" + state.BusyError;
            if (reply[0] == '+') w.WriteOk();
            else w.WriteError(reply[1..]);
        }
        return w;
    }

    /// <summary>SCRIPT KILL / FUNCTION KILL run normally (under the lock): no script is running then.</summary>
    public static void ReplyKill(CommandContext ctx, string reply)
    {
        if (reply[0] == '+') ctx.Reply.WriteOk();
        else ctx.Error(reply[1..]);
    }
}
