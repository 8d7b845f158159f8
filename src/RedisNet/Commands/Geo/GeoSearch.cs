using RedisNet.Config;
using RedisNet.Types.Geo;
using RedisNet.Types.SortedSet;

namespace RedisNet.Commands.Geo;

/// <summary>
/// GEOSEARCH, GEOSEARCHSTORE, GEORADIUS, GEORADIUSBYMEMBER and the _RO forms: Redis's
/// georadiusGeneric (argument rules, error order, cell scan order, sorting and store).
/// </summary>
public static class GeoSearch
{
    [Flags]
    private enum Kind { Coords = 1, Member = 2, NoStore = 4, Search = 8, SearchStore = 16 }

    [RedisCommand("georadius", Arity = -6, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.MovableKeys, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Geo | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0;OW,update keyword:STORE,6 range:0,1,0;OW,update keyword:STOREDIST,6 range:0,1,0",
        Group = "geo", Since = "3.2.0", Summary = "Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a point", Complexity = "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.", DocFlags = "deprecated", DeprecatedSince = "6.2.0", ReplacedBy = "`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` argument")]
    public static void GeoRadius(CommandContext ctx) => Run(ctx, 1, Kind.Coords);

    [RedisCommand("georadius_ro", Arity = -6, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Geo | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "geo", Since = "3.2.10", Summary = "A read-only variant for GEORADIUS", Complexity = "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.", DocFlags = "deprecated", DeprecatedSince = "6.2.0", ReplacedBy = "`GEOSEARCH` with the `BYRADIUS` argument")]
    public static void GeoRadiusRo(CommandContext ctx) => Run(ctx, 1, Kind.Coords | Kind.NoStore);

    [RedisCommand("georadiusbymember", Arity = -5, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.MovableKeys, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Geo | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0;OW,update keyword:STORE,5 range:0,1,0;OW,update keyword:STOREDIST,5 range:0,1,0",
        Group = "geo", Since = "3.2.0", Summary = "Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a member", Complexity = "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.", DocFlags = "deprecated", DeprecatedSince = "6.2.0", ReplacedBy = "`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` and `FROMMEMBER` arguments")]
    public static void GeoRadiusByMember(CommandContext ctx) => Run(ctx, 1, Kind.Member);

    [RedisCommand("georadiusbymember_ro", Arity = -5, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Geo | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "geo", Since = "3.2.10", Summary = "A read-only variant for GEORADIUSBYMEMBER", Complexity = "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.", DocFlags = "deprecated", DeprecatedSince = "6.2.0", ReplacedBy = "`GEOSEARCH` with the `BYRADIUS` and `FROMMEMBER` arguments")]
    public static void GeoRadiusByMemberRo(CommandContext ctx) => Run(ctx, 1, Kind.Member | Kind.NoStore);

    [RedisCommand("geosearch", Arity = -7, Flags = CommandFlags.ReadOnly, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Geo | AclCategory.Slow, KeySpecs = "RO,access index:1 range:0,1,0",
        Group = "geo", Since = "6.2.0", Summary = "Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle.", Complexity = "O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape")]
    public static void GeoSearchCommand(CommandContext ctx) => Run(ctx, 1, Kind.Search);

    [RedisCommand("geosearchstore", Arity = -8, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = 2, Step = 1,
        Acl = AclCategory.Write | AclCategory.Geo | AclCategory.Slow, KeySpecs = "OW,update index:1 range:0,1,0;RO,access index:2 range:0,1,0",
        Group = "geo", Since = "6.2.0", Summary = "Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle, and store the result in another key.", Complexity = "O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape")]
    public static void GeoSearchStore(CommandContext ctx) => Run(ctx, 2, Kind.Search | Kind.SearchStore);

    private struct Point
    {
        public byte[] Entry;
        public double Lon, Lat, Dist;
    }

