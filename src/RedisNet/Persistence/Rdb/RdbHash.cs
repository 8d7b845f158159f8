using System.Runtime.CompilerServices;
using RedisNet.PubSub;
using RedisNet.Types;
using RedisNet.Types.Hash;

namespace RedisNet.Persistence.Rdb;

/// <summary>
/// Hashes in RDB: a listpack of field, value, field, value... (RDB_TYPE_HASH_LISTPACK) or a
/// hashtable as count + field/value strings (RDB_TYPE_HASH). Loading mirrors rdbLoadObject: a
/// listpack stays a listpack unless it has more than hash-max-listpack-entries fields; a
/// hashtable record within the count limit is rebuilt as a listpack until a field or value is
/// longer than hash-max-listpack-value.
/// </summary>
internal static class RdbHash
{
    [ModuleInitializer]
    internal static void Register()
    {
        RdbCodecs.RegisterWriter(typeof(HashValue), new RdbValueCodec
        {
            TypeOf = v => ((HashValue)v).IsListpack ? RdbFormat.TypeHashListpack : RdbFormat.TypeHash,
            Save = (w, v) => Save(w, (HashValue)v),
        });
        RdbCodecs.RegisterLoader(RdbFormat.TypeHashListpack, LoadListpack);
        RdbCodecs.RegisterLoader(RdbFormat.TypeHash, LoadTable);
    }

    private static void Save(RdbWriter w, HashValue h)
    {
        if (h.IsListpack)
        {
            var lp = new ListpackBuilder();
            for (int i = 0; i < h.SlotCount; i++)
            {
                h.TryGetAt(i, out var pair);
                lp.Append(HashPair.Field(pair));
                lp.Append(HashPair.Value(pair));
            }
            w.WriteString(lp.ToArray());
            return;
        }
        w.WriteLength(h.Count);
        for (int i = 0; i < h.SlotCount; i++)
        {
            if (!h.TryGetAt(i, out var pair)) continue;
            w.WriteString(HashPair.Field(pair));
            w.WriteString(HashPair.Value(pair));
        }
    }

    private const string ListpackError = "Hash listpack integrity check failed.";

    private static object? LoadListpack(RdbReader r, RdbLoadContext ctx)
    {
        byte[]? scratch = null;
        var blob = r.ReadStringSpan(ref scratch);
        ctx.CountSanitization();
        return FromListpack(blob, ctx, ctx.DeepSanitize, ListpackError);
    }

    /// <summary>A hash from a listpack of pairs; <paramref name="checkDuplicates"/> refuses a repeated field.</summary>
    internal static HashValue? FromListpack(ReadOnlySpan<byte> blob, RdbLoadContext ctx, bool checkDuplicates, string error)
    {
        var lp = new Listpack(blob, ctx.DeepSanitize, error);
        var h = new HashValue();
        var seen = checkDuplicates ? new HashSet<byte[]>(ByteKeyComparer.Instance) : null;
        int pairs = 0;
        while (lp.Next(out var f))
        {
            var field = f.ToArray(); // the next element may reuse the buffer f points into
            if (!lp.Next(out var value)) throw new RdbFormatException(error);
            if (seen is not null && !seen.Add(field)) throw new RdbFormatException(error);
            h.AppendLoaded(field, value);
            pairs++;
        }
        if (pairs == 0) return null;
        if (pairs > ctx.Config.HashMaxListpackEntries)
        {
            h.ConvertToTable();
            // A duplicate field would crash Redis here (listpack corruption); refuse it instead.
            if (h.Count != pairs) throw new RdbFormatException(error);
        }
        return h;
    }

    private static object? LoadTable(RdbReader r, RdbLoadContext ctx)
    {
        int len = r.ReadCount();
        if (len == 0) return null;
        var h = new HashValue();
        var config = ctx.Config;
        HashSet<byte[]>? seen = null;
        if (len > config.HashMaxListpackEntries) h.ConvertToTable();
        else if (ctx.DeepSanitize) seen = new HashSet<byte[]>(ByteKeyComparer.Instance);
        byte[]? valueScratch = null;
        while (len-- > 0)
        {
            var field = r.ReadString();
            var value = r.ReadStringSpan(ref valueScratch);
            if (h.IsListpack)
            {
                if (seen is not null && !seen.Add(field)) throw new RdbFormatException("Hash with dup elements");
                if (field.Length <= config.HashMaxListpackValue && value.Length <= config.HashMaxListpackValue)
                {
                    h.AppendLoaded(field, value);
                    continue;
                }
                h.ConvertToTable();
            }
            if (!h.Set(field, value, config)) throw new RdbFormatException("Duplicate hash fields detected");
        }
        return h;
    }
}
