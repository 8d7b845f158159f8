using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using RedisNet.Commands;
using RedisNet.Persistence.Rdb;
using RedisNet.Protocol;
using RedisNet.Server;

namespace RedisNet.Persistence.Aof;

/// <summary>Outcome of loading one file or the whole set (Redis's AOF_OK, AOF_NOT_EXIST, AOF_EMPTY, AOF_OPEN_ERR, AOF_FAILED, AOF_TRUNCATED).</summary>
public enum AofLoadStatus { Ok, NotExist, Empty, OpenError, Failed, Truncated }

/// <summary>
/// Loads the files a manifest lists, base first then each incr file, into the server (Redis 7.0's
/// loadAppendOnlyFiles / loadSingleAppendOnlyFile), with its log lines. A file starting with
/// "REDIS" is an RDB (the base, or an old AOF's preamble) followed by commands; commands are run by
/// calling their handlers on a fake client, MULTI ... EXEC blocks applied at EXEC. A truncated last
/// file is cut back to its last complete command under aof-load-truncated.
/// Call under the execution lock, with AOF writing stopped.
/// </summary>
public sealed class AofLoader
{
    private readonly RedisServer _server;
    private readonly ILogger _log;
    private readonly string _dir;

    /// <summary>Total size of the files loaded, and of the base alone (INFO's aof_current_size / aof_base_size).</summary>
    public long TotalSize, BaseSize;

    /// <summary>
    /// Startup: the lock is released every 1024 commands, every 2 MB of an RDB part and around
    /// key-load-delay sleeps, so clients get -LOADING and INFO its loading_* fields, as Redis's
    /// processEventsWhileBlocked while it loads. Not for DEBUG LOADAOF, which runs inside a command.
    /// </summary>
    public bool ServeClients { get; init; }

    private bool _keepExpired;
    private long _loadedBefore; // bytes of the files already loaded, for loading_loaded_bytes
    private long _commands;

    public AofLoader(RedisServer server, string dir)
    {
        _server = server;
        _log = server.Log;
        _dir = dir;
    }

    public AofLoadStatus LoadAll(AofManifest m)
    {
        if (m.IsEmpty) return AofLoadStatus.NotExist;
        var files = new List<AofFileInfo>();
        if (m.Base is not null) files.Add(m.Base);
        files.AddRange(m.Incr);
        var status = AofLoadStatus.Ok;
        // Expired keys stay until loading ends, as Redis's expireIfNeeded does while loading.
        _keepExpired = _server.IsReplicaOfMaster;
        _server.IsReplicaOfMaster = true;
        var rdb = _server.Rdb;
        rdb.Loading = true;
        rdb.LoadingStartUnix = Clock.UnixMs() / 1000;
        rdb.LoadingTotalBytes = files.Sum(f => FileSize(f.FileName));
        rdb.LoadingLoadedBytes = _loadedBefore = 0;
        try
        {
            for (int i = 0; i < files.Count; i++)
            {
                bool last = i == files.Count - 1;
                var f = files[i];
                _loadedBefore = TotalSize;
                long start = Stopwatch.GetTimestamp();
                status = LoadFile(f, last);
                if (status == AofLoadStatus.Ok || (status == AofLoadStatus.Truncated && last))
                    _log.LogInformation("DB loaded from {Kind} file {Name}: {Secs} seconds", f.Type == AofFileType.Base ? "base" : "incr", f.FileName, Seconds(start));
                if (status == AofLoadStatus.Truncated && !last)
                {
                    status = AofLoadStatus.Failed;
                    _log.LogWarning("Fatal error: the truncated file is not the last file");
                }
                if (status is AofLoadStatus.OpenError or AofLoadStatus.Failed) return status;
                long size = FileSize(f.FileName);
                TotalSize += size;
                if (f.Type == AofFileType.Base) BaseSize = size;
                // An empty or missing incr file is nothing to load, not a failure.
                if (status is AofLoadStatus.Empty or AofLoadStatus.NotExist) status = AofLoadStatus.Ok;
            }
        }
        finally
        {
            _server.IsReplicaOfMaster = _keepExpired;
            rdb.Loading = false;
        }
        return status;
    }

