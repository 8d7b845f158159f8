using System.Globalization;
using RedisNet.Commands.SortedSets;
using RedisNet.Commands.Strings;
using RedisNet.Protocol;
using RedisNet.Types.Geo;
using RedisNet.Types.SortedSet;

namespace RedisNet.Commands.Geo;

/// <summary>GEOADD, GEOPOS, GEODIST and GEOHASH: points stored as sorted-set members scored by their 52-bit geohash.</summary>
public static class GeoCommands
{
    [RedisCommand("geoadd", Arity = -5, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Geo | AclCategory.Slow, KeySpecs = "RW,update index:1 range:0,1,0",
        Group = "geo", Since = "3.2.0", Summary = "Add one or more geospatial items in the geospatial index represented using a sorted set", Complexity = "O(log(N)) for each item added, where N is the number of elements in the sorted set.")]
    public static void GeoAdd(CommandContext ctx)
    {
        var flags = ZAddCommands.ZFlags.None;
        int longIdx = 2;
        for (; longIdx < ctx.ArgCount; longIdx++)
        {
            if (ctx.ArgIs(longIdx, "nx"u8)) flags |= ZAddCommands.ZFlags.Nx;
            else if (ctx.ArgIs(longIdx, "xx"u8)) flags |= ZAddCommands.ZFlags.Xx;
            else if (ctx.ArgIs(longIdx, "ch"u8)) flags |= ZAddCommands.ZFlags.Ch;
            else break;
        }
        bool nx = (flags & ZAddCommands.ZFlags.Nx) != 0, xx = (flags & ZAddCommands.ZFlags.Xx) != 0;
        int elements = (ctx.ArgCount - longIdx) / 3;
        if ((ctx.ArgCount - longIdx) % 3 != 0 || (nx && xx) || elements == 0) { ctx.SyntaxError(); return; }
        var scores = new double[elements];
        for (int i = 0; i < elements; i++)
        {
            if (!TryLonLat(ctx, longIdx + i * 3, out double lon, out double lat)) return;
            scores[i] = GeoHash.Score(lon, lat);
        }
        // Redis runs GEOADD as the ZADD it builds, and replicates that ZADD (spelled "zadd").
        var argv = new List<byte[]> { "zadd"u8.ToArray() };
        for (int i = 1; i < longIdx; i++) argv.Add(ctx.ArgBytes(i));
        for (int i = 0; i < elements; i++)
        {
            argv.Add(NumberFormat.Int64Bytes((long)scores[i]));
            argv.Add(ctx.ArgBytes(longIdx + i * 3 + 2));
        }
        ctx.Propagate(argv.ToArray());
        ZAddCommands.Apply(ctx, flags, scores, longIdx + 2, 3);
    }

    /// <summary>extractLongLatOrReply: two floats within the indexable range.</summary>
    internal static bool TryLonLat(CommandContext ctx, int i, out double lon, out double lat)
    {
        lat = 0;
        if (!ZArgs.TryArgScore(ctx, i, out lon) || !ZArgs.TryArgScore(ctx, i + 1, out lat)) return false;
        if (GeoHash.ValidLonLat(lon, lat)) return true;
        ctx.Error($"ERR invalid longitude,latitude pair {PrintfF(lon)},{PrintfF(lat)}");
        return false;
    }

    // C's "%f".
    private static string PrintfF(double d) =>
        double.IsInfinity(d) ? (d > 0 ? "inf" : "-inf") : d.ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>extractUnitOrReply: meters per unit, or -1 after replying the error.</summary>
    internal static double Unit(CommandContext ctx, int i)
    {
        if (ctx.ArgIs(i, "m"u8)) return 1;
        if (ctx.ArgIs(i, "km"u8)) return 1000;
        if (ctx.ArgIs(i, "ft"u8)) return 0.3048;
        if (ctx.ArgIs(i, "mi"u8)) return 1609.34;
        ctx.Error("ERR unsupported unit provided. please use M, KM, FT, MI");
        return -1;
    }

    [RedisCommand("geopos", Arity = -2, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Geo | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "geo", Since = "3.2.0", Summary = "Returns longitude and latitude of members of a geospatial index", Complexity = "O(N) where N is the number of members requested.")]
    public static void GeoPos(CommandContext ctx)
    {
        if (!ctx.TryRead<SortedSetValue>(ctx.Arg(1), out var z)) return;
        var r = ctx.Reply;
        r.WriteArrayHeader(ctx.ArgCount - 2);
        for (int i = 2; i < ctx.ArgCount; i++)
        {
            if (z is null || !z.TryGetScore(ctx.Arg(i), out double score)) { r.WriteNullArray(); continue; }
            var (lon, lat) = GeoHash.DecodeScore(score);
            r.WriteArrayHeader(2);
            WriteCoordinate(ctx, lon);
            WriteCoordinate(ctx, lat);
        }
    }

    /// <summary>addReplyHumanLongDouble: "%.17Lf" of the exact value, trailing zeros dropped; a RESP3 double.</summary>
    internal static void WriteCoordinate(CommandContext ctx, double v)
    {
        var text = LongDouble.FromDouble(v).FormatHuman();
        if (!ctx.Reply.Resp3) { ctx.Reply.WriteBulk(text); return; }
        ctx.Reply.WriteRaw(","u8);
        ctx.Reply.WriteRaw(text);
        ctx.Reply.WriteRaw("\r\n"u8);
    }

    /// <summary>addReplyDoubleDistance: "%.4f" as a bulk string, in RESP3 too.</summary>
    internal static void WriteDistance(CommandContext ctx, double d) =>
        ctx.Reply.WriteBulk(d.ToString("F4", CultureInfo.InvariantCulture));

    [RedisCommand("geodist", Arity = -4, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Geo | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "geo", Since = "3.2.0", Summary = "Returns the distance between two members of a geospatial index", Complexity = "O(log(N))")]
    public static void GeoDist(CommandContext ctx)
    {
        double toMeters = 1;
        if (ctx.ArgCount == 5)
        {
            toMeters = Unit(ctx, 4);
            if (toMeters < 0) return;
        }
        else if (ctx.ArgCount > 5) { ctx.SyntaxError(); return; }
        if (!ctx.TryRead<SortedSetValue>(ctx.Arg(1), out var z)) return;
        if (z is null || !z.TryGetScore(ctx.Arg(2), out double s1) || !z.TryGetScore(ctx.Arg(3), out double s2))
        {
            ctx.Reply.WriteNull();
            return;
        }
        var (lon1, lat1) = GeoHash.DecodeScore(s1);
        var (lon2, lat2) = GeoHash.DecodeScore(s2);
        WriteDistance(ctx, GeoHash.Distance(lon1, lat1, lon2, lat2) / toMeters);
    }

    [RedisCommand("geohash", Arity = -2, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Geo | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "geo", Since = "3.2.0", Summary = "Returns members of a geospatial index as standard geohash strings", Complexity = "O(log(N)) for each member requested, where N is the number of elements in the sorted set.")]
    public static void GeoHashCommand(CommandContext ctx)
    {
        if (!ctx.TryRead<SortedSetValue>(ctx.Arg(1), out var z)) return;
        ctx.Reply.WriteArrayHeader(ctx.ArgCount - 2);
        for (int i = 2; i < ctx.ArgCount; i++)
        {
            if (z is null || !z.TryGetScore(ctx.Arg(i), out double score)) ctx.Reply.WriteNull();
            else ctx.Reply.WriteBulk(GeoHash.ToText(score));
        }
    }
}
