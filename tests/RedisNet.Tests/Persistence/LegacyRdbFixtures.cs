using System.Buffers.Binary;
using System.Text;
using RedisNet.Persistence.Rdb;
using RedisNet.Protocol;
using RedisNet.Tests.Infrastructure;
using RedisNet.Tests.Unit;
using Xunit;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// Test-side encoder of ziplists, written from the format description (Redis 7.0 cannot write them):
/// strings that are integers take the smallest integer encoding, as ziplistPush does, unless added raw.
/// </summary>
internal sealed class ZiplistBuilder
{
    private readonly List<byte[]> _bodies = new(); // encoding + data, without prevlen
    /// <summary>Write every prevlen in the 5-byte form (Redis leaves those behind after cascading updates).</summary>
    public bool BigPrevlen;
    /// <summary>Replaces the count field (65535 means "unknown, count them").</summary>
    public int? CountOverride;

    public ZiplistBuilder Add(params string[] values)
    {
        foreach (var v in values)
        {
            if (v.Length <= 32 && NumberFormat.TryParseInt64(Encoding.Latin1.GetBytes(v), out long n)) AddInt(n);
            else AddRaw(Encoding.Latin1.GetBytes(v));
        }
        return this;
    }

    public ZiplistBuilder AddRaw(byte[] s)
    {
        byte[] head = s.Length <= 63 ? [(byte)s.Length]
            : s.Length <= 16383 ? [(byte)(0x40 | (s.Length >> 8)), (byte)s.Length]
            : [0x80, (byte)(s.Length >> 24), (byte)(s.Length >> 16), (byte)(s.Length >> 8), (byte)s.Length];
        _bodies.Add([.. head, .. s]);
        return this;
    }

    public ZiplistBuilder AddInt(long v)
    {
        var b = new byte[9];
        int size;
        if (v is >= 0 and <= 12) { b[0] = (byte)(0xF1 + v); size = 0; }
        else if (v is >= sbyte.MinValue and <= sbyte.MaxValue) { b[0] = 0xFE; size = 1; }
        else if (v is >= short.MinValue and <= short.MaxValue) { b[0] = 0xC0; size = 2; }
        else if (v is >= -(1 << 23) and < (1 << 23)) { b[0] = 0xF0; size = 3; }
        else if (v is >= int.MinValue and <= int.MaxValue) { b[0] = 0xD0; size = 4; }
        else { b[0] = 0xE0; size = 8; }
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(1), v); // low bytes first: right for every width
        _bodies.Add(b[..(1 + size)]);
        return this;
    }

    public byte[] Build()
    {
        var o = new List<byte>(new byte[10]);
        int prev = 0, tail = 10;
        foreach (var body in _bodies)
        {
            tail = o.Count;
            int start = o.Count;
            if (prev < 254 && !BigPrevlen) o.Add((byte)prev);
            else
            {
                o.Add(0xFE);
                o.AddRange(BitConverter.GetBytes((uint)prev));
            }
            o.AddRange(body);
            prev = o.Count - start;
        }
        o.Add(0xFF);
        var zl = o.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(zl, (uint)zl.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(zl.AsSpan(4), (uint)tail);
        BinaryPrimitives.WriteUInt16LittleEndian(zl.AsSpan(8), (ushort)(CountOverride ?? Math.Min(_bodies.Count, 65535)));
        return zl;
    }

    public static byte[] Of(params string[] values) => new ZiplistBuilder().Add(values).Build();
}

/// <summary>Test-side zipmap encoder: [count] then [len]field[len][free]value[free bytes] per pair, 0xFF.</summary>
internal static class ZipmapBuilder
{
    public static byte[] Build(IEnumerable<(string Field, string Value, int Free)> pairs, int? countByte = null)
    {
        var o = new List<byte> { 0 };
        int n = 0;
        foreach (var (f, v, free) in pairs)
        {
            Len(o, f.Length);
            o.AddRange(Encoding.Latin1.GetBytes(f));
            Len(o, v.Length);
            o.Add((byte)free);
            o.AddRange(Encoding.Latin1.GetBytes(v));
            o.AddRange(new byte[free]);
            n++;
        }
        o.Add(0xFF);
        o[0] = (byte)(countByte ?? Math.Min(n, 254));
        return o.ToArray();
    }

    public static byte[] Of(params (string, string)[] pairs) => Build(pairs.Select(p => (p.Item1, p.Item2, 0)));

    private static void Len(List<byte> o, int len)
    {
        if (len < 254) { o.Add((byte)len); return; }
        o.Add(254);
        o.AddRange(BitConverter.GetBytes((uint)len));
    }
}

/// <summary>
/// Builds old-version RDB files and loads one into both Redis 7.0 and RedisNet, comparing what each
/// then holds: type, encoding, per-key digest, ordered contents, list node layout, dataset digest.
/// </summary>
internal static class LegacyRdb
{
    /// <summary>A file of the given RDB version: header, the body, EOF (and the CRC64 from version 5 on).</summary>
    public static byte[] File(int version, Action<RdbWriter> body)
    {
        var w = new RdbWriter();
        w.WriteHeader(version);
        body(w);
        if (version >= 5) w.WriteEof(checksum: true);
        else w.WriteByte(RdbFormat.OpEof);
        return w.ToArray();
    }

    /// <summary>One key: type byte, key, and a value that is a single RDB string (ziplists, zipmaps).</summary>
    public static void Blob(RdbWriter w, byte type, string key, byte[] blob)
    {
        w.WriteByte(type);
        w.WriteString(Encoding.Latin1.GetBytes(key));
        w.WriteString(blob);
    }