    private static void Run(CommandContext ctx, int srcIdx, Kind kind)
    {
        if (!ctx.TryRead<SortedSetValue>(ctx.Arg(srcIdx), out var z)) return;
        var shape = new GeoShape();
        int baseArgs;
        int storeIdx = -1;
        bool storeDist = false;
        if ((kind & Kind.Coords) != 0)
        {
            baseArgs = 6;
            if (!GeoCommands.TryLonLat(ctx, 2, out shape.Lon, out shape.Lat)) return;
            if (!TryDistance(ctx, baseArgs - 2, shape)) return;
        }
        else if ((kind & Kind.Member) != 0)
        {
            baseArgs = 5;
            if (z != null)
            {
                if (!FromMember(ctx, z, 2, shape)) return;
                if (!TryDistance(ctx, baseArgs - 2, shape)) return;
            }
        }
        else
        {
            baseArgs = 2;
            if ((kind & Kind.SearchStore) != 0) { baseArgs = 3; storeIdx = 1; }
        }

        bool withDist = false, withHash = false, withCoord = false, any = false;
        bool fromMember = false, fromLoc = false, byRadius = false, byBox = false;
        int sort = 0; // 0 none, 1 asc, -1 desc
        long count = 0;
        bool search = (kind & Kind.Search) != 0, noStore = (kind & Kind.NoStore) != 0;
        int remaining = ctx.ArgCount - baseArgs;
        for (int i = 0; i < remaining; i++)
        {
            int a = baseArgs + i;
            if (ctx.ArgIs(a, "withdist"u8)) withDist = true;
            else if (ctx.ArgIs(a, "withhash"u8)) withHash = true;
            else if (ctx.ArgIs(a, "withcoord"u8)) withCoord = true;
            else if (ctx.ArgIs(a, "any"u8)) any = true;
            else if (ctx.ArgIs(a, "asc"u8)) sort = 1;
            else if (ctx.ArgIs(a, "desc"u8)) sort = -1;
            else if (ctx.ArgIs(a, "count"u8) && i + 1 < remaining)
            {
                if (!ctx.TryArgLong(a + 1, out count)) return;
                if (count <= 0) { ctx.Error("ERR COUNT must be > 0"); return; }
                i++;
            }
            else if (ctx.ArgIs(a, "store"u8) && i + 1 < remaining && !noStore && !search) { storeIdx = a + 1; storeDist = false; i++; }
            else if (ctx.ArgIs(a, "storedist"u8) && i + 1 < remaining && !noStore && !search) { storeIdx = a + 1; storeDist = true; i++; }
            else if (ctx.ArgIs(a, "storedist"u8) && (kind & Kind.SearchStore) != 0) storeDist = true;
            else if (ctx.ArgIs(a, "frommember"u8) && i + 1 < remaining && search && !fromLoc)
            {
                // Without a source key the error (or empty reply) comes after all options are parsed.
                if (z != null && !FromMember(ctx, z, a + 1, shape)) return;
                fromMember = true;
                i++;
            }
            else if (ctx.ArgIs(a, "fromlonlat"u8) && i + 2 < remaining && search && !fromMember)
            {
                if (!GeoCommands.TryLonLat(ctx, a + 1, out shape.Lon, out shape.Lat)) return;
                fromLoc = true;
                i += 2;
            }
            else if (ctx.ArgIs(a, "byradius"u8) && i + 2 < remaining && search && !byBox)
            {
                if (!TryDistance(ctx, a + 1, shape)) return;
                byRadius = true;
                i += 2;
            }
            else if (ctx.ArgIs(a, "bybox"u8) && i + 3 < remaining && search && !byRadius)
            {
                if (!TryBox(ctx, a + 1, shape)) return;
                byBox = true;
                i += 3;
            }
            else { ctx.SyntaxError(); return; }
        }

        if (storeIdx >= 0 && (withDist || withHash || withCoord))
        {
            ctx.Error((kind & Kind.SearchStore) != 0
                ? "ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options"
                : "ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options");
            return;
        }
        if (search && !(fromMember || fromLoc))
        {
            ctx.Error($"ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for {ctx.ArgLatin1(0)}");
            return;
        }
        if (search && !(byRadius || byBox))
        {
            ctx.Error($"ERR exactly one of BYRADIUS and BYBOX can be specified for {ctx.ArgLatin1(0)}");
            return;
        }
        if (any && count == 0) { ctx.Error("ERR the ANY argument requires COUNT argument"); return; }

        if (z is null)
        {
            if (storeIdx >= 0)
            {
                if (ctx.Db.Delete(ctx.Arg(storeIdx)))
                {
                    ctx.Db.Notify(KeyspaceEventFlags.Generic, "del"u8, ctx.Arg(storeIdx));
                    ctx.Dirty();
                }
                ctx.Reply.WriteInteger(0);
            }
            else ctx.Reply.WriteArrayHeader(0);
            return;
        }
        // COUNT needs the closest points: ascending unless asked otherwise (not needed for ANY).
        if (count != 0 && sort == 0 && !any) sort = 1;

        var found = Collect(z, shape, any ? count : 0);
        if (found.Count == 0 && storeIdx < 0) { ctx.Reply.WriteArrayHeader(0); return; }
        long returned = count == 0 || found.Count < count ? found.Count : count;
        if (sort != 0)
        {
            // A stable sort by distance: glibc's qsort is a merge sort.
            var sorted = sort > 0 ? found.OrderBy(p => p.Dist).ToList() : found.OrderByDescending(p => p.Dist).ToList();
            found = sorted;
        }

        if (storeIdx < 0)
        {
            Reply(ctx, found, returned, shape.Conversion, withDist, withHash, withCoord);
            return;
        }
        Store(ctx, ctx.Arg(storeIdx), found, returned, shape.Conversion, storeDist, search);
    }

