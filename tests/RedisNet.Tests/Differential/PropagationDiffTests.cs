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
}