    public static void Key(RdbWriter w, byte type, string key)
    {
        w.WriteByte(type);
        w.WriteString(Encoding.Latin1.GetBytes(key));
    }

    /// <summary>Loads a file into RedisNet in-process, with CONFIG SET name/value pairs applied first.</summary>
    public static KeyTestHost LoadIntoRedisNet(byte[] file, params string[] config)
    {
        var host = new KeyTestHost();
        for (int i = 0; i + 1 < config.Length; i += 2) Assert.Equal("+OK\r\n", host.Run("CONFIG", "SET", config[i], config[i + 1]));
        lock (host.Server.ExecLock) RdbLoader.Load(RdbReader.Over(file), host.Server, new RdbLoadOptions());
        return host;
    }

    /// <summary>Starts Redis 7.0 on the file (it exits if it cannot load it: the exception carries its log).</summary>
    public static ServerProcess StartOracle(byte[] file, out string dir, params string[] config)
    {
        dir = Directory.CreateTempSubdirectory("rdblegacy-").FullName;
        System.IO.File.WriteAllBytes(Path.Combine(dir, "x.rdb"), file);
        var args = new List<string> { "--dir", dir, "--dbfilename", "x.rdb", "--enable-debug-command", "yes", "--logfile", Path.Combine(dir, "redis.log") };
        for (int i = 0; i + 1 < config.Length; i += 2) { args.Add("--" + config[i]); args.Add(config[i + 1]); }
        return ServerProcess.StartRedis(args.ToArray());
    }

    /// <summary>Loads the file into both servers and compares every key; returns RedisNet's host for more checks.</summary>
    public static KeyTestHost LoadBothAndCompare(byte[] file, string[] keys, params string[] config)
    {
        var host = LoadIntoRedisNet(file, config);
        using var redis = StartOracle(file, out string dir, config);
        try
        {
            using var c = redis.Client();
            Assert.Equal(c.CallString("DBSIZE"), host.Run("DBSIZE"));
            // Keys named "-key" must be absent (empty collections are skipped); the others loaded.
            foreach (var key in keys.Where(k => k.StartsWith('-')))
            {
                Assert.Equal(":0\r\n", c.CallString("EXISTS", key[1..]));
                Assert.Equal(":0\r\n", host.Run("EXISTS", key[1..]));
            }
            foreach (var key in keys.Where(k => !k.StartsWith('-')))
            {
                Assert.Equal(":1\r\n", c.CallString("EXISTS", key));
                CompareKey(c, host, key);
            }
            Assert.Equal($":{keys.Count(k => !k.StartsWith('-'))}\r\n", host.Run("DBSIZE"));
            Assert.Equal(c.CallString("DEBUG", "DIGEST"), host.Run("DEBUG", "DIGEST"));
        }
        finally { Directory.Delete(dir, true); }
        return host;
    }

    public static void CompareKey(RespClient c, KeyTestHost host, string key)
    {
        void Same(params string[] cmd) => Assert.True(c.CallString(cmd) == host.Run(cmd), $"{string.Join(' ', cmd)}: redis {c.CallString(cmd).ReplaceLineEndings("|")} / redisnet {host.Run(cmd).ReplaceLineEndings("|")}");
        Same("TYPE", key);
        Same("OBJECT", "ENCODING", key);
        Same("DEBUG", "DIGEST-VALUE", key);
        string type = c.CallString("TYPE", key);
        string encoding = c.CallString("OBJECT", "ENCODING", key);
        switch (type)
        {
            case "+list\r\n":
                Same("LRANGE", key, "0", "-1");
                Assert.Equal(QuicklistLayout(c.CallString("DEBUG", "OBJECT", key)), QuicklistLayout(host.Run("DEBUG", "OBJECT", key)));
                break;
            case "+hash\r\n":
                Same("HLEN", key);
                if (encoding.Contains("listpack")) Same("HGETALL", key);
                break;
            case "+zset\r\n":
                Same("ZRANGE", key, "0", "-1", "WITHSCORES");
                break;
            case "+stream\r\n":
                Same("XRANGE", key, "-", "+");
                Same("XINFO", "STREAM", key);
                Same("XINFO", "STREAM", key, "FULL");
                break;
        }
    }

    /// <summary>DEBUG OBJECT's quicklist fields (node count, average, fill, listpack bytes), without the address and LRU.</summary>
    private static string QuicklistLayout(string debugObject) =>
        string.Join(' ', debugObject.Split(' ').Where(f => f.StartsWith("ql_")).Select(f => f.TrimEnd('\r', '\n')));

    /// <summary>
    /// RedisNet must refuse the file with a format error, and Redis 7.0 (started with
    /// <paramref name="oracleConfig"/>) must refuse to start on it, its log containing <paramref name="redisLogFragment"/>.
    /// </summary>
    public static void BothReject(byte[] file, string? redisLogFragment = null, params string[] oracleConfig)
    {
        Assert.Throws<RdbFormatException>(() => LoadIntoRedisNet(file));
        string dir = "";
        try
        {
            Assert.Throws<InvalidOperationException>(() => StartOracle(file, out dir, oracleConfig).Dispose());
            if (redisLogFragment is not null) Assert.Contains(redisLogFragment, System.IO.File.ReadAllText(Path.Combine(dir, "redis.log")));
        }
        finally { if (dir.Length > 0) Directory.Delete(dir, true); }
    }
}
