using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using RedisNet.Commands;
using RedisNet.Keyspace;
using RedisNet.Protocol;
using RedisNet.Scripting;
using RedisNet.Server;

namespace RedisNet.Networking;

/// <summary>
/// One client connection: a socket feeding a Pipe, parsed in batches, executed under the server's
/// execution lock, answered with one send per batch. The loop runs inline on the socket's completion
/// thread (no thread-pool hop per request); see docs/ARCHITECTURE.md.
/// </summary>
public sealed class Connection : IClientTransport
{
    private const int MaxCommandsPerBatch = 256;
    private const int PauseRetryMs = 10;

    private readonly Socket _socket;
    private readonly RedisServer _server;
    private readonly Pipe _input;
    private readonly CommandBatch _batch = new();
    private readonly uint[] _keyHashes = new uint[64];
    // Byte offset (in the parsed span) where each command of the batch starts, to leave paused ones unconsumed.
    private readonly int[] _commandStarts = new int[MaxCommandsPerBatch + 1];
    private byte[] _scratch = Array.Empty<byte>();
    private RespWriter? _spare;
    // 0 idle, 1 a sender is active, 2 a sender is active and more output is waiting.
    private int _sendState;
    private volatile bool _closing;
    private int _queryBuffered;
    private bool _unregistered;
    // The current batch was moved off the socket thread because it runs a script.
    private bool _offloaded;
    // What parsing that batch found (end, protocol error, bytes still needed), for its run there.
    private (int Pos, string? Error, long Needed) _offloadedParse;
    public readonly Client Client;

    public string RemoteAddress { get; }
    public string LocalAddress { get; }
    public int Fd => (int)_socket.Handle;
    public int QueryBufferLength => _queryBuffered;

    public Connection(Socket socket, RedisServer server, bool unixSocket)
    {
        _socket = socket;
        _server = server;
        _input = new Pipe(new PipeOptions(
            pool: MemoryPool<byte>.Shared,
            readerScheduler: PipeScheduler.Inline,
            writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: 0, // the query buffer limit is enforced here, as Redis does
            // Small segments: an idle connection holds one while it waits for data (10k idle
            // clients = 40MB, not 160MB); a pipeline of 16 SETs still fits in one.
            minimumSegmentSize: 4096,
            useSynchronizationContext: false));
        RemoteAddress = unixSocket ? "/unix" : Endpoints.Format(socket.RemoteEndPoint);
        LocalAddress = unixSocket ? server.Config.UnixSocket ?? "" : Endpoints.Format(socket.LocalEndPoint);
        // While a script runs past busy-reply-threshold the lock is held: accept anyway (the client
        // gets BUSY replies) and register it with the server once the lock is free.
        if (ScriptBusy.Acquire(server))
        {
            try { Client = server.CreateClient(this); }
            finally { Monitor.Exit(server.ExecLock); }
        }
        else
        {
            Client = new Client(server, this);
            _unregistered = true;
        }
        if (unixSocket) Client.Flags |= ClientFlags.UnixSocket;
    }

