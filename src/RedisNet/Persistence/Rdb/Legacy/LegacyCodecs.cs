using System.Runtime.CompilerServices;

namespace RedisNet.Persistence.Rdb.Legacy;

/// <summary>
/// Registers the loaders of the value encodings Redis 7.0 reads but never writes, so dump.rdb files
/// from Redis 2.x to 6.x load: plain lists (before RDB 7/8), zipmap hashes (up to 2.4), ziplist
/// lists, hashes and zsets (2.6 to 6.2), quicklists of ziplists (3.2 to 6.2) and text-score zsets
/// (before RDB 8). Redis 5/6 streams (type 15) are read by StreamRdbReader.
/// </summary>
internal static class LegacyCodecs
{
    [ModuleInitializer]
    internal static void Register()
    {
        RdbCodecs.RegisterLoader(RdbFormat.TypeList, LegacyLists.LoadLinkedList);
        RdbCodecs.RegisterLoader(RdbFormat.TypeListZiplist, LegacyLists.LoadZiplist);
        RdbCodecs.RegisterLoader(RdbFormat.TypeListQuicklist, LegacyLists.LoadQuicklist);
        RdbCodecs.RegisterLoader(RdbFormat.TypeZset, LegacyZsets.LoadTextScores);
        RdbCodecs.RegisterLoader(RdbFormat.TypeZsetZiplist, LegacyZsets.LoadZiplist);
        RdbCodecs.RegisterLoader(RdbFormat.TypeHashZipmap, LegacyHashes.LoadZipmap);
        RdbCodecs.RegisterLoader(RdbFormat.TypeHashZiplist, LegacyHashes.LoadZiplist);
    }
}
