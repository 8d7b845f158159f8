using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using RedisNet.Keyspace;
using RedisNet.Server;

namespace RedisNet.Persistence.Rdb;

/// <summary>How a load behaves: where it comes from decides what is kept (Redis's rdbflags).</summary>
public sealed class RdbLoadOptions
{
    /// <summary>Drop keys already expired (a master loading its own file; not an AOF preamble or a replica).</summary>
    public bool SkipExpired { get; init; } = true;
    /// <summary>Verify the CRC64 footer (rdbchecksum yes and not DEBUG SET-SKIP-CHECKSUM-VALIDATION).</summary>
    public bool VerifyChecksum { get; init; } = true;
    /// <summary>Called every <see cref="ProgressBytes"/> read with the position (Redis serves events while loading).</summary>
    public Action<long>? Progress { get; init; }
    /// <summary>loading-process-events-interval-bytes (2 MB by default).</summary>
    public long ProgressBytes { get; init; } = 2 << 20;
    /// <summary>Loads one FUNCTION2 library's code; returns an error message or null.</summary>
    public Func<byte[], string?>? LoadFunction { get; init; }
    /// <summary>Logs the AUX lines Redis logs ("Loading RDB produced by version ..."); null: silent.</summary>
    public ILogger? Log { get; init; }
    public bool DeepSanitize { get; init; }
    /// <summary>A key already in memory is replaced instead of being an error (DEBUG RELOAD MERGE, RDBFLAGS_ALLOW_DUP).</summary>
    public bool AllowDuplicates { get; init; }
    /// <summary>Called after each key is read (key-load-delay).</summary>
    public Action? PerKey { get; init; }
}

/// <summary>What a load found: counts for the "Done loading RDB" line and the replication AUX fields.</summary>
public sealed class RdbLoadResult
{
    public int Version;
    public long KeysLoaded, KeysExpired, EmptyKeysSkipped;
    public readonly Dictionary<string, string> Aux = new(StringComparer.Ordinal);
}

/// <summary>
/// Reads a whole RDB file into the server's databases (Redis's rdbLoadRio): header and version
/// check, AUX fields, SELECTDB/RESIZEDB, expiry and LRU/LFU opcodes, FUNCTION2 libraries, values
/// through <see cref="RdbCodecs"/>, and the CRC64 footer. Any problem throws
/// <see cref="RdbFormatException"/>; the caller decides whether that is fatal.
/// </summary>
public static class RdbLoader
{
    public static RdbLoadResult Load(RdbReader r, RedisServer server, RdbLoadOptions opts)
    {
        var result = new RdbLoadResult { Version = ReadHeader(r) };
        var ctx = new RdbLoadContext { Config = server.Config, DeepSanitize = opts.DeepSanitize };
        var db = server.Databases[0];
        long expireAt = -1, idle = -1;
        int freq = -1;
        long nextProgress = opts.ProgressBytes;
        byte[]? keyScratch = null, valueScratch = null;
        var keyBuf = new byte[256];
        while (true)
        {
            if (opts.Progress is not null && r.Position >= nextProgress)
            {
                opts.Progress(r.Position);
                nextProgress = r.Position + opts.ProgressBytes;
            }
            byte type = r.ReadByte();
            switch (type)
            {
                case RdbFormat.OpExpireTime: expireAt = r.ReadUInt32LE() * 1000L; continue;
                case RdbFormat.OpExpireTimeMs: expireAt = r.ReadInt64LE(); continue;
                case RdbFormat.OpFreq: freq = r.ReadByte(); continue;
                case RdbFormat.OpIdle: idle = r.ReadLength(); continue;
                case RdbFormat.OpEof: VerifyFooter(r, result.Version, opts); return result;
                case RdbFormat.OpSelectDb:
                    long index = r.ReadLength();
                    if (index >= server.Databases.Length)
                        throw new RdbFormatException($"FATAL: Data file was created with a Redis server configured to handle more than {server.Databases.Length} databases. Exiting\n");
                    db = server.Databases[index];
                    continue;
                case RdbFormat.OpResizeDb:
                    // Sizing the table once up front saves the rehashes of growing it key by key.
                    long size = r.ReadLength();
                    r.ReadLength();
                    db.Table.EnsureCapacity(size);
                    continue;
                case RdbFormat.OpAux: ReadAux(r, result, opts.Log); continue;
                case RdbFormat.OpModuleAux: throw new RdbFormatException("The RDB file contains AUX module data I can't load: no matching module");
                case RdbFormat.OpFunctionPreGa: throw new RdbFormatException("Pre-release function format not supported.");
                case RdbFormat.OpFunction2:
                    var code = r.ReadString();
                    var err = opts.LoadFunction?.Invoke(code);
                    if (err is not null) throw new RdbFormatException($"Failed loading library, {err}");
                    continue;
            }
            // The key is copied out: reading the value may reuse the buffer it was read from.
            // It is read before the type is checked, as Redis does (a truncated key is a short read).
            var read = r.ReadStringSpan(ref keyScratch);
            if (!RdbFormat.IsObjectType(type)) throw new RdbFormatException($"Unknown RDB encoding type {type}");
            if (keyBuf.Length < read.Length) keyBuf = new byte[Math.Max(read.Length, keyBuf.Length * 2)];
            read.CopyTo(keyBuf);
            var key = keyBuf.AsSpan(0, read.Length);
            // The bucket's slot is loaded while the value is read and its entry allocated: at a
            // million keys that cache miss was a fifth of the load time.
            uint hash = Keyspace.KeyHash.Compute(key);
            db.Table.PrefetchBucket(hash);
            // Strings (most keys) go from the read buffer straight into the entry: one allocation.
            var str = type == RdbFormat.TypeString ? r.ReadStringSpan(ref valueScratch) : ReadOnlySpan<byte>.Empty;
            object? value = type == RdbFormat.TypeString ? null : RdbCodecs.Load(type, r, ctx);
            long exp = expireAt;
            uint? lru = LruField(server, idle, freq);
            expireAt = idle = -1;
            freq = -1;
            opts.PerKey?.Invoke();
            if (type != RdbFormat.TypeString && value is null) { result.EmptyKeysSkipped++; continue; }
            if (opts.SkipExpired && exp >= 0 && exp < server.Clock.NowMs) { result.KeysExpired++; continue; }
            bool added = value is null ? db.AddLoaded(key, hash, str, exp, lru) is not null : db.AddLoaded(key, hash, value, exp, lru) is not null;
            if (!added)
            {
                value ??= str.ToArray();
                if (!(opts.AllowDuplicates && db.Delete(key) && db.AddLoaded(key, hash, value, exp, lru) is not null))
                    throw new RdbFormatException($"RDB has duplicated key '{Encoding.Latin1.GetString(key)}' in DB {db.Index}");
            }
            result.KeysLoaded++;
        }
    }

