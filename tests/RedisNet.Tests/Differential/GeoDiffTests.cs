using System.Globalization;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>The GEO commands against redis-server 7.0: scores, positions, distances, search order, errors.</summary>
public class GeoDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    private const string Sicily = """
        DEL Sicily str
        GEOADD Sicily 13.361389 38.115556 Palermo 15.087269 37.502669 Catania 13.583333 37.316667 Agrigento
        GEOADD Sicily 12.758489 38.788135 edge1 17.241510 38.788135 edge2 14.0 37.0 Gela 15.55 38.19 Messina
        SET str v
        """;

    [Fact]
    public void AddAndPointQueries()
    {
        using var s = servers.Session();
        s.Script(Sicily);
        s.Script("""
            ZRANGE Sicily 0 -1 WITHSCORES
            GEOADD Sicily 13.361389 38.115556 Palermo
            GEOADD Sicily CH 13.361390 38.115556 Palermo 1 1 new
            GEOADD Sicily NX 0 0 Palermo 2 2 new2
            GEOADD Sicily XX 0 0 Palermo 3 3 new3
            GEOADD Sicily XX CH 13.361389 38.115556 Palermo
            GEOADD Sicily NX XX 1 1 a
            GEOADD Sicily 1 1
            GEOADD Sicily 1 1 a 2
            GEOADD Sicily CH
            GEOADD Sicily GT 1 1 a
            GEOADD Sicily 181 1 a
            GEOADD Sicily 1 86 a
            GEOADD Sicily -180 -85.05112878 minpt 180 85.05112878 maxpt
            GEOADD Sicily x 1 a
            GEOADD Sicily 1 y a
            GEOADD Sicily inf 1 a
            GEOADD str 1 1 a
            GEOPOS Sicily Palermo Catania nope minpt maxpt
            GEOPOS nokey a b
            GEOPOS Sicily
            GEOPOS str a
            GEODIST Sicily Palermo Catania
            GEODIST Sicily Palermo Catania km
            GEODIST Sicily Palermo Catania MI
            GEODIST Sicily Palermo Catania ft
            GEODIST Sicily Palermo Catania m
            GEODIST Sicily Palermo Catania yards
            GEODIST Sicily Palermo Catania km extra
            GEODIST Sicily Palermo nope
            GEODIST nokey a b
            GEODIST str a b
            GEODIST Sicily Palermo Palermo
            GEODIST Sicily minpt maxpt km
            GEOHASH Sicily Palermo Catania nope minpt maxpt new
            GEOHASH nokey a
            GEOHASH str a
            GEOHASH Sicily
            """);
    }

    [Fact]
    public void SearchShapesOrderAndOptions()
    {
        using var s = servers.Session();
        s.Script(Sicily);
        s.Script("""
            GEORADIUS Sicily 15 37 200 km
            GEORADIUS Sicily 15 37 200 km ASC
            GEORADIUS Sicily 15 37 200 km DESC
            GEORADIUS Sicily 15 37 200 km WITHDIST WITHCOORD WITHHASH
            GEORADIUS Sicily 15 37 200 km WITHDIST COUNT 2
            GEORADIUS Sicily 15 37 200 km COUNT 2 DESC
            GEORADIUS Sicily 15 37 200 km COUNT 2 ANY
            GEORADIUS Sicily 15 37 1000 km ANY COUNT 3 WITHDIST
            GEORADIUS Sicily 15 37 50 mi WITHDIST
            GEORADIUS Sicily 15 37 100000 ft
            GEORADIUS Sicily 15 37 0 km
            GEORADIUS Sicily 15 37 10000 km
            GEORADIUS Sicily 15 37 -1 km
            GEORADIUS Sicily 15 37 x km
            GEORADIUS Sicily 15 37 10 parsec
            GEORADIUS Sicily 200 37 10 km
            GEORADIUS Sicily 15 37 200 km COUNT 0
            GEORADIUS Sicily 15 37 200 km COUNT x
            GEORADIUS Sicily 15 37 200 km ANY
            GEORADIUS Sicily 15 37 200 km FOO
            GEORADIUS nokey 15 37 200 km
            GEORADIUS str 15 37 200 km
            GEORADIUSBYMEMBER Sicily Palermo 200 km WITHDIST
            GEORADIUSBYMEMBER Sicily nope 200 km
            GEORADIUSBYMEMBER nokey nope 200 km
            GEORADIUSBYMEMBER Sicily Palermo 200 km STORE x WITHDIST
            GEORADIUS_RO Sicily 15 37 200 km WITHDIST
            GEORADIUS_RO Sicily 15 37 200 km STORE x
            GEORADIUSBYMEMBER_RO Sicily Catania 100 km
            GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 200 km ASC WITHDIST
            GEOSEARCH Sicily FROMMEMBER Palermo BYBOX 400 400 km ASC WITHCOORD
            GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 200 100 km DESC WITHDIST
            GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 2000 2000 km
            GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 0 0 km
            GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX -1 1 km
            GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX x 1 km
            GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 1 x km
            GEOSEARCH Sicily FROMLONLAT 15 37
            GEOSEARCH Sicily BYRADIUS 10 km ASC
            geosearch Sicily BYRADIUS 10 km ASC
            GEOSEARCH Sicily FROMLONLAT 15 37 FROMMEMBER Palermo BYRADIUS 10 km
            GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 10 km BYBOX 1 1 km
            GEOSEARCH Sicily FROMMEMBER nope BYRADIUS 10 km
            GEOSEARCH nokey FROMMEMBER nope BYRADIUS 10 km
            GEOSEARCH nokey FROMLONLAT 15 37
            GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 10 km STORE x
            GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 10 km STOREDIST
            GEOSEARCH str FROMLONLAT 15 37 BYRADIUS 10 km
            """);
    }

    [Fact]
    public void SearchStore()
    {
        using var s = servers.Session();
        s.Script(Sicily);
        s.Script("""
            GEORADIUS Sicily 15 37 200 km STORE out
            ZRANGE out 0 -1 WITHSCORES
            GEORADIUS Sicily 15 37 200 km STOREDIST out COUNT 2
            ZRANGE out 0 -1 WITHSCORES
            OBJECT ENCODING out
            GEOSEARCHSTORE out Sicily FROMLONLAT 15 37 BYBOX 400 400 km
            ZRANGE out 0 -1 WITHSCORES
            GEOSEARCHSTORE out Sicily FROMLONLAT 15 37 BYRADIUS 200 km STOREDIST DESC COUNT 3
            ZRANGE out 0 -1 WITHSCORES
            GEOSEARCHSTORE out Sicily FROMLONLAT 15 37 BYRADIUS 200 km WITHDIST
            GEOSEARCHSTORE out Sicily FROMLONLAT 0 0 BYRADIUS 1 km
            EXISTS out
            GEOSEARCHSTORE out nokey FROMLONLAT 0 0 BYRADIUS 1 km
            GEORADIUS Sicily 15 37 200 km STORE out
            GEORADIUS nokey 15 37 200 km STORE out
            EXISTS out
            GEOSEARCHSTORE out str FROMLONLAT 0 0 BYRADIUS 1 km
            """);
    }

    [Fact]
    public void Resp3Replies()
    {
        using var s = servers.Session();
        s.Script(Sicily);
        s.Both("HELLO", "3");
        s.Script("""
            GEOPOS Sicily Palermo nope
            GEODIST Sicily Palermo Catania
            GEODIST Sicily Palermo nope
            GEOHASH Sicily Palermo nope
            GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 200 km WITHDIST WITHCOORD WITHHASH ASC
            """);
    }

    [Fact]
    public void ManyRandomPointsSearchIdentically()
    {
        using var s = servers.Session();
        var rng = new Random(7);
        s.Script("DEL many");
        var args = new List<string> { "GEOADD", "many" };
        for (int i = 0; i < 2000; i++)
        {
            args.Add((rng.NextDouble() * 360 - 180).ToString("R", CultureInfo.InvariantCulture));
            args.Add((rng.NextDouble() * 170 - 85).ToString("R", CultureInfo.InvariantCulture));
            args.Add("p" + i);
        }
        s.Same(args.ToArray());
        for (int q = 0; q < 40; q++)
        {
            string lon = (rng.NextDouble() * 360 - 180).ToString("R", CultureInfo.InvariantCulture);
            string lat = (rng.NextDouble() * 170 - 85).ToString("R", CultureInfo.InvariantCulture);
            string r = (rng.Next(1, 3000)).ToString(CultureInfo.InvariantCulture);
            s.Same("GEOSEARCH", "many", "FROMLONLAT", lon, lat, "BYRADIUS", r, "km", "ASC", "WITHDIST", "WITHCOORD");
            s.Same("GEOSEARCH", "many", "FROMLONLAT", lon, lat, "BYBOX", r, (rng.Next(1, 3000)).ToString(CultureInfo.InvariantCulture), "km", "WITHHASH");
            s.Same("GEORADIUS", "many", lon, lat, r, "km", "COUNT", "5", "DESC");
            s.Same("GEODIST", "many", "p" + q, "p" + (q + 100), "km");
            s.Same("GEOHASH", "many", "p" + q);
        }
    }

    [Fact]
    public void CommandTableMatches()
    {
        using var s = servers.Session();
        foreach (var name in new[] { "geoadd", "geopos", "geodist", "geohash", "geosearch", "geosearchstore",
            "georadius", "georadius_ro", "georadiusbymember", "georadiusbymember_ro" })
        {
            s.Same("COMMAND", "INFO", name);
            s.Same("COMMAND", "DOCS", name);
        }
        s.Script("""
            COMMAND GETKEYS GEORADIUS src 1 2 3 km STORE dst
            COMMAND GETKEYS GEOSEARCHSTORE dst src FROMLONLAT 1 2 BYRADIUS 3 km
            """);
    }
}
