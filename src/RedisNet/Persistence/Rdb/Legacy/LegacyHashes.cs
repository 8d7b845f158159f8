using RedisNet.Types.Hash;

namespace RedisNet.Persistence.Rdb.Legacy;

/// <summary>
/// Hashes in the encodings Redis 7.0 still loads but no longer writes. Each blob is validated
/// whole first (Redis validates before converting), then built directly in the encoding Redis ends
/// up with, so duplicate fields are found in O(1) per field once the hash is a table.
/// </summary>
internal static class LegacyHashes
{
    /// <summary>
    /// RDB_TYPE_HASH_ZIPMAP (Redis up to 2.4): converted to a listpack, then to a hashtable past
    /// hash-max-listpack-entries or when a field or value is longer than hash-max-listpack-value.
    /// Duplicate fields are corruption. (An empty zipmap fails validation, so no empty key results.)
    /// </summary>
    public static object? LoadZipmap(RdbReader r, RdbLoadContext ctx)
    {
        var blob = r.ReadString();
        var scan = new ZipmapReader(blob);
        long maxLen = 0;
        while (scan.Next(out var f, out var v)) maxLen = Math.Max(maxLen, Math.Max(f.Length, v.Length));
        var hash = new HashValue();
        if (scan.Count > ctx.Config.HashMaxListpackEntries || maxLen > ctx.Config.HashMaxListpackValue) hash.ConvertToHashtable();
        var zm = new ZipmapReader(blob);
        while (zm.Next(out var field, out var value))
            if (!hash.AddLoaded(field, value)) throw new RdbFormatException("Hash zipmap with dup elements");
        return hash;
    }

    /// <summary>
    /// RDB_TYPE_HASH_ZIPLIST (Redis 2.6 to 6.2): field/value entries, an even count, no duplicate
    /// field; a listpack whatever the lengths, a hashtable past hash-max-listpack-entries.
    /// </summary>
    public static object? LoadZiplist(RdbReader r, RdbLoadContext ctx)
    {
        var blob = r.ReadString();
        int pairs = ZiplistReader.CountPairs(blob, "Hash");
        if (pairs == 0) return null;
        var hash = new HashValue();
        if (pairs > ctx.Config.HashMaxListpackEntries) hash.ConvertToHashtable();
        var zl = new ZiplistReader(blob);
        Span<byte> fieldDigits = stackalloc byte[20], valueDigits = stackalloc byte[20];
        while (zl.NextPair(out var f, out var v))
            if (!hash.AddLoaded(f.AsBytes(fieldDigits), v.AsBytes(valueDigits)))
                throw new RdbFormatException("Hash ziplist integrity check failed: duplicate field");
        return hash;
    }
}
