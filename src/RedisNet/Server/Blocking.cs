using System.Diagnostics;
using RedisNet.Commands;
using RedisNet.Keyspace;
using RedisNet.Protocol;

namespace RedisNet.Server;

/// <summary>
/// Clients blocked on keys (BLPOP, BZPOPMIN, XREAD BLOCK, ...) and the keys made ready for them:
/// Redis's blocked.c. A handler that finds nothing to serve calls <see cref="Block"/>; writes that can
/// serve a blocked client call <see cref="SignalKeyAsReady"/>; after each top-level command the
/// executor calls <see cref="ServeReady"/>, which re-runs each waiting client's command, oldest
/// first per key (see docs/ARCHITECTURE.md, Threading model). Everything here runs under ExecLock.
/// </summary>
public sealed partial class Blocking
{
    /// <summary>Clients blocked on keys now; while 0, a ready signal costs one test.</summary>
    public int BlockedOnKeys;
    /// <summary>Blocked clients with a timeout (INFO clients_in_timeout_table).</summary>
    public int WithTimeout;

    private readonly Dictionary<Database, Dictionary<byte[], KeyQueue>> _waiting = new();
    private List<KeyQueue> _ready = new(), _readySpare = new();
    private readonly CommandBatch _serveBatch = new();

    /// <summary>The clients waiting for one key, oldest first.</summary>
    internal sealed class KeyQueue(Database db, byte[] key) : LinkedList<BlockState>
    {
        public readonly Database Db = db;
        public readonly byte[] Key = key;
        public bool Ready;
    }

    public bool HasReadyKeys => _ready.Count > 0;

    /// <summary>
    /// Whether a blocking command may take data from <paramref name="key"/> now: always, except while a
    /// blocked client is being served, when only the key that became ready counts (Redis 7.0 serves a
    /// client from that key, even if another of its keys also holds data).
    /// </summary>
    public static bool MayServeFrom(CommandContext ctx, ReadOnlySpan<byte> key) =>
        ctx.Client.BlockState is not { Serving: true } st || key.SequenceEqual(st.ReadyKey);

    /// <summary>False for clients that must not wait (inside MULTI/EXEC, scripts and other fake clients), true while serving.</summary>
    public static bool CanBlock(CommandContext ctx) =>
        ctx.Client.BlockState is { Serving: true } || ((ctx.Client.Flags & ClientFlags.Multi) == 0 && !ctx.Client.IsFake);

