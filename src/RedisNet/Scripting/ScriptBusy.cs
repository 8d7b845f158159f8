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
        var state = server.Scripting;
        while (true)
        {
            if (Monitor.TryEnter(server.ExecLock, PollMs)) return true;
            if (state.Busy) return false;
        }
    }

    /// <summary>
    /// True when the received bytes may hold EVAL/EVALSHA/FCALL (any case): the connection then runs
    /// the batch on a pool thread, because with inline socket completions a long script would
    /// otherwise hold the thread that serves every other connection.
    /// </summary>
    public static bool MayRunScript(in System.Buffers.ReadOnlySequence<byte> buffer)
    {
        var span = buffer.FirstSpan;
        if (span.Length > 4096) span = span[..4096];
        return span.IndexOf("eval"u8) >= 0 || span.IndexOf("EVAL"u8) >= 0 || span.IndexOf("fcall"u8) >= 0
            || span.IndexOf("FCALL"u8) >= 0 || span.IndexOf("Eval"u8) >= 0 || span.IndexOf("FCall"u8) >= 0;
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
