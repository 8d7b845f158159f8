namespace RedisNet.Server;

/// <summary>One SLOWLOG entry, as SLOWLOG GET returns it.</summary>
public sealed record SlowLogEntry(long Id, long UnixSeconds, long DurationUs, byte[][] Args, string PeerAddress, string ClientName);

/// <summary>
/// The slow log: commands slower than slowlog-log-slower-than microseconds, newest first, at most
/// slowlog-max-len entries. Arguments are truncated as Redis does (32 args, 128 bytes each).
/// </summary>
public sealed class SlowLog
{
    private const int MaxArgs = 32;
    private const int MaxArgLen = 128;
    private readonly LinkedList<SlowLogEntry> _entries = new();
    private long _nextId;

    public int Count => _entries.Count;
    public IEnumerable<SlowLogEntry> Newest => _entries;

    public void Record(Commands.CommandContext ctx, long durationUs, int maxLen)
    {
        int argc = Math.Min(ctx.ArgCount, MaxArgs);
        var args = new byte[argc][];
        for (int i = 0; i < argc; i++)
        {
            if (argc != ctx.ArgCount && i == argc - 1)
            {
                args[i] = System.Text.Encoding.ASCII.GetBytes($"... ({ctx.ArgCount - argc + 1} more arguments)");
                break;
            }
            if (i < 64 && (ctx.RedactedArgs & (1UL << i)) != 0) { args[i] = "(redacted)"u8.ToArray(); continue; }
            var a = ctx.Arg(i);
            if (a.Length > MaxArgLen)
                args[i] = [.. a[..MaxArgLen], .. System.Text.Encoding.ASCII.GetBytes($"... ({a.Length - MaxArgLen} more bytes)")];
            else args[i] = a.ToArray();
        }
        var peer = ctx.Client.Transport?.RemoteAddress ?? "";
        _entries.AddFirst(new SlowLogEntry(_nextId++, ctx.Server.Clock.NowMs / 1000, durationUs, args, peer, ctx.Client.Name ?? ""));
        Trim(maxLen);
    }

    public void Trim(int maxLen)
    {
        while (_entries.Count > Math.Max(maxLen, 0)) _entries.RemoveLast();
    }

    public void Reset() => _entries.Clear();
}