    private static void Reply(CommandContext ctx, List<Point> found, long returned, double conversion, bool withDist, bool withHash, bool withCoord)
    {
        var r = ctx.Reply;
        int options = (withDist ? 1 : 0) + (withHash ? 1 : 0) + (withCoord ? 1 : 0);
        r.WriteArrayHeader(returned);
        for (int i = 0; i < returned; i++)
        {
            var p = found[i];
            if (options > 0) r.WriteArrayHeader(options + 1);
            r.WriteBulk(ZEntry.Member(p.Entry));
            if (withDist) GeoCommands.WriteDistance(ctx, p.Dist / conversion);
            if (withHash) r.WriteInteger((long)ZEntry.Score(p.Entry));
            if (withCoord)
            {
                r.WriteArrayHeader(2);
                GeoCommands.WriteCoordinate(ctx, p.Lon);
                GeoCommands.WriteCoordinate(ctx, p.Lat);
            }
        }
    }

    private static void Store(CommandContext ctx, ReadOnlySpan<byte> dst, List<Point> found, long returned, double conversion, bool storeDist, bool search)
    {
        if (returned > 0)
        {
            var result = new SortedSetValue();
            for (int i = 0; i < returned; i++)
            {
                var p = found[i];
                double score = storeDist ? p.Dist / conversion : ZEntry.Score(p.Entry);
                result.Tree.Insert(ZEntry.Create(score, ZEntry.Member(p.Entry)));
            }
            var cfg = ctx.Server.Config;
            result.ChooseStoredEncoding(cfg.ZsetMaxListpackEntries, cfg.ZsetMaxListpackValue);
            ctx.Db.Set(dst, result);
            ctx.Db.Notify(KeyspaceEventFlags.Zset, search ? "geosearchstore"u8 : "georadiusstore"u8, dst);
            ctx.Dirty(returned);
        }
        else if (ctx.Db.Delete(dst))
        {
            ctx.Db.Notify(KeyspaceEventFlags.Generic, "del"u8, dst);
            ctx.Dirty();
        }
        ctx.Reply.WriteInteger(returned);
    }

    // membersOfAllNeighbors: each useful cell's score range, in Redis's cell order, skipping a cell
    // equal to the one scanned just before it.
    private static List<Point> Collect(SortedSetValue z, GeoShape shape, long limit)
    {
        var cells = GeoSearchArea.Cells(shape);
        var found = new List<Point>();
        int last = 0;
        for (int i = 0; i < cells.Length; i++)
        {
            if (cells[i].IsZero) continue;
            if (last != 0 && cells[i] == cells[last]) continue;
            if (found.Count > 0 && limit > 0 && found.Count >= limit) break;
            double min = GeoHash.Align52(cells[i]);
            double max = GeoHash.Align52(cells[i] with { Bits = cells[i].Bits + 1 });
            var c = z.Tree.CursorAt(z.Tree.LowerBound(new ScoreFrom(min, strict: false)));
            for (; c.Valid && ZEntry.Score(c.Current) < max; c.MoveNext())
            {
                var (lon, lat) = GeoHash.DecodeScore(ZEntry.Score(c.Current));
                if (!shape.Contains(lon, lat, out double dist)) continue;
                found.Add(new Point { Entry = c.Current, Lon = lon, Lat = lat, Dist = dist });
                if (limit > 0 && found.Count >= limit) break;
            }
            last = i;
        }
        return found;
    }

    private static bool FromMember(CommandContext ctx, SortedSetValue z, int i, GeoShape shape)
    {
        if (!z.TryGetScore(ctx.Arg(i), out double score))
        {
            ctx.Error("ERR could not decode requested zset member");
            return false;
        }
        (shape.Lon, shape.Lat) = GeoHash.DecodeScore(score);
        return true;
    }

    private static bool TryDistance(CommandContext ctx, int i, GeoShape shape)
    {
        if (!SortedSets.ZArgs.TryArgScore(ctx, i, out double radius, "ERR need numeric radius")) return false;
        if (radius < 0) { ctx.Error("ERR radius cannot be negative"); return false; }
        shape.Radius = radius;
        shape.IsBox = false;
        double unit = GeoCommands.Unit(ctx, i + 1);
        if (unit < 0) return false;
        shape.Conversion = unit;
        return true;
    }

    private static bool TryBox(CommandContext ctx, int i, GeoShape shape)
    {
        if (!SortedSets.ZArgs.TryArgScore(ctx, i, out double w, "ERR need numeric width")
            || !SortedSets.ZArgs.TryArgScore(ctx, i + 1, out double h, "ERR need numeric height")) return false;
        if (h < 0 || w < 0) { ctx.Error("ERR height or width cannot be negative"); return false; }
        shape.Width = w;
        shape.Height = h;
        shape.IsBox = true;
        double unit = GeoCommands.Unit(ctx, i + 2);
        if (unit < 0) return false;
        shape.Conversion = unit;
        return true;
    }
}