    /// <summary>
    /// Parks the client until one of <paramref name="keys"/> may serve it, for <paramref name="timeoutMs"/>
    /// (0 = forever), replying nothing now. When served, the command runs again with
    /// <see cref="BlockState.Serving"/> set; if it still finds nothing it calls Block again, which
    /// then keeps the client waiting in its place. Clients that cannot block (inside MULTI/EXEC,
    /// scripts and other fake clients) get <paramref name="onTimeout"/>'s reply at once.
    /// </summary>
    public void Block(CommandContext ctx, IReadOnlyList<byte[]> keys, long timeoutMs, Action<CommandContext> onTimeout)
    {
        var c = ctx.Client;
        var st = c.BlockState;
        if (st is { Serving: true }) { st.KeepBlocked = true; return; }
        if (!CanBlock(ctx)) { onTimeout(ctx); return; }
        st ??= c.BlockState = new BlockState(c);
        st.Argv = ctx.AllArgs();
        st.Command = ctx.Command;
        st.Db = c.Db;
        st.OnTimeout = onTimeout;
        st.Signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.TryGetValue(c.Db, out var byKey)) _waiting[c.Db] = byKey = new Dictionary<byte[], KeyQueue>(ByteArrayComparer.Instance);
        foreach (var key in keys)
        {
            if (!byKey.TryGetValue(key, out var q)) byKey[key] = q = new KeyQueue(c.Db, key);
            if (st.Nodes.Exists(n => ReferenceEquals(n.List, q))) continue; // BLPOP k k: one place per key
            st.Nodes.Add(q.AddLast(st));
        }
        c.Flags |= ClientFlags.Blocked;
        BlockedOnKeys++;
        st.DeadlineMs = timeoutMs > 0 ? ctx.Server.Clock.NowMs + timeoutMs : 0;
        if (timeoutMs > 0)
        {
            WithTimeout++;
            int generation = st.Generation;
            st.Timer = new Timer(static s => { var (b, g) = ((BlockState, int))s!; b.TimedOut(g); }, (st, generation), BlockState.TimerDue(timeoutMs), Timeout.Infinite);
        }
    }

    /// <summary>
    /// Redis's signalKeyAsReady: a key that clients may wait for was created (Database.Add does this)
    /// or appended to (XADD). Blocked clients are served after the current command.
    /// </summary>
    public void SignalKeyAsReady(Database db, ReadOnlySpan<byte> key)
    {
        if (BlockedOnKeys == 0) return;
        if (!_waiting.TryGetValue(db, out var byKey)) return;
        var lookup = byKey.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (!lookup.TryGetValue(key, out var q) || q.Ready) return;
        q.Ready = true;
        _ready.Add(q);
    }

    /// <summary>
    /// Serves clients blocked on the keys made ready, oldest first per key, until no key is ready
    /// (serving one may make another ready: BLMOVE's destination). Called after a top-level command.
    /// </summary>
    public void ServeReady(RedisServer server)
    {
        while (_ready.Count > 0)
        {
            var batch = _ready;
            (_ready, _readySpare) = (_readySpare, _ready);
            foreach (var q in batch)
            {
                q.Ready = false;
                if (q.Count == 0) continue;
                foreach (var st in q.ToArray()) // serving unblocks clients: walk a copy
                {
                    if (!st.IsBlocked) continue;
                    // Emptied or deleted (maybe by an earlier client): only XREADGROUP clients are served, with an error.
                    if (!st.UnblockOnNoKey && q.Db.Peek(q.Key) is null) continue;
                    Serve(server, st, q.Key);
                }
            }
            batch.Clear();
        }
    }

    /// <summary>Re-runs a blocked client's command; its reply goes to that client, its writes are propagated as the handler asks.</summary>
    private void Serve(RedisServer server, BlockState st, byte[] readyKey)
    {
        st.ReadyKey = readyKey;
        var c = st.Client;
        var ctx = c.Context;
        _serveBatch.Load(st.Argv);
        ctx.Bind(_serveBatch, 0, st.Argv.Length);
        ctx.Command = st.Command;
        st.Serving = true;
        st.KeepBlocked = false;
        long dirtyBefore = server.Dirty;
        long t0 = Stopwatch.GetTimestamp();
        // Each served client is its own execution unit (Redis's afterCommand per client): several
        // writes it propagates (expired DELs, XREADGROUP's XCLAIMs) are wrapped in MULTI/EXEC.
        var propagation = server.Propagation;
        propagation.BeginTransaction();
        try
        {
            c.OutputPinned++;
            try { st.Command.Handler!(ctx); }
            finally { st.Serving = false; st.ReadyKey = null; c.OutputPinned--; }
            if (!st.KeepBlocked) Finish(server, st, ctx, dirtyBefore, t0);
            else if (c.Output.Length > 0) c.Transport?.RequestFlush(); // pushes written while it ran
        }
        finally { propagation.EndTransaction(); }
    }

    /// <summary>A served client's after-effects: stats, propagation, and the end of its wait.</summary>
    private void Finish(RedisServer server, BlockState st, CommandContext ctx, long dirtyBefore, long t0)
    {
        var c = st.Client;
        // Redis counts the call when it blocked; serving adds its time (and a failure, if any).
        st.Command.Microseconds += (long)((Stopwatch.GetTimestamp() - t0) * (1_000_000.0 / Stopwatch.Frequency));
        if (ctx.Failed) st.Command.FailedCalls++;
        if (server.Dirty != dirtyBefore && server.Propagation.Active && !ctx.PreventPropagation)
        {
            if (ctx.PropagateOverride != null)
                foreach (var argv in ctx.PropagateOverride) server.Propagation.Propagate(c.Db.Index, argv);
            else server.Propagation.Propagate(c.Db.Index, st.Argv);
        }
        Unblock(c);
        c.Transport?.RequestFlush();
    }

    /// <summary>Ends a client's wait without a reply (the caller wrote one, or the client is gone).</summary>
    public void Unblock(Client c)
    {
        var st = c.BlockState;
        if (st is null || (c.Flags & ClientFlags.Blocked) == 0) return;
        foreach (var node in st.Nodes)
        {
            var q = (KeyQueue)node.List!;
            q.Remove(node);
            if (q.Count == 0 && _waiting.TryGetValue(q.Db, out var byKey)) byKey.Remove(q.Key);
        }
        st.Nodes.Clear();
        st.Argv = Array.Empty<byte[]>();
        st.Request = null;
        if (st.UnblockOnNoKey) WaitingUnlessNoKey--;
        st.UnblockOnNoKey = false;
        c.Flags &= ~ClientFlags.Blocked;
        BlockedOnKeys--;
        if (st.Timer != null)
        {
            st.Timer.Dispose();
            st.Timer = null;
            WithTimeout--;
        }
        st.Generation++;
        st.Signal?.TrySetResult();
    }

    /// <summary>Replies the command's timeout answer and ends the wait (a timeout, CLIENT UNBLOCK c TIMEOUT).</summary>
    public void UnblockWithTimeout(Client c)
    {
        if (c.BlockState is not { } st || !st.IsBlocked) return;
        st.OnTimeout(c.Context);
        Unblock(c);
        c.Transport?.RequestFlush();
    }

    /// <summary>CLIENT UNBLOCK: false when the client is not blocked.</summary>
    public bool UnblockByRequest(Client c, bool withError)
    {
        if (c.BlockState is not { } st || !st.IsBlocked) return false;
        if (withError)
        {
            c.Context.Error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
            st.Command.FailedCalls++;
            Unblock(c);
            c.Transport?.RequestFlush();
        }
        else UnblockWithTimeout(c);
        return true;
    }

    /// <summary>
    /// Parses a blocking timeout in seconds (BLPOP, BZPOPMIN, BLMOVE...) into milliseconds, with
    /// Redis's errors: strtold's forms (hex "0x10", "1e1", inf), then (long long)ceill(t * 1000), so
    /// fractions round up, tiny negatives become 0 (forever) and out-of-range values are negative.
    /// </summary>
    public static bool TryParseTimeoutSeconds(CommandContext ctx, int arg, out long timeoutMs)
    {
        timeoutMs = 0;
        if (!RedisNet.Commands.Strings.LongDouble.TryParse(ctx.Arg(arg), out var seconds))
        {
            ctx.Error("ERR timeout is not a float or out of range");
            return false;
        }
        long ms = seconds.MulCeilToInt64(1000);
        if (ms < 0) { ctx.Error("ERR timeout is negative"); return false; }
        timeoutMs = ms;
        return true;
    }

    /// <summary>Parses a blocking timeout in milliseconds (XREAD BLOCK), with Redis's errors.</summary>
    public static bool TryParseTimeoutMs(CommandContext ctx, int arg, out long timeoutMs)
    {
        if (!NumberFormat.TryParseInt64(ctx.Arg(arg), out timeoutMs))
        {
            ctx.Error("ERR timeout is not an integer or out of range");
            return false;
        }
        if (timeoutMs < 0) { ctx.Error("ERR timeout is negative"); return false; }
        return true;
    }
}

