using System.Text;
using RedisNet.Persistence.Rdb;
using Xunit;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// Files of the oldest RDB versions Redis 7.0 reads: version 1 and 2 (expiry in seconds, no
/// checksum), version 4 (no checksum), with the value encodings of their time.
/// </summary>
public class LegacyVersionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void OldVersionFilesWithSecondExpiriesLoad(int version)
    {
        long expireAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 100_000;
        var file = LegacyRdb.File(version, w =>
        {
            w.WriteByte(RdbFormat.OpExpireTime);
            w.WriteRaw(BitConverter.GetBytes((uint)expireAt));
            LegacyRdb.Key(w, RdbFormat.TypeList, "list");
            w.WriteLength(3);
            foreach (var e in new[] { "x", "10", "y" }) w.WriteString(Encoding.ASCII.GetBytes(e));
            LegacyRdb.Key(w, RdbFormat.TypeZset, "zset");
            w.WriteLength(1);
            w.WriteString("m"u8);
            w.WriteByte(3);
            w.WriteRaw("2.5"u8);
            LegacyRdb.Blob(w, RdbFormat.TypeHashZipmap, "hash", ZipmapBuilder.Of(("f", "v")));
            w.WriteByte(RdbFormat.OpExpireTime);
            w.WriteRaw(BitConverter.GetBytes((uint)(expireAt - 200_000))); // already expired: dropped on load
            LegacyRdb.Key(w, RdbFormat.TypeList, "gone");
            w.WriteLength(1);
            w.WriteString("z"u8);
        });
        var host = LegacyRdb.LoadBothAndCompare(file, ["list", "zset", "hash", "-gone"]);
        long ttl = long.Parse(host.Run("TTL", "list").Trim(':', '\r', '\n'));
        Assert.InRange(ttl, 99_000, 100_000);
        Assert.Equal(":-1\r\n", host.Run("TTL", "zset"));
    }
}
