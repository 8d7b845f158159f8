namespace RedisNet.Types.Geo;

/// <summary>A geohash cell: interleaved bits (latitude on even bits, longitude on odd) at a precision of <c>Step</c> bits per axis.</summary>
public readonly record struct GeoHashBits(ulong Bits, int Step)
{
    public bool IsZero => Bits == 0 && Step == 0;
}

/// <summary>The rectangle a geohash cell covers.</summary>
public readonly record struct GeoArea(double LonMin, double LonMax, double LatMin, double LatMax);

/// <summary>
/// Redis's geohash arithmetic: 26 steps per axis (52-bit scores stored as sorted-set scores) over
/// the Web Mercator latitude range, neighbour cells, and the haversine distance on Redis's earth
/// radius, computed in the same order so results match to the last bit.
/// </summary>
public static class GeoHash
{
    public const int StepMax = 26;
    public const double LatMin = -85.05112878, LatMax = 85.05112878, LonMin = -180, LonMax = 180;
    public const double EarthRadius = 6372797.560856;
    public const double MercatorMax = 20037726.37;
    private const double DegToRad = Math.PI / 180.0;

    public static double Rad(double deg) => deg * DegToRad;
    public static double Deg(double rad) => rad / DegToRad;

    public static bool ValidLonLat(double lon, double lat) => lon >= LonMin && lon <= LonMax && lat >= LatMin && lat <= LatMax;

    /// <summary>geohashEncode over the given ranges; false outside them.</summary>
    public static bool Encode(double lonMin, double lonMax, double latMin, double latMax, double lon, double lat, int step, out GeoHashBits hash)
    {
        hash = default;
        if (step > 32 || step == 0) return false;
        if (lon > LonMax || lon < LonMin || lat > LatMax || lat < LatMin) return false;
        if (lat < latMin || lat > latMax || lon < lonMin || lon > lonMax) return false;
        double latOffset = (lat - latMin) / (latMax - latMin) * (1UL << step);
        double lonOffset = (lon - lonMin) / (lonMax - lonMin) * (1UL << step);
        hash = new GeoHashBits(Interleave((uint)latOffset, (uint)lonOffset), step);
        return true;
    }

    public static bool EncodeWgs84(double lon, double lat, int step, out GeoHashBits hash) =>
        Encode(LonMin, LonMax, LatMin, LatMax, lon, lat, step, out hash);

    /// <summary>The 52-bit score of a point (geohashAlign52Bits of the full-precision hash).</summary>
    public static ulong Score(double lon, double lat)
    {
        EncodeWgs84(lon, lat, StepMax, out var h);
        return Align52(h);
    }

    public static ulong Align52(GeoHashBits h) => h.Bits << (52 - h.Step * 2);

    public static GeoArea Decode(double lonMin, double lonMax, double latMin, double latMax, GeoHashBits hash)
    {
        ulong sep = Deinterleave(hash.Bits);
        uint ilat = (uint)sep, ilon = (uint)(sep >> 32);
        double latScale = latMax - latMin, lonScale = lonMax - lonMin;
        double div = 1UL << hash.Step;
        return new GeoArea(
            lonMin + (ilon * 1.0 / div) * lonScale,
            lonMin + ((ilon + 1.0) * 1.0 / div) * lonScale,
            latMin + (ilat * 1.0 / div) * latScale,
            latMin + ((ilat + 1.0) * 1.0 / div) * latScale);
    }

    public static GeoArea DecodeWgs84(GeoHashBits hash) => Decode(LonMin, LonMax, LatMin, LatMax, hash);

    /// <summary>The centre of a score's cell, clamped to the valid range: the point GEOPOS reports.</summary>
    public static (double Lon, double Lat) DecodeScore(double score)
    {
        var a = DecodeWgs84(new GeoHashBits((ulong)score, StepMax));
        double lon = Math.Clamp((a.LonMin + a.LonMax) / 2, LonMin, LonMax);
        double lat = Math.Clamp((a.LatMin + a.LatMax) / 2, LatMin, LatMax);
        return (lon, lat);
    }

    public static double LatDistance(double lat1, double lat2) => EarthRadius * Math.Abs(Rad(lat2) - Rad(lat1));

    /// <summary>Haversine distance in meters (geohashGetDistance).</summary>
    public static double Distance(double lon1, double lat1, double lon2, double lat2)
    {
        double lon1r = Rad(lon1), lon2r = Rad(lon2);
        double v = Math.Sin((lon2r - lon1r) / 2);
        if (v == 0.0) return LatDistance(lat1, lat2);
        double lat1r = Rad(lat1), lat2r = Rad(lat2);
        double u = Math.Sin((lat2r - lat1r) / 2);
        double a = u * u + Math.Cos(lat1r) * Math.Cos(lat2r) * v * v;
        return 2.0 * EarthRadius * Math.Asin(Math.Sqrt(a));
    }

    /// <summary>The standard 11-character geohash text of a score (GEOHASH), over latitude -90..90.</summary>
    public static byte[] ToText(double score)
    {
        const string alphabet = "0123456789bcdefghjkmnpqrstuvwxyz";
        var (lon, lat) = DecodeScore(score);
        Encode(-180, 180, -90, 90, lon, lat, StepMax, out var h);
        var buf = new byte[11];
        for (int i = 0; i < 11; i++)
        {
            // 52 bits fill ten characters and two bits of the eleventh, which Redis leaves as zero.
            int idx = i == 10 ? 0 : (int)((h.Bits >> (52 - (i + 1) * 5)) & 0x1f);
            buf[i] = (byte)alphabet[idx];
        }
        return buf;
    }

    private static ulong Interleave(uint x, uint y)
    {
        return Spread(x) | (Spread(y) << 1);
    }

    private static ulong Spread(uint v)
    {
        ulong x = v;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFUL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFUL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FUL;
        x = (x | (x << 2)) & 0x3333333333333333UL;
        x = (x | (x << 1)) & 0x5555555555555555UL;
        return x;
    }

    private static uint Squash(ulong x)
    {
        x &= 0x5555555555555555UL;
        x = (x | (x >> 1)) & 0x3333333333333333UL;
        x = (x | (x >> 2)) & 0x0F0F0F0F0F0F0F0FUL;
        x = (x | (x >> 4)) & 0x00FF00FF00FF00FFUL;
        x = (x | (x >> 8)) & 0x0000FFFF0000FFFFUL;
        x = (x | (x >> 16)) & 0x00000000FFFFFFFFUL;
        return (uint)x;
    }

    /// <summary>Even bits (latitude) in the low half, odd bits (longitude) in the high half.</summary>
    private static ulong Deinterleave(ulong bits) => Squash(bits) | ((ulong)Squash(bits >> 1) << 32);
}
