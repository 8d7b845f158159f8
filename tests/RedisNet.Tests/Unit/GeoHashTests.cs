using RedisNet.Types.Geo;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>Geohash math against values redis-server 7.0 reports, and GEOADD's replication as ZADD.</summary>
public class GeoHashTests
{
    [Fact]
    public void ScoresAndDecodingMatchRedis()
    {
        // GEOADD k 13.361389 38.115556 Palermo; ZSCORE → 3479099956230698; GEOPOS → 13.36138933897018433 38.11555639549629859.
        Assert.Equal(3479099956230698UL, GeoHash.Score(13.361389, 38.115556));
        var (lon, lat) = GeoHash.DecodeScore(3479099956230698);
        Assert.Equal(13.36138933897018433, lon, 12);
        Assert.Equal(38.11555639549629859, lat, 12);
        Assert.Equal("sqc8b49rny0", System.Text.Encoding.ASCII.GetString(GeoHash.ToText(3479099956230698)));
        var (lon2, lat2) = GeoHash.DecodeScore(GeoHash.Score(15.087269, 37.502669));
        Assert.Equal("166274.1516", (GeoHash.Distance(lon, lat, lon2, lat2)).ToString("F4", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void NeighboursSurroundTheCell()
    {
        GeoHash.EncodeWgs84(15, 37, 10, out var h);
        var n = GeoSearchArea.Neighbours(h);
        var centre = GeoHash.DecodeWgs84(h);
        Assert.Equal(centre.LatMax, GeoHash.DecodeWgs84(n[1]).LatMin, 9);  // north
        Assert.Equal(centre.LatMin, GeoHash.DecodeWgs84(n[2]).LatMax, 9);  // south
        Assert.Equal(centre.LonMax, GeoHash.DecodeWgs84(n[3]).LonMin, 9);  // east
        Assert.Equal(centre.LonMin, GeoHash.DecodeWgs84(n[4]).LonMax, 9);  // west
        Assert.Equal(26, GeoSearchArea.EstimateSteps(0, 0));
        Assert.True(GeoSearchArea.EstimateSteps(1000, 0) > GeoSearchArea.EstimateSteps(1000, 85));
    }

    [Fact]
    public void GeoAddReplicatesAsZAdd()
    {
        var h = new KeyTestHost();
        h.Run("GEOADD", "g", "CH", "13.361389", "38.115556", "Palermo");
        Assert.Equal("zadd g CH 3479099956230698 Palermo", string.Join(' ', h.Propagated.Single().Argv));
        h.Run("GEOADD", "g", "13.361389", "38.115556", "Palermo"); // no change: nothing replicated
        Assert.Single(h.Propagated);
    }
}
