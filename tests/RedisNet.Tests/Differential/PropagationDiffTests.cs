using System.Text;
using System.Text.RegularExpressions;
using RedisNet.Tests.Infrastructure;
using RedisNet.Tests.Unit;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// What reaches AOF/replicas, compared with the oracle's own AOF: the same commands run on a real
/// redis-server (appendonly, fsync always) and on an in-process RedisNet with a test sink; the
/// commands it logged must equal what RedisNet propagated (MULTI/EXEC wrapping included).
/// Absolute times (PXAT, XCLAIM TIME) are masked.
/// </summary>
public class PropagationDiffTests
{
    private static void Compare(string script)
    {
        using var redis = ServerProcess.StartRedis("--appendonly", "yes", "--appendfsync", "always", "--enable-debug-command", "yes");
        using var client = new RespClient(redis.Port);
        client.Call("DEBUG", "SET-ACTIVE-EXPIRE", "0");
        var host = new KeyTestHost();
        foreach (var raw in script.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (line == "SLEEP") { Thread.Sleep(20); continue; }
            var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            client.Call(args);
            host.Run(args);
        }
        var aofDir = Path.Combine(redis.WorkDir, "appendonlydir");
        var incr = Directory.GetFiles(aofDir, "*.incr.aof").Single();
        var expected = ParseAof(File.ReadAllBytes(incr)).Where(c => !c.StartsWith("SELECT ")).Select(Mask).ToList();
        var actual = host.Propagated.Select(p => Mask(string.Join(' ', p.Argv))).ToList();
        Assert.Equal(expected, actual);
    }

    private static string Mask(string line) => Regex.Replace(line, @"\b\d{13}\b", "T");

    /// <summary>The commands of an AOF file (RESP arrays of bulk strings), each as its arguments joined by spaces.</summary>
    private static List<string> ParseAof(byte[] data)
    {
        var text = Encoding.Latin1.GetString(data);
        var commands = new List<string>();
        int pos = 0;
        string ReadLine()
        {
            int end = text.IndexOf("\r\n", pos, StringComparison.Ordinal);
            var l = text[pos..end];
            pos = end + 2;
            return l;
        }
        while (pos < text.Length)
        {
            int argc = int.Parse(ReadLine()[1..]);
            var args = new string[argc];
            for (int i = 0; i < argc; i++)
            {
                int len = int.Parse(ReadLine()[1..]);
                args[i] = text.Substring(pos, len);
                pos += len + 2;
            }
            commands.Add(string.Join(' ', args));
        }
        return commands;
    }

    [Fact]
    public void SingleCommandsAndExpiredKeys() => Compare("""
        SADD s a b c
        SPOP s 5
        RPUSH l a b c d
        LMPOP 1 l LEFT COUNT 2
        LMPOP 1 l RIGHT COUNT 9
        SET e v PX 1
        SET f v PX 1
        SET g v PX 1
        SET h v PX 1
        SLEEP
        APPEND e x
        MSET f 1 g 2
        GET h
        INCRBYFLOAT n 1.5
        HINCRBYFLOAT hh f 2.5
        ZADD z 1 a 2 b 3 c
        ZPOPMIN z 2
        ZMPOP 1 z MAX COUNT 5
        """);

    [Fact]
    public void TransactionsAndStreams() => Compare("""
        MULTI
        SET a 1
        INCR n
        EXEC
        MULTI
        SET b 1
        EXEC
        SET old v PX 1
        SET old2 v PX 1
        SLEEP
        MULTI
        SET old new
        EXEC
        MULTI
        GET old2
        EXEC
        XADD st 1-1 f v
        XGROUP CREATE st g 0
        XREADGROUP GROUP g c COUNT 10 NOACK STREAMS st >
        XADD st 2-1 f v
        XREADGROUP GROUP g c COUNT 10 NOACK STREAMS st >
        XADD st 3-1 f v
        XREADGROUP GROUP g c2 COUNT 10 STREAMS st >
        """);

