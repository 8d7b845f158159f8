using RedisNet.Keyspace;
using RedisNet.Server;

namespace RedisNet.Persistence.Rdb;

/// <summary>
/// The parts of an RDB file that come from the server, in the order redis-server 7.0 writes them
/// (rdbSaveRio): header, AUX fields, function libraries, then per non-empty database SELECTDB,
/// RESIZEDB and its keys, then EOF and checksum. Foreground saves call <see cref="WriteAll"/>;
/// background ones write the same parts around a point-in-time walk of each database.
/// </summary>
public static class RdbSaver
{
    /// <summary>Header and AUX fields (rdbSaveInfoAuxFields): version, bits, ctime, used-mem, replication info when given, aof-base.</summary>
    public static void WriteHeader(RdbWriter w, RedisServer server, bool aofBase, RdbReplicationInfo? repl = null)
    {
        w.WriteHeader();
        w.WriteAux("redis-ver"u8, System.Text.Encoding.ASCII.GetBytes(Hosting.ServerVersion.Version));
        w.WriteAux("redis-bits"u8, 64);
        w.WriteAux("ctime"u8, Clock.UnixMs() / 1000);
        w.WriteAux("used-mem"u8, MemoryInfo.Used());
        if (repl is { } ri)
        {
            w.WriteAux("repl-stream-db"u8, ri.StreamDb);
            w.WriteAux("repl-id"u8, System.Text.Encoding.ASCII.GetBytes(ri.ReplId));
            w.WriteAux("repl-offset"u8, ri.Offset);
        }
        w.WriteAux("aof-base"u8, aofBase ? 1 : 0);
    }

    /// <summary>Every function library, as FUNCTION2 records.</summary>
    public static void WriteFunctions(RdbWriter w, RedisServer server)
    {
        foreach (var lib in server.Scripting.Functions.Libraries.Values) w.WriteFunction(lib.Code);
    }

    /// <summary>SELECTDB and RESIZEDB for a database about to be written.</summary>
    public static void WriteDatabaseStart(RdbWriter w, Database db)
    {
        w.WriteSelectDb(db.Index);
        w.WriteResizeDb(db.Count, db.VolatileCount);
    }

    /// <summary>The IDLE/FREQ info Redis saves for a key under the current maxmemory policy.</summary>
    public static RdbLruInfo LruInfo(RedisServer server, KeyEntry e)
    {
        var cfg = server.Config;
        if (cfg.LfuPolicy) return new RdbLruInfo(-1, (int)Lfu.Counter(e.Lru, server.Clock.NowMs, cfg.LfuDecayTime));
        if (!cfg.LruPolicy) return RdbLruInfo.None; // Redis saves IDLE only under an LRU policy
        long idle = server.Clock.LruClock - e.Lru;
        if (idle < 0) idle += 1 << 24;
        return new RdbLruInfo(idle, -1);
    }

    /// <summary>A whole file in one go, under the execution lock (SAVE, DEBUG RELOAD, SHUTDOWN): flushes to <paramref name="sink"/> as the buffer fills.</summary>
    public static void WriteAll(RdbWriter w, RedisServer server, Stream sink, bool aofBase = false, RdbReplicationInfo? repl = null)
    {
        WriteHeader(w, server, aofBase, repl);
        WriteFunctions(w, server);
        foreach (var db in server.Databases)
        {
            if (db.Count == 0) continue;
            WriteDatabaseStart(w, db);
            foreach (var e in db.Entries())
            {
                w.WriteEntry(e, LruInfo(server, e));
                if (w.Buffered >= 1 << 20) w.FlushTo(sink);
            }
        }
        w.WriteEof(server.Config.RdbChecksum);
        w.FlushTo(sink);
    }
}

/// <summary>RDB records for a <see cref="DatasetSnapshot"/>: the same bytes <see cref="RdbSaver.WriteAll"/> writes.</summary>
public sealed class RdbSnapshotEncoder(RedisServer server) : ISnapshotEncoder
{
    public void BeginDatabase(RdbWriter w, int db, long keys, long expires)
    {
        w.WriteSelectDb(db);
        w.WriteResizeDb(keys, expires);
    }

    public void Entry(RdbWriter w, int db, KeyEntry e) => w.WriteEntry(e, RdbSaver.LruInfo(server, e));

    /// <summary>
    /// Starts a background RDB snapshot (call under the execution lock), then call
    /// <see cref="DatasetSnapshot.Run"/> off the lock. The file it writes equals a foreground save at this instant.
    /// </summary>
    public static DatasetSnapshot Begin(RedisServer server, bool aofBase = false, RdbReplicationInfo? repl = null) =>
        DatasetSnapshot.Begin(server, new RdbSnapshotEncoder(server), server.Config.RdbCompression,
            h => { RdbSaver.WriteHeader(h, server, aofBase, repl); RdbSaver.WriteFunctions(h, server); },
            (t, crc) =>
            {
                t.WriteByte(RdbFormat.OpEof);
                t.WriteUInt64LE(server.Config.RdbChecksum ? Crc64.Update(crc, [RdbFormat.OpEof]) : 0);
            });
}

/// <summary>The replication AUX fields (present when the server has a replication backlog or a master).</summary>
public readonly record struct RdbReplicationInfo(int StreamDb, string ReplId, long Offset);
