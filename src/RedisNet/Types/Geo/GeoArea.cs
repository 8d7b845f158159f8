namespace RedisNet.Types.Geo;

/// <summary>A search shape: a circle (radius) or a box (width × height) around a centre, in the unit given by <c>Conversion</c> (meters per unit).</summary>
public sealed class GeoShape
{
    public bool IsBox;
    public double Lon, Lat;
    public double Radius, Width, Height;
    public double Conversion = 1;

    /// <summary>
    /// Whether a point lies in the shape, and its distance from the centre in meters
    /// (geohashGetDistanceIfInRadiusWGS84 / geohashGetDistanceIfInRectangle).
    /// </summary>
    public bool Contains(double lon, double lat, out double distance)
    {
        distance = 0;
        if (!IsBox)
        {
            distance = GeoHash.Distance(Lon, Lat, lon, lat);
            return distance <= Radius * Conversion;
        }
        double w = Width * Conversion, h = Height * Conversion;
        // Latitude distance is cheaper: tested first, as Redis does.
        if (GeoHash.LatDistance(lat, Lat) > h / 2) return false;
        if (GeoHash.Distance(lon, lat, Lon, lat) > w / 2) return false;
        distance = GeoHash.Distance(Lon, Lat, lon, lat);
        return true;
    }
}

/// <summary>
/// The cells to scan for a shape: the centre's cell at a precision wide enough for the shape and its
/// eight neighbours, those that cannot hold results zeroed (geohashCalculateAreasByShapeWGS84).
/// </summary>
public static class GeoSearchArea
{
    /// <summary>Cells in Redis's scan order: centre, N, S, E, W, NE, NW, SE, SW.</summary>
    public static GeoHashBits[] Cells(GeoShape shape)
    {
        var (minLon, minLat, maxLon, maxLat) = BoundingBox(shape);
        double radius = shape.IsBox
            ? Math.Sqrt((shape.Width / 2) * (shape.Width / 2) + (shape.Height / 2) * (shape.Height / 2))
            : shape.Radius;
        radius *= shape.Conversion;
        int steps = EstimateSteps(radius, shape.Lat);

        GeoHash.EncodeWgs84(shape.Lon, shape.Lat, steps, out var hash);
        var n = Neighbours(hash);
        var area = GeoHash.DecodeWgs84(hash);
        // Near the edge of a cell the neighbours may not reach the whole shape: one step coarser then.
        bool decrease = GeoHash.DecodeWgs84(n[1]).LatMax < maxLat
            || GeoHash.DecodeWgs84(n[2]).LatMin > minLat
            || GeoHash.DecodeWgs84(n[3]).LonMax < maxLon
            || GeoHash.DecodeWgs84(n[4]).LonMin > minLon;
        if (steps > 1 && decrease)
        {
            steps--;
            GeoHash.EncodeWgs84(shape.Lon, shape.Lat, steps, out hash);
            n = Neighbours(hash);
            area = GeoHash.DecodeWgs84(hash);
        }
        if (steps >= 2)
        {
            if (area.LatMin < minLat) { n[2] = n[8] = n[7] = default; }
            if (area.LatMax > maxLat) { n[1] = n[5] = n[6] = default; }
            if (area.LonMin < minLon) { n[4] = n[8] = n[6] = default; }
            if (area.LonMax > maxLon) { n[3] = n[7] = n[5] = default; }
        }
        return n;
    }

    /// <summary>geohashBoundingBox: min/max longitude and latitude around the centre.</summary>
    public static (double MinLon, double MinLat, double MaxLon, double MaxLat) BoundingBox(GeoShape s)
    {
        double height = s.Conversion * (s.IsBox ? s.Height / 2 : s.Radius);
        double width = s.Conversion * (s.IsBox ? s.Width / 2 : s.Radius);
        double latDelta = GeoHash.Deg(height / GeoHash.EarthRadius);
        double lonDeltaTop = GeoHash.Deg(width / GeoHash.EarthRadius / Math.Cos(GeoHash.Rad(s.Lat + latDelta)));
        double lonDeltaBottom = GeoHash.Deg(width / GeoHash.EarthRadius / Math.Cos(GeoHash.Rad(s.Lat - latDelta)));
        // The hemispheres widen in opposite directions.
        bool south = s.Lat < 0;
        return (south ? s.Lon - lonDeltaBottom : s.Lon - lonDeltaTop, s.Lat - latDelta,
            south ? s.Lon + lonDeltaBottom : s.Lon + lonDeltaTop, s.Lat + latDelta);
    }

    /// <summary>geohashEstimateStepsByRadius: the precision whose cells are about as wide as the radius.</summary>
    public static int EstimateSteps(double rangeMeters, double lat)
    {
        if (rangeMeters == 0) return GeoHash.StepMax;
        int step = 1;
        while (rangeMeters < GeoHash.MercatorMax)
        {
            rangeMeters *= 2;
            step++;
        }
        step -= 2;
        // Cells narrow towards the poles.
        if (lat > 66 || lat < -66)
        {
            step--;
            if (lat > 80 || lat < -80) step--;
        }
        return Math.Clamp(step, 1, GeoHash.StepMax);
    }

    /// <summary>[centre, N, S, E, W, NE, NW, SE, SW].</summary>
    public static GeoHashBits[] Neighbours(GeoHashBits h) =>
    [
        h, Move(h, 0, 1), Move(h, 0, -1), Move(h, 1, 0), Move(h, -1, 0),
        Move(h, 1, 1), Move(h, -1, 1), Move(h, 1, -1), Move(h, -1, -1),
    ];

    // Longitude lives on the odd bits (x), latitude on the even bits (y); carries stay within each.
    private static GeoHashBits Move(GeoHashBits h, int dx, int dy)
    {
        int shift = 64 - h.Step * 2;
        ulong bits = MoveAxis(h.Bits, dx, 0xaaaaaaaaaaaaaaaaUL, shift);
        return new GeoHashBits(MoveAxis(bits, dy, 0x5555555555555555UL, shift), h.Step);
    }

    // Adds or subtracts one on the bits of one axis: the other axis's bits are set to carry through.
    private static ulong MoveAxis(ulong bits, int d, ulong axis, int shift)
    {
        if (d == 0) return bits;
        ulong v = bits & axis, other = bits & ~axis;
        ulong zz = ~axis >> shift;
        if (d > 0) v += zz + 1;
        else { v |= zz; v -= zz + 1; }
        return (v & (axis >> shift)) | other;
    }
}
