using System.Globalization;
using System.Text;
using RedisNet.Keyspace;
using RedisNet.Persistence.Rdb;
using RedisNet.Protocol;
using RedisNet.Server;
using RedisNet.Types;
using RedisNet.Types.Hash;
using RedisNet.Types.List;
using RedisNet.Types.Set;
using RedisNet.Types.SortedSet;

namespace RedisNet.Persistence.Aof;

/// <summary>
/// The command form of an AOF base (aof-use-rdb-preamble no), as Redis 7.0's rewriteAppendOnlyFileRio
/// writes it: FUNCTION LOAD per library, SELECT per database, then per key SET / RPUSH / SADD / ZADD /
/// HMSET with at most 64 elements a command, streams as XADD/XSETID/XGROUP/XCLAIM, and PEXPIREAT for keys with a TTL.
/// </summary>
public sealed class AofCommandEncoder : ISnapshotEncoder
{
    private const int ItemsPerCommand = 64; // Redis's AOF_REWRITE_ITEMS_PER_CMD
    private readonly RespWriter _scratch = new(4096);
    private readonly List<byte[]> _args = new();

    /// <summary>Set when a value could not be written: the rewrite fails instead of producing a partial base.</summary>
    public string? Error { get; private set; }

    public void BeginDatabase(RdbWriter w, int db, long keys, long expires) =>
        Emit(w, [AofEncoding.Select, Ascii(db)]);

    public void Entry(RdbWriter w, int db, KeyEntry e)
    {
        var key = e.KeyBytes();
        if (e.TryGetString(out var s)) Emit(w, ["SET"u8.ToArray(), key, s.ToArray()]);
        else
        {
            switch (e.Value)
            {
                case ListValue l:
                    var items = new List<byte[]>();
                    for (var c = l.CursorAt(0); c.Valid; c.Next()) items.Add(c.Current.ToArray());
                    Batched(w, "RPUSH"u8, key, items, 1);
                    break;
                case SetValue set: Batched(w, "SADD"u8, key, [.. set.Members()], 1); break;
                case SortedSetValue z:
                    var pairs = new List<byte[]>();
                    foreach (var entry in z.Entries()) { pairs.Add(AofEncoding.Score(ZEntry.Score(entry))); pairs.Add(ZEntry.MemberBytes(entry)); }
                    Batched(w, "ZADD"u8, key, pairs, 2);
                    break;
                case HashValue h:
                    var fv = new List<byte[]>();
                    for (int i = 0; i < h.SlotCount; i++)
                        if (h.TryGetAt(i, out var pair)) { fv.Add(HashPair.Field(pair).ToArray()); fv.Add(HashPair.Value(pair).ToArray()); }
                    Batched(w, "HMSET"u8, key, fv, 2);
                    break;
                case Types.Stream.StreamValue st:
                    foreach (var argv in AofStreamCommands.Of(key, st)) Emit(w, argv);
                    break;
                default:
                    // Not thrown: this may run inside a writing command (the snapshot visits a bucket first).
                    Error ??= $"the command form of a {TypeNames.NameOf(e.Value)} value is not supported; use aof-use-rdb-preamble yes";
                    return;
            }
        }
        if (e.ExpireAt >= 0) Emit(w, ["PEXPIREAT"u8.ToArray(), key, Ascii(e.ExpireAt)]);
    }

    /// <summary>FUNCTION LOAD for every library, first in the file as in Redis.</summary>
    public void Functions(RdbWriter w, RedisServer server)
    {
        foreach (var lib in server.Scripting.Functions.Libraries.Values) Emit(w, ["FUNCTION"u8.ToArray(), "LOAD"u8.ToArray(), lib.Code]);
    }

    /// <summary>One command per <see cref="ItemsPerCommand"/> elements (each <paramref name="width"/> arguments).</summary>
    private void Batched(RdbWriter w, ReadOnlySpan<byte> name, byte[] key, List<byte[]> items, int width)
    {
        var nameBytes = name.ToArray();
        for (int i = 0; i < items.Count; i += ItemsPerCommand * width)
        {
            _args.Clear();
            _args.Add(nameBytes);
            _args.Add(key);
            for (int j = i; j < Math.Min(items.Count, i + ItemsPerCommand * width); j++) _args.Add(items[j]);
            Emit(w, _args);
        }
    }

    private void Emit(RdbWriter w, IReadOnlyList<byte[]> argv)
    {
        _scratch.Reset();
        AppendOnlyFile.AppendCommand(_scratch, argv);
        w.WriteRaw(_scratch.WrittenSpan);
    }

    private static byte[] Ascii(long n) => Encoding.ASCII.GetBytes(n.ToString(CultureInfo.InvariantCulture));
}

/// <summary>A rewrite that cannot complete (a value with no command form, an I/O error).</summary>
public sealed class AofRewriteException(string message) : Exception(message);
