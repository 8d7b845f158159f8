using System.Buffers;
using RedisNet.Keyspace;
using RedisNet.Persistence.Rdb;
using RedisNet.Server;

namespace RedisNet.Persistence;

/// <summary>How a snapshot turns into bytes: RDB records (BGSAVE, full sync, AOF preamble) or commands (AOF rewrite).</summary>
public interface ISnapshotEncoder
{
    /// <summary>What precedes a database's keys (SELECTDB + RESIZEDB, or a SELECT command).</summary>
    void BeginDatabase(RdbWriter w, int db, long keys, long expires);
    /// <summary>One key, encoded at once (the entry may change right after this returns).</summary>
    void Entry(RdbWriter w, int db, KeyEntry e);
}

/// <summary>
/// A point-in-time copy of every database, produced while commands keep running: the fork-less
/// BGSAVE. <see cref="Begin"/> (under the execution lock) starts a <see cref="KeyTableSnapshot"/> on
/// each non-empty database's table and writes the header; <see cref="Run"/> (on a background
/// thread) then takes the lock for small steps, encodes what it visits, and writes the bytes to the
/// output outside the lock. A command about to change a bucket not yet visited makes the snapshot
/// encode that bucket first, into that database's own buffer, so each database's records stay
/// together in the file. Memory beyond the dataset is what is encoded ahead of the writer.
/// See docs/ARCHITECTURE.md, "Snapshots while writes go on".
/// </summary>
public sealed class DatasetSnapshot
{
    private sealed class Part(int db, RdbWriter writer)
    {
        public readonly int Db = db;
        public readonly RdbWriter Writer = writer;
        public KeyTableSnapshot? Walk;
    }

    private readonly RedisServer _server;
    private readonly List<Part> _parts = new();
    private readonly RdbWriter _header;
    private readonly Action<RdbWriter, ulong> _trailer;
    private int _current;
    private ulong _crc;
    private byte[] _spare;
    private volatile bool _cancelled;
    // The step buffers come from the shared pool and go back when the walk is over: each one is
    // on the large object heap, and a save of a large dataset every few seconds would otherwise
    // leave a blocking gen2 collection (tens of ms at a million keys) to clean up after it.
    private readonly List<byte[]> _rented = new();
    private int _released;

    private const int SliceBuckets = 64;

    /// <summary>Bytes encoded before a step hands them to the output.</summary>
    public const int StepBytes = 256 * 1024;

    /// <summary>Keys encoded so far (INFO's current_save_keys_processed).</summary>
    public long KeysProcessed;
    /// <summary>Keys in the snapshot (INFO's current_save_keys_total).</summary>
    public readonly long KeysTotal;
    /// <summary>Bytes handed to the output so far.</summary>
    public long BytesWritten { get; private set; }

    private DatasetSnapshot(RedisServer server, RdbWriter header, Action<RdbWriter, ulong> trailer)
    {
        _server = server;
        _header = header;
        _trailer = trailer;
        _spare = Rent();
        foreach (var db in server.Databases) KeysTotal += db.Count;
    }

    /// <summary>A step buffer, with room for a step that runs past <see cref="StepBytes"/>.</summary>
    private byte[] Rent()
    {
        var b = ArrayPool<byte>.Shared.Rent(StepBytes * 2);
        _rented.Add(b);
        return b;
    }

    /// <summary>
    /// Gives the step buffers back once nothing writes to them: every walk is finished (the end of
    /// <see cref="Run"/>) or cancelled. Only once, whichever comes first. A buffer that grew past
    /// its rented size was replaced by a plain array and is left to the GC.
    /// </summary>
    private void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        var held = new List<byte[]> { _spare };
        foreach (var p in _parts) held.Add(p.Writer.SwapBuffer([], out _));
        _spare = [];
        foreach (var b in held)
            if (_rented.Exists(r => ReferenceEquals(r, b))) ArrayPool<byte>.Shared.Return(b);
    }

    /// <summary>
    /// Starts the snapshot. Call under the execution lock: the dataset as of this call is what gets written.
    /// <paramref name="header"/> writes what comes first (RDB header, AUX, functions); <paramref name="trailer"/>
    /// what comes last, given the CRC64 of every byte before it (RDB EOF and checksum).
    /// </summary>
    public static DatasetSnapshot Begin(RedisServer server, ISnapshotEncoder encoder, bool compress,
        Action<RdbWriter> header, Action<RdbWriter, ulong> trailer)
    {
        var h = new RdbWriter(compress);
        header(h);
        var s = new DatasetSnapshot(server, h, trailer);
        foreach (var db in server.Databases)
        {
            if (db.Count == 0) continue;
            var part = new Part(db.Index, new RdbWriter(compress, s.Rent()));
            encoder.BeginDatabase(part.Writer, db.Index, db.Count, db.VolatileCount);
            part.Walk = db.Table.BeginSnapshot(e =>
            {
                encoder.Entry(part.Writer, part.Db, e);
                s.KeysProcessed++;
            });
            s._parts.Add(part);
        }
        return s;
    }

    /// <summary>Stops walking (the save was aborted); tables may resize again. Call under the execution lock.</summary>
    public void Cancel()
    {
        _cancelled = true;
        foreach (var p in _parts) p.Walk?.Cancel();
        Release();
    }

    /// <summary>
    /// Writes the whole snapshot to <paramref name="output"/>, taking the execution lock for steps of
    /// <paramref name="bucketsPerStep"/> buckets. <paramref name="betweenSteps"/> runs outside the lock
    /// after each step (rdb-key-save-delay, progress). Returns false if cancelled.
    /// </summary>
    public bool Run(Stream output, int bucketsPerStep = 1024, Action? betweenSteps = null)
    {
        Write(output, _header.BufferedSpan);
        while (true)
        {
            byte[]? chunk;
            int length;
            bool done;
            lock (_server.ExecLock)
            {
                if (_cancelled) return false;
                // In slices of 64 buckets (some microseconds): a connection waiting for the lock
                // ends the step at once, so a command waits for a slice, not a whole step.
                int walked = 0;
                do
                {
                    done = Step(Math.Min(SliceBuckets, bucketsPerStep), out chunk, out length);
                    walked += SliceBuckets;
                }
                while (!done && chunk is null && walked < bucketsPerStep && Volatile.Read(ref _server.LockWaiters) == 0);
            }
            if (chunk is not null)
            {
                Write(output, chunk.AsSpan(0, length));
                _spare = chunk;
            }
            if (done) break;
            betweenSteps?.Invoke();
        }
        Release(); // every walk has finished: no command writes to the step buffers any more
        var tail = new RdbWriter(false, 64);
        _trailer(tail, _crc);
        Write(output, tail.BufferedSpan);
        output.Flush();
        return true;
    }

    /// <summary>One step under the lock: walks some buckets of the current database and hands back its buffered bytes.</summary>
    private bool Step(int buckets, out byte[]? chunk, out int length)
    {
        chunk = null;
        length = 0;
        // One bounded walk per lock hold keeps the pause a command can see short.
        if (_current >= _parts.Count) return true;
        var p = _parts[_current];
        bool more = p.Walk!.Step(buckets);
        if ((!more || p.Writer.Buffered >= StepBytes) && p.Writer.Buffered > 0) chunk = p.Writer.SwapBuffer(_spare, out length);
        if (!more) _current++;
        return false;
    }

    private void Write(Stream output, ReadOnlySpan<byte> data)
    {
        _crc = Crc64.Update(_crc, data);
        output.Write(data);
        BytesWritten += data.Length;
    }
}
