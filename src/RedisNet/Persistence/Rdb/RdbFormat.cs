namespace RedisNet.Persistence.Rdb;

/// <summary>
/// The numbers of Redis's RDB format (version 10, as redis-server 7.0 writes it): value type bytes
/// and opcodes. Facts from Redis's rdb.h; shared by the writer, the reader, DUMP/RESTORE and AOF.
/// </summary>
public static class RdbFormat
{
    /// <summary>The version this server writes; it reads 1 up to this.</summary>
    public const int Version = 10;

    // Value types. Those marked "legacy" are read but never written by 7.0.
    public const byte TypeString = 0;
    public const byte TypeList = 1;            // legacy: linked list of strings
    public const byte TypeSet = 2;             // hashtable set
    public const byte TypeZset = 3;            // legacy: scores as strings
    public const byte TypeHash = 4;            // hashtable hash
    public const byte TypeZset2 = 5;           // skiplist zset, binary double scores
    public const byte TypeModulePreGa = 6;     // modules: not supported
    public const byte TypeModule2 = 7;
    public const byte TypeHashZipmap = 9;      // legacy
    public const byte TypeListZiplist = 10;    // legacy
    public const byte TypeSetIntset = 11;
    public const byte TypeZsetZiplist = 12;    // legacy
    public const byte TypeHashZiplist = 13;    // legacy
    public const byte TypeListQuicklist = 14;  // legacy: quicklist of ziplists
    public const byte TypeStreamListpacks = 15; // Redis 5/6 streams
    public const byte TypeHashListpack = 16;
    public const byte TypeZsetListpack = 17;
    public const byte TypeListQuicklist2 = 18;
    public const byte TypeStreamListpacks2 = 19;

    // Opcodes between entries.
    public const byte OpFunction2 = 245;
    public const byte OpFunctionPreGa = 246;
    public const byte OpModuleAux = 247;
    public const byte OpIdle = 248;
    public const byte OpFreq = 249;
    public const byte OpAux = 250;
    public const byte OpResizeDb = 251;
    public const byte OpExpireTimeMs = 252;
    public const byte OpExpireTime = 253;
    public const byte OpSelectDb = 254;
    public const byte OpEof = 255;

    // Length-prefix encodings (the two high bits of the first byte).
    public const byte Len6Bit = 0, Len14Bit = 1, Len32Bit = 0x80, Len64Bit = 0x81, LenEncoded = 3;
    // Special string encodings (after LenEncoded).
    public const byte EncInt8 = 0, EncInt16 = 1, EncInt32 = 2, EncLzf = 3;

    // Quicklist 2 node containers.
    public const int QuicklistNodePlain = 1, QuicklistNodePacked = 2;

    /// <summary>Whether a type byte is a value type (as rdbIsObjectType).</summary>
    public static bool IsObjectType(byte t) => t <= 7 || (t >= 9 && t <= 19);
}