    public static string Seconds(long startTimestamp) =>
        ((Stopwatch.GetTimestamp() - startTimestamp) / (double)Stopwatch.Frequency).ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>Progress within the current file; lets clients in at startup.</summary>
    private void Progress(long positionInFile)
    {
        _server.Rdb.LoadingLoadedBytes = _loadedBefore + positionInFile;
        if (ServeClients) YieldToClients(0);
    }

    private void YieldToClients(int sleepMs)
    {
        // Expired keys are kept by standing in as a replica; the clients let in must not see that.
        _server.IsReplicaOfMaster = _keepExpired;
        try { RdbLoading.Yield(_server, sleepMs); }
        finally { _server.IsReplicaOfMaster = true; }
    }

    private long FileSize(string name)
    {
        var fi = new FileInfo(Path.Combine(_dir, name));
        return fi.Exists ? fi.Length : 0;
    }

    /// <summary>One file: an RDB part if it starts with "REDIS", then commands.</summary>
    public AofLoadStatus LoadFile(AofFileInfo file, bool last)
    {
        var path = Path.Combine(_dir, file.FileName);
        FileStream fs;
        try { fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1); }
        catch (FileNotFoundException) { _log.LogWarning("The append log file {Name} doesn't exist: No such file or directory", file.FileName); return AofLoadStatus.NotExist; }
        catch (DirectoryNotFoundException) { _log.LogWarning("The append log file {Name} doesn't exist: No such file or directory", file.FileName); return AofLoadStatus.NotExist; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning("Fatal error: can't open the append log file {Name} for reading: {Error}", file.FileName, ex.Message);
            return AofLoadStatus.OpenError;
        }
        using (fs)
        {
            if (fs.Length == 0) return AofLoadStatus.Empty;
            long offset = 0;
            Span<byte> sig = stackalloc byte[5];
            if (fs.ReadAtLeast(sig, 5, throwOnEndOfStream: false) == 5 && sig.SequenceEqual("REDIS"u8))
            {
                fs.Position = 0;
                if (!LoadRdbPart(fs, file, out offset)) return AofLoadStatus.Failed;
            }
            fs.Position = offset;
            using var buffered = new BufferedStream(fs, 64 * 1024);
            return Replay(new AofCommandReader(buffered, offset), file, last, path);
        }
    }

    private bool LoadRdbPart(FileStream fs, AofFileInfo file, out long offset)
    {
        bool isBase = file.Type == AofFileType.Base;
        _log.LogInformation(isBase ? "Reading RDB base file on AOF loading..." : "Reading RDB preamble from AOF file...");
        var r = new RdbReader(fs);
        offset = 0;
        try
        {
            var result = RdbLoader.Load(r, _server, new RdbLoadOptions
            {
                SkipExpired = false, // an AOF preamble keeps expired keys (Redis: RDBFLAGS_AOF_PREAMBLE)
                VerifyChecksum = _server.Config.RdbChecksum,
                Log = _log,
                LoadFunction = code => _server.Scripting.Functions.Load(code, replace: false, out _),
                Progress = Progress,
                ProgressBytes = _server.Config.LoadingProcessEventsIntervalBytes,
                PerKey = RdbLoading.KeyLoadDelay(_server, ms => { if (ServeClients) YieldToClients(ms); else Thread.Sleep(ms); }),
            });
            if (result.Aux.TryGetValue("aof-base", out var ab) && ab != "0") _log.LogInformation("RDB is base AOF");
            _log.LogInformation("Done loading RDB, keys loaded: {Loaded}, keys expired: {Expired}.", result.KeysLoaded, result.KeysExpired);
            _server.Rdb.LoadKeysLoaded = result.KeysLoaded;
            _server.Rdb.LoadKeysExpired = result.KeysExpired;
        }
        catch (RdbFormatException ex)
        {
            _log.LogWarning("{Error}", ex.Message.TrimEnd('\n'));
            _log.LogWarning(isBase ? "Error reading the RDB base file {Name}, AOF loading aborted" : "Error reading the RDB preamble of the AOF file {Name}, AOF loading aborted", file.FileName);
            return false;
        }
        offset = r.Position;
        if (!isBase) _log.LogInformation("Reading the remaining AOF tail...");
        return true;
    }

    private AofLoadStatus Replay(AofCommandReader reader, AofFileInfo file, bool last, string path)
    {
        var fake = new Client(_server, null) { Authenticated = true };
        var batch = new CommandBatch();
        List<byte[][]>? multi = null;
        long validUpTo = reader.Position, validBeforeMulti = 0;
        while (true)
        {
            var st = reader.Next();
            if (st == AofReadStatus.End) break;
            if (st == AofReadStatus.BadFormat)
            {
                _log.LogWarning("Bad file format reading the append only file {Name}: make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>", file.FileName);
                return AofLoadStatus.Failed;
            }
            if (st == AofReadStatus.Truncated) return Truncated(file, path, validUpTo);
            if ((++_commands & 1023) == 0) Progress(reader.Position);
            var argv = reader.Argv;
            var cmd = Resolve(argv);
            if (cmd is null)
            {
                _log.LogWarning("Unknown command '{Name}' reading the append only file {File}", System.Text.Encoding.Latin1.GetString(argv[0]), file.FileName);
                return AofLoadStatus.Failed;
            }
            if (cmd.Name == "multi")
            {
                validBeforeMulti = validUpTo;
                multi = new List<byte[][]>();
            }
            else if (cmd.Name == "exec" && multi is not null)
            {
                foreach (var queued in multi) Run(fake, batch, queued, Resolve(queued)!);
                multi = null;
            }
            else if (multi is not null) multi.Add([.. argv]);
            else Run(fake, batch, argv, cmd);
            validUpTo = reader.Position;
        }
        // Ending inside MULTI: the transaction never completed; drop it like a short read.
        if (multi is not null)
        {
            _log.LogWarning("Revert incomplete MULTI/EXEC transaction in AOF file {Name}", file.FileName);
            return Truncated(file, path, validBeforeMulti);
        }
        return AofLoadStatus.Ok;
    }

    private AofLoadStatus Truncated(AofFileInfo file, string path, long validUpTo)
    {
        if (_server.Config.AofLoadTruncated)
        {
            _log.LogWarning("!!! Warning: short read while loading the AOF file {Name}!!!", file.FileName);
            _log.LogWarning("!!! Truncating the AOF {Name} at offset {Offset} !!!", file.FileName, validUpTo);
            try
            {
                using (var f = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete)) f.SetLength(validUpTo);
                _log.LogWarning("AOF {Name} loaded anyway because aof-load-truncated is enabled", file.FileName);
                return AofLoadStatus.Truncated;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _log.LogWarning("Error truncating the AOF file {Name}: {Error}", file.FileName, ex.Message);
            }
        }
        _log.LogWarning("Unexpected end of file reading the append only file {Name}. You can: 1) Make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>. 2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the server.", file.FileName);
        return AofLoadStatus.Failed;
    }

    private CommandDef? Resolve(IReadOnlyList<byte[]> argv)
    {
        var cmd = _server.Commands.Find(argv[0]);
        if (cmd?.Subcommands != null && argv.Count >= 2) cmd = CommandTable.FindSub(cmd, argv[1]) ?? cmd;
        return cmd;
    }

    /// <summary>Runs one command as the fake AOF client: the handler alone, as Redis calls cmd->proc (no stats, no propagation).</summary>
    private void Run(Client fake, CommandBatch batch, IReadOnlyList<byte[]> argv, CommandDef cmd)
    {
        if (cmd.Handler is null || !cmd.ArityOk(argv.Count)) return;
        batch.Load(argv);
        var ctx = fake.Context;
        ctx.Bind(batch, 0, argv.Count);
        ctx.Command = cmd;
        _server.Clock.Advance(Stopwatch.GetTimestamp());
        cmd.Handler(ctx);
        fake.Output.Reset();
    }
}