/// <summary>A blocked client's wait: its keys, timeout and the command to run when served.</summary>
public sealed class BlockState
{
    internal readonly Client Client;
    internal byte[][] Argv = Array.Empty<byte[]>();
    internal CommandDef Command = null!;
    internal Database Db = null!;
    internal Action<CommandContext> OnTimeout = null!;
    internal readonly List<LinkedListNode<BlockState>> Nodes = new();
    internal Timer? Timer;
    internal int Generation;
    internal TaskCompletionSource? Signal;
    internal bool KeepBlocked;
    /// <summary>Unix ms when the wait times out; 0 = never.</summary>
    public long DeadlineMs { get; internal set; }
    /// <summary>While serving: the key that became ready.</summary>
    public byte[]? ReadyKey { get; internal set; }
    /// <summary>What the command keeps for when it is served (XREAD's IDs with "$" resolved); set after Block.</summary>
    public object? Request { get; set; }
    /// <summary>Also served when the key is deleted or changes type (XREADGROUP, which then fails).</summary>
    public bool UnblockOnNoKey { get; set; }
    /// <summary>True while the stored command is re-run because a key it waits for became ready.</summary>
    public bool Serving { get; internal set; }

    internal BlockState(Client client) => Client = client;

    public bool IsBlocked => (Client.Flags & ClientFlags.Blocked) != 0;

    /// <summary>Completes when the client is unblocked (served, timed out, CLIENT UNBLOCK, disconnected).</summary>
    public Task Unblocked => Signal?.Task ?? Task.CompletedTask;

    // A timer waits at most ~49 days; longer timeouts re-arm it until the deadline.
    private const long MaxTimerMs = 4_294_967_294;
    internal static long TimerDue(long ms) => Math.Min(ms, MaxTimerMs);

    internal void TimedOut(int generation)
    {
        var server = Client.Context.Server;
        lock (server.ExecLock)
        {
            if (generation != Generation || !IsBlocked) return;
            long left = DeadlineMs - Clock.UnixMs();
            if (left > 1) { Timer?.Change(TimerDue(left), Timeout.Infinite); return; }
            server.Blocking.UnblockWithTimeout(Client);
        }
    }
}

/// <summary>Byte-array keys compared by content, with span lookups (no copy to probe).</summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly ByteArrayComparer Instance = new();
    public bool Equals(byte[]? a, byte[]? b) => a.AsSpan().SequenceEqual(b);
    public int GetHashCode(byte[] a) => (int)KeyHash.Compute(a);
    public bool Equals(ReadOnlySpan<byte> a, byte[] b) => a.SequenceEqual(b);
    public int GetHashCode(ReadOnlySpan<byte> a) => (int)KeyHash.Compute(a);
    public byte[] Create(ReadOnlySpan<byte> a) => a.ToArray();
}