    [Fact]
    public void RewrittenCommandsOfEveryType() => Compare("""
        SET k v EX 100
        SETEX k2 100 v
        PSETEX k3 100000 v
        GETEX k EX 50
        GETEX k PERSIST
        EXPIRE k2 100
        PEXPIRE k3 -1
        EXPIRE nokey 100
        GETDEL k2
        SETRANGE k 1 xx
        SETBIT b 3 1
        BITFIELD bf SET u8 0 255 INCRBY u8 0 1
        BITFIELD bf GET u8 0
        BITOP NOT b2 b
        PFADD p a b c
        PFCOUNT p
        PFCOUNT p
        PFADD p2 x
        PFMERGE p3 p p2
        RPUSH l a b c d e
        BLPOP l 0
        BRPOP l 0
        BLMOVE l l2 LEFT RIGHT 0
        BRPOPLPUSH l l2 0
        BLMPOP 0 1 l LEFT COUNT 5
        LINSERT l2 BEFORE b x
        LSET l2 0 y
        LTRIM l2 0 1
        LREM l2 0 y
        HSET h a 1 b 2
        HSETNX h a 3
        HINCRBY h a 5
        HDEL h a b
        SADD s1 a b c
        SADD s2 b c d
        SMOVE s1 s2 a
        SINTERSTORE s3 s1 s2
        SUNIONSTORE s3 nokey nokey
        SREM s2 a b c d
        ZADD z 1 a 2 b 3 c 4 d
        ZADD z INCR 5 a
        ZINCRBY z 1 b
        ZREMRANGEBYSCORE z 3 3
        ZREMRANGEBYRANK z 0 0
        ZUNIONSTORE zu 1 z
        ZRANGESTORE zr z 0 -1
        ZRANGESTORE zr z 5 10
        GEOADD g 13.361389 38.115556 Palermo 15.087269 37.502669 Catania
        GEOSEARCHSTORE gs g FROMLONLAT 15 37 BYRADIUS 200 km
        GEORADIUS g 15 37 200 km STORE gr
        XADD x 1-1 f v
        XADD x 2-1 f v
        XADD x MAXLEN 5 3-1 f v
        XTRIM x MAXLEN 2
        XDEL x 2-1
        XGROUP CREATE x g 0
        XGROUP CREATECONSUMER x g c
        XREADGROUP GROUP g c STREAMS x >
        XACK x g 3-1
        XGROUP SETID x g 0 ENTRIESREAD 0
        XGROUP DELCONSUMER x g c
        XGROUP DESTROY x g
        XSETID x 9-9
        RENAME s1 s9
        RENAMENX s9 z
        COPY z z2
        MOVE z2 1
        PERSIST z
        DEL l2 h
        UNLINK g gs gr
        INCR n
        DECRBY n 5
        INCRBYFLOAT n 1
        FLUSHDB
        """);

    [Fact]
    public void EdgeCasesAndNoOps() => Compare("""
        SADD one m
        SPOP one
        SPOP one
        SADD two m
        SPOP two 0
        SET k v EXAT 4000000000
        SET k v2 KEEPTTL GET
        SETNX k v
        MSETNX k v k9 v
        LPUSHX nol a
        RPUSH l a
        LPOP l 0
        EXPIREAT l 1
        HSET h f 1
        HINCRBYFLOAT h f 0
        ZADD z 5 a
        ZADD z GT 1 a
        ZADD z XX CH 6 a
        EXPIRE z 100 GT
        EXPIRE z 200 NX
        PEXPIREAT z 4000000000000
        EXPIRETIME z
        XADD x 1-1 f v
        XADD x 2-1 f v
        XGROUP CREATE x g 0
        XREADGROUP GROUP g c STREAMS x >
        XREADGROUP GROUP g c STREAMS x 0
        XCLAIM x g c2 0 1-1
        XCLAIM x g c3 0 2-1 JUSTID
        XAUTOCLAIM x g c4 0 0 COUNT 1
        XAUTOCLAIM x g c4 0 0 COUNT 5 JUSTID
        XADD x 3-1 f v
        XDEL x 3-1
        XAUTOCLAIM x g c5 0 0
        SET e v PX 1
        RPUSH e2 a
        PEXPIRE e2 1
        SLEEP
        RENAME e2 e3
        LPUSH e2 x
        EXISTS e
        """);
}
