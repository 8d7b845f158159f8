using System.Buffers.Binary;
using System.Text;
using RedisNet.Persistence.Rdb;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// RESTORE's options, errors and side effects against redis-server 7.0: argument errors in Redis's
/// order, bad footers, corrupt bodies behind a valid checksum (with and without
/// sanitize-dump-payload), TTLs, IDLETIME/FREQ and keyspace events. The servers stay up.
/// </summary>
public class RestoreErrorDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    private static byte[] B(string s) => Encoding.Latin1.GetBytes(s);

    /// <summary>A DUMP payload around a body: the body, RDB version 10, and the CRC64 of both.</summary>
    internal static byte[] Payload(byte[] body, int version = 10)
    {
        var p = new byte[body.Length + 10];
        body.CopyTo(p, 0);
        p[body.Length] = (byte)version;
        p[body.Length + 1] = (byte)(version >> 8);
        BinaryPrimitives.WriteUInt64LittleEndian(p.AsSpan(body.Length + 2), Crc64.Compute(p.AsSpan(0, body.Length + 2)));
        return p;
    }

    private static readonly byte[] StringPayload = Payload([0, 5, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o']);

    private static void Restore(DiffSession s, string key, byte[] payload, params string[] options) =>
        s.Same([B("RESTORE"), B(key), B("0"), payload, .. options.Select(B)]);

    [Fact]
    public void ArgumentErrorsComeInRedisOrder()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        s.Same("SET", "taken", "v");
        Restore(s, "k", StringPayload, "IDLETIME", "-1");
        Restore(s, "k", StringPayload, "IDLETIME", "abc");
        Restore(s, "k", StringPayload, "IDLETIME");
        Restore(s, "k", StringPayload, "FREQ", "256");
        Restore(s, "k", StringPayload, "FREQ", "-1");
        Restore(s, "k", StringPayload, "IDLETIME", "1", "FREQ", "1");
        Restore(s, "k", StringPayload, "FREQ", "1", "IDLETIME", "1");
        Restore(s, "k", StringPayload, "NOPE");
        Restore(s, "taken", StringPayload);
        s.Same(B("RESTORE"), B("taken"), B("-1"), StringPayload);
        s.Same(B("RESTORE"), B("k"), B("-1"), StringPayload);
        s.Same(B("RESTORE"), B("k"), B("abc"), StringPayload);
        s.Same(B("RESTORE"), B("k"), B("0"), B("abc"));
        s.Same("RESTORE", "k", "0");
        Restore(s, "taken", StringPayload, "REPLACE");
        s.Same("GET", "taken");
        Restore(s, "k", StringPayload, "REPLACE", "ABSTTL", "IDLETIME", "5");
        s.Same("OBJECT", "IDLETIME", "k");
        s.Same("DUMP", "nosuchkey");
        s.Same("EXISTS", "k", "taken");
    }

    [Fact]
    public void BadFootersAndBodiesAreRefused()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        var flipped = (byte[])StringPayload.Clone();
        flipped[^1] ^= 1;
        Restore(s, "k", flipped);
        var body = (byte[])StringPayload.Clone();
        body[3] ^= 0x20;
        Restore(s, "k", body);
        // A zero CRC is not "no checksum" for DUMP payloads (unlike RDB files)...
        var zeroCrc = (byte[])StringPayload.Clone();
        zeroCrc.AsSpan(zeroCrc.Length - 8).Clear();
        Restore(s, "k", zeroCrc);
        // ...but DEBUG SET-SKIP-CHECKSUM-VALIDATION accepts any (the version is still checked).
        try
        {
            s.Same("DEBUG", "SET-SKIP-CHECKSUM-VALIDATION", "1");
            Restore(s, "skipped", flipped);
            s.Same("GET", "skipped");
            Restore(s, "k", Payload([0, 5, (byte)'h'], version: 11));
        }
        finally { s.Same("DEBUG", "SET-SKIP-CHECKSUM-VALIDATION", "0"); }
        Restore(s, "k", Payload([0, 5, (byte)'h'], version: 11));
        Restore(s, "k", Payload([0, 5, (byte)'h', (byte)'i']));     // truncated string
        Restore(s, "k", Payload([8, 0]));                           // not a value type
        Restore(s, "k", Payload([2, 0]));                           // empty set
        Restore(s, "k", Payload([11, 3, 2, 0, 0]));                 // intset blob too short
        Restore(s, "k", Payload([11, 8, 3, 0, 0, 0, 0, 0, 0, 0]));  // intset with a bad element size
        Restore(s, "k", Payload([11, 8, 2, 0, 0, 0, 0, 0, 0, 0]));  // empty intset
        Restore(s, "k", Payload([16, 3, 1, 2, 3]));                 // listpack with a wrong total size
        Restore(s, "k", Payload([18, 1, 9, 0]));                    // quicklist node container 9
        Restore(s, "k", Payload([5, 1, 1, (byte)'a', 0, 0, 0, 0, 0, 0, 0xF8, 0x7F])); // NaN score
        Restore(s, "k", Payload([2, 2, 1, (byte)'a', 1, (byte)'a']));                 // duplicate set member
        Restore(s, "k", Payload([4, 2, 1, (byte)'a', 1, (byte)'1', 1, (byte)'a', 1, (byte)'2']));
        Restore(s, "k", Payload([0, 0xC3, 2, 10, 0, 0]));           // broken LZF
        // Random corruption anywhere in a real payload (checksum fixed up): never a crash, the same answer.
        s.Same("RPUSH", "l", "a", "b", "c", "12345", new string('x', 100));
        var good = DumpRestoreDiffTests.Bulk(s.Redis.Call("DUMP", "l"));
        for (int i = 0; i < good.Length - 10; i++)
        {
            var bad = good.AsSpan(0, good.Length - 10).ToArray();
            bad[i] ^= 0x40;
            s.Net.Call(B("RESTORE"), B("fuzz" + i), B("0"), Payload(bad));
            s.Net.Call(B("RESTORE"), B("cut" + i), B("0"), Payload(bad.AsSpan(0, i).ToArray()));
        }
        s.Same("PING");
        s.Same("EXISTS", "k");
    }

    [Fact]
    public void SanitizeDumpPayloadCatchesCorruptListpacks()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        // {a: 1} as a listpack: header, "a" (0x81 'a', back-length 2), 1 (0x01, back-length 1), end.
        byte[] lp = [12, 0, 0, 0, 2, 0, 0x81, (byte)'a', 2, 1, 1, 0xFF];
        var badBackLen = (byte[])lp.Clone();
        badBackLen[8] = 5;
        byte[] dup = [18, 0, 0, 0, 4, 0, 0x81, (byte)'a', 2, 1, 1, 0x81, (byte)'a', 2, 2, 1, 0xFF];
        byte[] wrongCount = (byte[])lp.Clone();
        wrongCount[4] = 3;
        byte[] odd = [10, 0, 0, 0, 1, 0, 0x81, (byte)'a', 2, 0xFF];
        byte[] Hash(byte[] l) => Payload([16, (byte)l.Length, .. l]);
        byte[] Zset(byte[] l) => Payload([17, (byte)l.Length, .. l]);
        byte[] List(byte[] l) => Payload([18, 1, 2, (byte)l.Length, .. l]);
        s.Same("CONFIG", "SET", "stream-node-max-entries", "2");
        for (int i = 1; i <= 5; i++) s.Same("XADD", "stream", i + "-0", "f", "v" + i);
        s.Same("CONFIG", "SET", "stream-node-max-entries", "100");
        var stream = DumpRestoreDiffTests.Bulk(s.Redis.Call("DUMP", "stream"));
        try
        {
            Restore(s, "good", Hash(lp));
            s.Same("HGETALL", "good");
            foreach (var mode in new[] { "yes", "no", "clients" })
            {
                s.Same("CONFIG", "SET", "sanitize-dump-payload", mode);
                Restore(s, "bl" + mode, Hash(badBackLen));
                Restore(s, "cnt" + mode, Hash(wrongCount));
                Restore(s, "zbl" + mode, Zset(badBackLen));
                Restore(s, "lbl" + mode, List(badBackLen));
                Restore(s, "intset" + mode, Payload([11, 12, 2, 0, 0, 0, 2, 0, 0, 0, 5, 0, 3, 0])); // out of order
                if (mode != "no")
                {
                    Restore(s, "dup" + mode, Hash(dup));
                    Restore(s, "odd" + mode, Hash(odd));
                }
                Restore(s, "ok" + mode, Hash(lp));
                Restore(s, "stream" + mode, stream);
            }
            // Redis asserts (and dies) when it walks a listpack with a bad back-length, so the
            // values accepted without sanitization are only counted and dropped here.
            s.Same("SCARD", "intsetno");
            s.Same("HLEN", "okyes");
            s.Same("DEL", "blno", "cntno", "zblno", "lblno");
            var (redis, net) = s.Both("INFO", "stats");
            Assert.Equal(Stat(redis, "dump_payload_sanitizations"), Stat(net, "dump_payload_sanitizations"));
            Assert.NotEqual("dump_payload_sanitizations:0", Stat(net, "dump_payload_sanitizations"));
        }
        finally { s.Same("CONFIG", "SET", "sanitize-dump-payload", "no"); }
    }

    private static string Stat(byte[] info, string name) =>
        Encoding.ASCII.GetString(info).Split("\r\n").Single(l => l.StartsWith(name + ":"));

    [Fact]
    public void TtlsIdleTimeAndFrequency()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        s.Same(B("RESTORE"), B("rel"), B("100000"), StringPayload);
        s.Same("TTL", "rel");
        long future = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 200000;
        s.Same(B("RESTORE"), B("abs"), B(future.ToString()), StringPayload, B("ABSTTL"));
        s.Same("TTL", "abs");
        s.Same(B("RESTORE"), B("past"), B("1"), StringPayload, B("ABSTTL"));
        s.Same("EXISTS", "past");
        s.Same("SET", "replaced", "old");
        s.Same(B("RESTORE"), B("replaced"), B("1"), StringPayload, B("ABSTTL"), B("REPLACE"));
        s.Same("EXISTS", "replaced");
        Restore(s, "idle", StringPayload, "IDLETIME", "1000");
        s.Same("OBJECT", "IDLETIME", "idle");
        s.Same("DEBUG", "DIGEST");
        try
        {
            s.Same("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
            Restore(s, "freq", StringPayload, "FREQ", "100");
            s.Same("OBJECT", "FREQ", "freq");
            Restore(s, "idle2", StringPayload, "IDLETIME", "1000");
        }
        finally { s.Same("CONFIG", "SET", "maxmemory-policy", "noeviction"); }
    }

    [Fact]
    public void RestoreNotifiesKeyspaceEvents()
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        using var subRedis = servers.Redis.Client();
        using var subNet = servers.RedisNet.Client();
        try
        {
            s.Same("CONFIG", "SET", "notify-keyspace-events", "KEAn");
            Assert.Equal(subRedis.Call("PSUBSCRIBE", "__key*__:*"), subNet.Call("PSUBSCRIBE", "__key*__:*"));
            s.Same("SET", "ev", "x");
            Restore(s, "ev", StringPayload, "REPLACE");
            s.Same(B("RESTORE"), B("ev"), B("1"), StringPayload, B("ABSTTL"), B("REPLACE"));
            Restore(s, "ev2", StringPayload);
            s.Same("PING");
            for (int i = 0; i < 14; i++)
            {
                var expected = subRedis.ReadReply();
                Assert.Equal(DiffSession.Escape(expected), DiffSession.Escape(subNet.ReadReply()));
            }
        }
        finally { s.Same("CONFIG", "SET", "notify-keyspace-events", ""); }
    }
}