    public async Task RunAsync()
    {
        var reader = _input.Reader;
        var writer = _input.Writer;
        long needed = 0;
        try
        {
            while (!_closing)
            {
                // Input read while the client was blocked is already in the pipe: parse it first.
                if (!_unreadInput)
                {
                    int n = await ReceiveAsync().ConfigureAwait(false);
                    if (n == 0) { _peerClosed = true; break; }
                    await Received(n).ConfigureAwait(false);
                }
                _unreadInput = false;
                if (!reader.TryRead(out var result)) continue;
                var buffer = result.Buffer;
                _queryBuffered = (int)Math.Min(buffer.Length, int.MaxValue);
                if (buffer.Length < needed)
                {
                    // A large bulk is still arriving: don't re-parse until all of it is here.
                    if (buffer.Length > _server.Config.ClientQueryBufferLimit) { QueryBufferOverflow(); break; }
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }
                bool protocolError = false;
                while (true)
                {
                    int used = ProcessBatch(buffer, out needed, out protocolError, out var toSend, out bool more, out bool paused, out bool blocked, out bool offload);
                    _offloaded = false;
                    // A script may run long: run its batch off the socket thread so other connections keep being served (BUSY).
                    if (offload) { await Task.Yield(); _offloaded = true; continue; }
                    buffer = buffer.Slice(used);
                    if (toSend != null) await SendLoop(toSend).ConfigureAwait(false);
                    // A blocking command parked the client: the rest of the pipeline runs once it is served.
                    if (blocked && !_closing) { await WaitUnblockedAsync().ConfigureAwait(false); continue; }
                    // CLIENT PAUSE: the unexecuted commands stay in the buffer; try them again shortly.
                    if (paused && !_closing) { await Task.Delay(PauseRetryMs).ConfigureAwait(false); continue; }
                    if (!more || _closing) break;
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                _queryBuffered = (int)Math.Min(buffer.Length, int.MaxValue);
                if (protocolError) break;
                if (buffer.Length > _server.Config.ClientQueryBufferLimit) { QueryBufferOverflow(); break; }
            }
        }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
        catch (Exception ex)
        {
            _server.Log.LogWarning("Client {Addr} closed after an internal error: {Error}", RemoteAddress, ex);
        }
        finally
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Parses up to MaxCommandsPerBatch complete commands, executes them under the execution lock,
    /// and claims their replies for sending. Returns how many bytes were consumed; <paramref name="more"/>
    /// says complete commands may remain after this batch.
    /// </summary>
    private int ProcessBatch(ReadOnlySequence<byte> buffer, out long needed, out bool protocolError, out RespWriter? toSend, out bool more, out bool paused, out bool blocked, out bool offload)
    {
        offload = false;
        paused = false;
        blocked = false;
        needed = 0;
        protocolError = false;
        toSend = null;
        more = false;
        byte[] array;
        int baseOffset;
        if (buffer.IsSingleSegment && MemoryMarshal.TryGetArray(buffer.First, out var seg))
        {
            array = seg.Array!;
            baseOffset = seg.Offset;
        }
        else
        {
            if (_scratch.Length < buffer.Length) _scratch = new byte[Math.Max(buffer.Length, _scratch.Length * 2)];
            if (!_offloaded) buffer.CopyTo(_scratch);
            array = _scratch;
            baseOffset = 0;
        }
        var span = array.AsSpan(baseOffset, (int)buffer.Length);
        int pos = 0;
        string? error = null;
        if (_offloaded)
        {
            // The batch parsed on the socket thread still stands (the buffer has not moved). It must
            // not be parsed again: inline commands were unescaped in place ("EVAL 'return 1' 0").
            (pos, error, needed) = _offloadedParse;
        }
        else
        {
            _batch.Clear();
            _batch.Buffer = array;
            while (_batch.Count < MaxCommandsPerBatch)
            {
                int commandStart = pos, countBefore = _batch.Count;
                var status = RespParser.ParseCommand(span, ref pos, _batch, _server.Config.ProtoMaxBulkLen, out error, Client.Authenticated);
                if (_batch.Count > countBefore) _commandStarts[countBefore] = commandStart;
                if (status == ParseStatus.Incomplete) { needed = _batch.NeedBytes; break; }
                if (status == ParseStatus.Error) break;
                if (pos >= span.Length) break;
            }
            // Offsets are relative to the span; handlers index the array.
            if (baseOffset != 0)
                for (int i = 0; i < _batch.ArgTotal; i++) _batch.Offsets[i] += baseOffset;
        }
        more = _batch.Count == MaxCommandsPerBatch && pos < span.Length;
        if (_batch.Count == 0 && error is null) return pos;
        if (!_offloaded && ScriptBusy.BatchRunsScript(_batch))
        {
            // Nothing ran: the caller moves to a pool thread and runs this same batch there.
            _offloadedParse = (pos, error, needed);
            offload = true;
            more = false;
            needed = 0;
            return 0;
        }
        if (_batch.Count > 1) PrefetchKeys();
        // A script running past busy-reply-threshold holds the lock: answer BUSY without it.
        if (!ScriptBusy.Acquire(_server))
        {
            toSend = ClaimForSend(ScriptBusy.Answer(_server, Client, _batch));
            return pos;
        }
        try
        {
            if (_unregistered) { _server.Clients[Client.Id] = Client; _unregistered = false; }
            Client.OutputPinned++;
            for (int i = 0; i < _batch.Count && !_closing; i++)
            {
                if (!Executor.Execute(_server, Client, _batch, i))
                {
                    paused = true;
                    pos = _commandStarts[i];
                    error = null; // re-parsed when the pause ends
                    more = false;
                    break;
                }
                if ((Client.Flags & ClientFlags.CloseAfterReply) != 0) { _closing = true; break; }
                if ((Client.Flags & ClientFlags.Blocked) != 0)
                {
                    // Like the pause path: later commands stay in the buffer (re-parsed after the wait).
                    blocked = true;
                    if (i + 1 < _batch.Count) pos = _commandStarts[i + 1];
                    error = null;
                    more = false;
                    break;
                }
            }
            if (error != null && !_closing)
            {
                // Redis replies the protocol error, then closes the connection.
                _server.Stats.CountError("ERR " + error);
                Client.Output.WriteError("ERR " + error);
                _closing = true;
                protocolError = true;
            }
            Client.OutputPinned--;
            _server.Aof.BeforeReplies(); // acknowledged means logged (and fsynced under appendfsync always)
            if (Client.Output.Length > 0) toSend = TakeOutputForSend();
        }
        finally { Monitor.Exit(_server.ExecLock); }
        return pos;
    }

    /// <summary>Claims the sender for a reply buffer built outside the lock (BUSY replies).</summary>
    private RespWriter ClaimForSend(RespWriter w)
    {
        var spin = new SpinWait();
        while (Interlocked.CompareExchange(ref _sendState, 1, 0) != 0) spin.SpinOnce();
        return w;
    }

    /// <summary>
    /// Key lookups are bound by cache misses. With a pipeline the whole batch is parsed before it
    /// runs, so the buckets and then the entries of every key can be requested from memory first
    /// and the misses overlap instead of following one another. Hints only: nothing is changed, and
    /// reading the table outside the lock is harmless (the real lookups happen under it).
    /// </summary>
    private void PrefetchKeys()
    {
        var table = Client.Db.Table;
        int n = Math.Min(_batch.Count, _keyHashes.Length);
        for (int i = 0; i < n; i++)
        {
            int a = _batch.CommandStarts[i];
            _keyHashes[i] = 0;
            if (_batch.CommandStarts[i + 1] - a < 2) continue;
            var def = _server.Commands.Find(new ReadOnlySpan<byte>(_batch.Buffer, _batch.Offsets[a], _batch.Lengths[a]));
            if (def is null || def.FirstKey != 1) continue;
            uint h = KeyHash.Compute(new ReadOnlySpan<byte>(_batch.Buffer, _batch.Offsets[a + 1], _batch.Lengths[a + 1]));
            _keyHashes[i] = h; // 0 means "no key" (a real hash of 0 only loses its hint)
            table.PrefetchBucket(h);
        }
        for (int i = 0; i < n; i++)
            if (_keyHashes[i] != 0) table.PrefetchEntry(_keyHashes[i]);
    }

    // A receive started while the client was blocked (to notice a disconnect); the main loop takes it over.
    private Task<int>? _pendingReceive;
    private bool _unreadInput;

    private ValueTask<int> ReceiveAsync()
    {
        if (_pendingReceive is { } pending)
        {
            _pendingReceive = null;
            return new ValueTask<int>(pending);
        }
        return _socket.ReceiveAsync(_input.Writer.GetMemory(1), SocketFlags.None);
    }

    private ValueTask<FlushResult> Received(int n)
    {
        Interlocked.Add(ref _server.Stats.NetInputBytes, n);
        Interlocked.Increment(ref _server.Stats.TotalReadsProcessed);
        _input.Writer.Advance(n);
        return _input.Writer.FlushAsync(); // completes synchronously: no pause threshold
    }

    /// <summary>
    /// Waits (no polling) until the blocked client is served, times out or is unblocked, still
    /// reading the socket meanwhile so a disconnect ends the wait and pipelined input is kept.
    /// </summary>
    private async Task WaitUnblockedAsync()
    {
        var unblocked = Client.BlockState!.Unblocked;
        while (!unblocked.IsCompleted && !_closing)
        {
            _pendingReceive ??= _socket.ReceiveAsync(_input.Writer.GetMemory(1), SocketFlags.None).AsTask();
            if (await Task.WhenAny(unblocked, _pendingReceive).ConfigureAwait(false) == unblocked) return;
            int n = await _pendingReceive.ConfigureAwait(false);
            _pendingReceive = null;
            if (n == 0) { _peerClosed = _closing = true; return; } // gone: CloseAsync unblocks it
            await Received(n).ConfigureAwait(false);
            _unreadInput = true;
        }
    }

    private void QueryBufferOverflow()
    {
        lock (_server.ExecLock)
        {
            _server.Stats.ClientQueryBufferLimitDisconnections++;
            _server.Log.LogWarning("Closing client that reached max query buffer length: id={Id} addr={Addr} (qbuf initial bytes: ...)", Client.Id, RemoteAddress);
        }
    }

    /// <summary>
    /// Claims the right to send, detaching the filled buffer. Under ExecLock. Null when another
    /// sender is active: it is told (state 2) to pick this output up when it finishes.
    /// </summary>
    private RespWriter? TakeOutputForSend()
    {
        while (true)
        {
            int s = _sendState;
            if (s == 2) return null;
            if (s == 1)
            {
                if (Interlocked.CompareExchange(ref _sendState, 2, 1) == 1) return null;
                continue;
            }
            if (Interlocked.CompareExchange(ref _sendState, 1, 0) == 0)
            {
                var w = Client.Output;
                Client.Output = _spare ?? new RespWriter();
                Client.Output.Resp3 = w.Resp3;
                _spare = null;
                return w;
            }
        }
    }

    private async ValueTask SendLoop(RespWriter w)
    {
        while (true)
        {
            try
            {
                if (!_closingNow)
                {
                    await _socket.SendAsync(w.Written, SocketFlags.None).ConfigureAwait(false);
                    Interlocked.Add(ref _server.Stats.NetOutputBytes, w.Length);
                    Interlocked.Increment(ref _server.Stats.TotalWritesProcessed);
                }
            }
            catch (SocketException) { _closing = true; }
            catch (ObjectDisposedException) { _closing = true; }
            w.Reset();
            w.ShrinkIfLarge();
            _spare = w;
            if (Interlocked.CompareExchange(ref _sendState, 0, 1) == 1) return;
            // More output was written while we sent (state 2): take it and go again.
            _spare = null;
            lock (_server.ExecLock)
            {
                _sendState = 1;
                var next = Client.Output;
                w.Resp3 = next.Resp3;
                Client.Output = w;
                w = next;
            }
        }
    }

    public void RequestFlush()
    {
        // Output written to the client while its own command runs (a PUBLISH to a channel it listens
        // on, tracking, MONITOR) goes out with the batch. Taking it now would race the handler:
        // `ctx.Reply.WriteInteger(Publish(...))` reads Reply before publishing, then writes the reply
        // into the buffer the sender thread is already sending (and then resets): a lost reply.
        if (Client.OutputPinned > 0) return;
        _server.Aof.BeforeReplies(); // a served blocked client's reply must not overtake its write
        var w = TakeOutputForSend();
        if (w != null) ThreadPool.UnsafeQueueUserWorkItem(static s => _ = s.Item1.SendLoop(s.Item2), (this, w), preferLocal: false);
    }

    private volatile bool _closingNow;
    // The peer closed its side (read returned 0): Redis logs that at verbose level.
    private bool _peerClosed;

    public void Close(bool now = false)
    {
        _closing = true;
        if (now) _closingNow = true;
        try { _socket.Shutdown(SocketShutdown.Receive); } catch { }
    }

    /// <summary>Drops the client from the server (under the execution lock).</summary>
    private void Unregister()
    {
        if (_peerClosed && _server.Log.IsEnabled(LogLevel.Debug))
        {
            var line = new System.Text.StringBuilder("Client closed connection ");
            ClientList.Append(line, _server, Client, current: null!);
            _server.Log.LogDebug("{Line}", line.ToString());
        }
        _server.Blocking.Unblock(Client);
        _server.RemoveClient(Client);
    }

    private async Task CloseAsync()
    {
        _closing = true;
        // Not on the socket thread when a script holds the lock: it serves other connections.
        if (Monitor.TryEnter(_server.ExecLock))
        {
            try { Unregister(); }
            finally { Monitor.Exit(_server.ExecLock); }
        }
        else await Task.Run(() => { lock (_server.ExecLock) Unregister(); }).ConfigureAwait(false);
        // Let a sender in flight finish before the socket goes away.
        for (int i = 0; i < 100 && Volatile.Read(ref _sendState) != 0; i++) await Task.Delay(10).ConfigureAwait(false);
        try { _socket.Shutdown(SocketShutdown.Both); } catch { }
        _socket.Dispose();
        await _input.Reader.CompleteAsync().ConfigureAwait(false);
        await _input.Writer.CompleteAsync().ConfigureAwait(false);
    }
}
