using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using RedisNet.Protocol;
using RedisNet.Types.Set;

namespace RedisNet.Persistence.Rdb;

/// <summary>
/// Sets in RDB: an intset as its blob (RDB_TYPE_SET_INTSET: 4-byte element size, 4-byte count,
/// sorted little-endian values) or a hashtable as count + members (RDB_TYPE_SET). Loading picks
/// the encoding as rdbLoadObject does: an intset blob over set-max-intset-entries becomes a
/// hashtable; a plain set within the limit starts as an intset until a member is not an integer.
/// </summary>
internal static class RdbSet
{
    [ModuleInitializer]
    internal static void Register()
    {
        RdbCodecs.RegisterWriter(typeof(SetValue), new RdbValueCodec
        {
            TypeOf = v => ((SetValue)v).IsIntset ? RdbFormat.TypeSetIntset : RdbFormat.TypeSet,
            Save = (w, v) => Save(w, (SetValue)v),
        });
        RdbCodecs.RegisterLoader(RdbFormat.TypeSet, LoadTable);
        RdbCodecs.RegisterLoader(RdbFormat.TypeSetIntset, LoadIntset);
    }

    /// <summary>Initial table size for a stored count: bounded, so a corrupt count cannot allocate gigabytes up front.</summary>
    internal static int Capacity(int count) => Math.Min(count, 1 << 16);

    private static void Save(RdbWriter w, SetValue s)
    {
        if (s.Ints is { } ints)
        {
            int width = ints.Width;
            var blob = new byte[8 + ints.Count * width];
            BinaryPrimitives.WriteUInt32LittleEndian(blob, (uint)width);
            BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(4), (uint)ints.Count);
            for (int i = 0; i < ints.Count; i++)
            {
                var dest = blob.AsSpan(8 + i * width);
                long v = ints[i];
                if (width == 2) BinaryPrimitives.WriteInt16LittleEndian(dest, (short)v);
                else if (width == 4) BinaryPrimitives.WriteInt32LittleEndian(dest, (int)v);
                else BinaryPrimitives.WriteInt64LittleEndian(dest, v);
            }
            w.WriteString(blob);
            return;
        }
        var table = s.Table!;
        w.WriteLength(table.Count);
        for (int i = 0; i < table.SlotCount; i++)
            if (table.IsOccupied(i)) w.WriteString(table.ItemAt(i));
    }

    private static object? LoadTable(RdbReader r, RdbLoadContext ctx)
    {
        int len = r.ReadCount();
        if (len == 0) return null;
        long max = Math.Min(ctx.Config.SetMaxIntsetEntries, 1 << 30);
        var set = len > max ? SetValue.CreateTable(Capacity(len)) : SetValue.CreateIntset();
        byte[]? scratch = null;
        for (int i = 0; i < len; i++)
        {
            var member = r.ReadStringSpan(ref scratch);
            if (!set.Add(member, ctx.Config)) throw new RdbFormatException("Duplicate set members detected");
        }
        return set;
    }

    private static object? LoadIntset(RdbReader r, RdbLoadContext ctx)
    {
        byte[]? scratch = null;
        var blob = r.ReadStringSpan(ref scratch);
        ctx.CountSanitization();
        // intsetValidateIntegrity: a known element size, the size matching the count, not empty;
        // deep: strictly ascending.
        if (blob.Length < 8) throw Bad();
        uint width = BinaryPrimitives.ReadUInt32LittleEndian(blob);
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(blob[4..]);
        if (width is not (2 or 4 or 8) || 8 + (long)count * width != blob.Length || count == 0) throw Bad();
        bool fitsIntset = count <= ctx.Config.SetMaxIntsetEntries;
        var set = fitsIntset ? SetValue.CreateIntset() : SetValue.CreateTable(Capacity((int)count));
        Span<byte> digits = stackalloc byte[20];
        long prev = 0;
        for (int i = 0; i < count; i++)
        {
            var p = blob.Slice(8 + i * (int)width);
            long v = width == 2 ? BinaryPrimitives.ReadInt16LittleEndian(p) : width == 4 ? BinaryPrimitives.ReadInt32LittleEndian(p) : BinaryPrimitives.ReadInt64LittleEndian(p);
            if (ctx.DeepSanitize && i > 0 && v <= prev) throw Bad();
            prev = v;
            if (fitsIntset) set.Ints!.Add(v);
            else set.Add(digits[..NumberFormat.FormatInt64(v, digits)], ctx.Config);
        }
        set.Ints?.WidenTo((int)width);
        return set;
    }

    private static RdbFormatException Bad() => new("Intset integrity check failed.");
}
