using System.Diagnostics;
using RedisNet.Commands;
using RedisNet.Server;

namespace RedisNet.Scripting;

/// <summary>Script shebang flags (#!lua flags=...) and function flags.</summary>
[Flags]
public enum ScriptFlags
{
    None = 0,
    NoWrites = 1,
    AllowOom = 2,
    AllowStale = 4,
    NoCluster = 8,
    AllowCrossSlotKeys = 16,
    /// <summary>The script had a shebang line: flags apply (without one, EVAL behaves as in Redis 6).</summary>
    HasShebang = 1 << 10,
}

/// <summary>
/// The script now running (one at a time: it holds the execution lock). Natives reach it through
/// <see cref="Current"/>; other connections read <see cref="ScriptingState.Busy"/> without the lock.
/// </summary>
internal sealed class ScriptRun
{
    [ThreadStatic] public static ScriptRun? Current;

    public required CommandContext Caller;
    public required Client ScriptClient;
    public required LuaEngine Engine;
    /// <summary>How errors name the script: its sha for EVAL, the function name for FCALL.</summary>
    public required string Name;
    public bool IsFunction;
    public bool ReadOnly;
    public ScriptFlags Flags;
    public readonly long StartTimestamp = Stopwatch.GetTimestamp();
    public volatile bool KillRequested;
    /// <summary>Set once a command changed data: from then on SCRIPT KILL answers UNKILLABLE.</summary>
    public bool WroteData;
    /// <summary>redis.setresp(): the protocol the script's commands reply in.</summary>
    public int Resp = 2;
    /// <summary>The FCALL's arguments, for FUNCTION STATS (answered by other connections while it runs).</summary>
    public byte[][]? CommandArgs;

    public long ElapsedMs => (long)Stopwatch.GetElapsedTime(StartTimestamp).TotalMilliseconds;
}
