using System.Globalization;
using System.Text;

namespace RedisNet.Persistence.Aof;

/// <summary>Fixed pieces of AOF text: command names Redis writes in rewrites, and the #TS annotation.</summary>
public static class AofEncoding
{
    public static readonly byte[] Select = "SELECT"u8.ToArray();

    /// <summary>"#TS:unixtime\r\n": aof-timestamp-enabled's annotation, skipped by loaders.</summary>
    public static byte[] Timestamp(long unixSec) => Encoding.ASCII.GetBytes("#TS:" + unixSec.ToString(CultureInfo.InvariantCulture) + "\r\n");

    /// <summary>A score as text that parses back to the same double (Redis writes %.17g).</summary>
    public static byte[] Score(double d)
    {
        if (double.IsPositiveInfinity(d)) return "inf"u8.ToArray();
        if (double.IsNegativeInfinity(d)) return "-inf"u8.ToArray();
        return Encoding.ASCII.GetBytes(d.ToString("R", CultureInfo.InvariantCulture));
    }
}
