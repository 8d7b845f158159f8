using RedisNet.Config;
using RedisNet.Persistence.Rdb;
using RedisNet.Tests.Unit;
using Xunit;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// The value loaders on damaged input: every flipped byte and every truncation of real values of
/// each type either loads or throws <see cref="RdbFormatException"/>, never another exception;
/// and the listpack builder agrees with the validator.
/// </summary>
public class RdbCodecFuzzTests
{
    private static List<(byte Type, byte[] Body)> Samples()
    {
        var host = new KeyTestHost();
        host.Run("RPUSH", "list", "a", "1", "-300", "70000", "5000000000", "", new string('x', 80));
        host.Run("SADD", "intset", "1", "-2", "70000");
        host.Run("SADD", "set", "a", "b");
        host.Run("HSET", "hash", "f", "v", "n", "1");
        host.Run("HSET", "bighash", "f", new string('v', 100));
        host.Run("ZADD", "zset", "1", "a", "2.5", "b");
        host.Run("ZADD", "skiplist", "1", "a", "2", new string('m', 100));
        host.Run("XADD", "stream", "1-1", "f", "v");
        host.Run("XADD", "stream", "2-1", "g", "w");
        host.Run("XGROUP", "CREATE", "stream", "grp", "0");
        host.Run("XREADGROUP", "GROUP", "grp", "c", "COUNT", "1", "STREAMS", "stream", ">");
        var samples = new List<(byte, byte[])>();
        foreach (var key in new[] { "list", "intset", "set", "hash", "bighash", "zset", "skiplist", "stream" })
        {
            var value = host.Server.Databases[0].Peek(System.Text.Encoding.ASCII.GetBytes(key))!.BoxedValue!;
            var w = new RdbWriter(compress: false);
            w.WriteValue(value);
            samples.Add((RdbWriter.TypeOf(value), w.ToArray()));
        }
        return samples;
    }

    private static void LoadOrFormatError(byte type, byte[] body, bool deep)
    {
        var ctx = new RdbLoadContext { Config = new ServerConfig(), DeepSanitize = deep };
        try { RdbCodecs.Load(type, RdbReader.Over(body), ctx); }
        catch (RdbFormatException) { }
    }

    [Fact]
    public void DamagedValuesNeverThrowAnythingElse()
    {
        var rng = new Random(1234);
        foreach (var (type, body) in Samples())
        {
            var ctx = new RdbLoadContext { Config = new ServerConfig(), DeepSanitize = true };
            Assert.NotNull(RdbCodecs.Load(type, RdbReader.Over(body), ctx));
            for (int i = 0; i < body.Length; i++)
            {
                LoadOrFormatError(type, body.AsSpan(0, i).ToArray(), deep: i % 2 == 0);
                foreach (byte mask in new byte[] { 0x01, 0x80, 0xFF, (byte)rng.Next(1, 256) })
                {
                    var bad = (byte[])body.Clone();
                    bad[i] ^= mask;
                    LoadOrFormatError(type, bad, deep: false);
                    LoadOrFormatError(type, bad, deep: true);
                }
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(70000)]
    public void BuiltListpacksPassDeepValidation(int count)
    {
        var lp = new ListpackBuilder();
        var expected = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string v = (i % 5) switch { 0 => i.ToString(), 1 => "-" + (i * 1000L), 2 => new string('s', i < 100 ? i * 50 : 3), 3 => "x" + i, _ => (i * 100000000L).ToString() };
            lp.Append(System.Text.Encoding.ASCII.GetBytes(v));
            expected.Add(v);
        }
        var bytes = lp.ToArray();
        var reader = new Listpack(bytes, deep: true, "bad");
        Assert.Equal(Math.Min(count, Listpack.UnknownCount), reader.HeaderCount);
        int n = 0;
        while (reader.Next(out var v)) Assert.Equal(expected[n++], System.Text.Encoding.ASCII.GetString(v));
        Assert.Equal(count, n);
    }
}