    /// <summary>"REDIS" and a four-digit version from 1 to ours.</summary>
    public static int ReadHeader(RdbReader r)
    {
        var magic = r.ReadSpan(9);
        if (!magic[..5].SequenceEqual("REDIS"u8)) throw new RdbFormatException("Wrong signature trying to load DB from file");
        int version = 0;
        foreach (var c in magic[5..])
        {
            if (c < '0' || c > '9') throw new RdbFormatException("Wrong signature trying to load DB from file");
            version = version * 10 + (c - '0');
        }
        if (version < 1 || version > RdbFormat.Version) throw new RdbFormatException($"Can't handle RDB format version {version}");
        return version;
    }

    private static void ReadAux(RdbReader r, RdbLoadResult result, ILogger? log)
    {
        string key = Encoding.Latin1.GetString(r.ReadString());
        string value = Encoding.Latin1.GetString(r.ReadString());
        result.Aux[key] = value;
        if (log is null) return;
        switch (key)
        {
            case "redis-ver": log.LogInformation("Loading RDB produced by version {Version}", value); break;
            case "ctime":
                if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long ctime))
                {
                    long age = Clock.UnixMs() / 1000 - ctime;
                    log.LogInformation("RDB age {Age} seconds", age < 0 ? 0 : age);
                }
                break;
            case "used-mem":
                if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long mem))
                    log.LogInformation("RDB memory usage when created {Mb} Mb", ((double)mem / (1024 * 1024)).ToString("F2", CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>The LRU/LFU field a loaded key gets (objectSetLRUOrLFU): from FREQ under LFU, from IDLE under LRU, else fresh.</summary>
    internal static uint? LruField(RedisServer server, long idle, int freq)
    {
        if (server.Config.LfuPolicy)
            return freq >= 0 ? (Lfu.Minutes(server.Clock.NowMs) << 8) | (uint)freq : null;
        if (idle < 0) return null;
        long clock = server.Clock.LruClock - idle;
        if (clock < 0) clock += 1 << 24;
        return (uint)clock & 0x00FF_FFFF;
    }

    private static void VerifyFooter(RdbReader r, int version, RdbLoadOptions opts)
    {
        if (version < 5) return;
        ulong expected = r.Checksum();
        ulong stored = r.ReadUInt64LE();
        if (!opts.VerifyChecksum || stored == 0) return;
        if (stored != expected) throw new RdbFormatException($"Wrong RDB checksum expected: ({expected:x}) but got ({stored:x}). Aborting now.");
    }
}
