using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// Seeded random sequences of stream commands (small node limits, deletions, trims, groups,
/// claims) run on both servers; replies must match with times masked.
/// </summary>
public class StreamRandomDiffTests(DiffServersWithDebug servers) : IClassFixture<DiffServersWithDebug>
{
    [Theory]
    [InlineData(1, "3", "0", false)]
    [InlineData(2, "5", "60", true)]
    [InlineData(3, "100", "4096", false)]
    [InlineData(4, "100", "60", true)]
    public void RandomCommands(int seed, string maxEntries, string maxBytes, bool resp3)
    {
        using var s = servers.Session();
        var rng = new Random(seed);
        var keys = new[] { $"rs{seed}a", $"rs{seed}b" };
        s.Same("CONFIG", "SET", "stream-node-max-entries", maxEntries);
        s.Same("CONFIG", "SET", "stream-node-max-bytes", maxBytes);
        if (resp3) s.Both("HELLO", "3");
        long ms = 1;
        string Pick(params string[] options) => options[rng.Next(options.Length)];
        string Id() => $"{rng.Next((int)ms + 3)}-{rng.Next(4)}";
        string AnyId() => Pick(Id(), "-", "+", "0", rng.Next((int)ms + 1).ToString(), "(" + Id());
        string Value() => Pick("v", "1", "-5", "300", new string('y', rng.Next(40)));
        for (int step = 0; step < 300; step++)
        {
            string k = Pick(keys), g = Pick("g1", "g2"), c = Pick("c1", "c2", "c3");
            var cmd = new List<string>();
            if (rng.NextDouble() < 0.3)
            {
                ms += rng.Next(3);
                cmd.AddRange(["XADD", k]);
                switch (rng.Next(4))
                {
                    case 0: cmd.AddRange(["MAXLEN", Pick("~", "="), rng.Next(11).ToString()]); break;
                    case 1: cmd.AddRange(["MINID", Pick("~", "="), Id()]); break;
                }
                cmd.Add($"{ms}-{Pick("*", rng.Next(6).ToString())}");
                for (int f = rng.Next(1, 4); f > 0; f--) cmd.AddRange([Pick("f", "g", "h", "12", new string('x', rng.Next(30))), Value()]);
            }
            else
            {
                switch (rng.Next(21))
                {
                    case 0: cmd.AddRange(["XDEL", k, Id(), Id()]); break;
                    case 1: cmd.AddRange([Pick("XRANGE", "XREVRANGE"), k, AnyId(), AnyId(), "COUNT", rng.Next(5).ToString()]); break;
                    case 2: cmd.AddRange(["XTRIM", k, Pick("MAXLEN", "MINID"), Pick("~", "="), rng.Next(9).ToString()]); break;
                    case 3: cmd.AddRange(["XGROUP", "CREATE", k, g, Pick("0", "$", Id()), "MKSTREAM"]); break;
                    case 4: cmd.AddRange(["XGROUP", "SETID", k, g, Pick("0", "$", Id()), "ENTRIESREAD", rng.Next(-1, 6).ToString()]); break;
                    case 5: cmd.AddRange(["XGROUP", Pick("CREATECONSUMER", "DELCONSUMER", "DESTROY"), k, g, c]); if (cmd[1] == "DESTROY") cmd.RemoveAt(4); break;
                    case 6: case 7: cmd.AddRange(["XREADGROUP", "GROUP", g, c, Pick("NOACK", "COUNT"), "2", "STREAMS", k, Pick(">", ">", "0", Id())]); if (cmd[4] == "NOACK") cmd.RemoveAt(5); break;
                    case 8: cmd.AddRange(["XREAD", "COUNT", rng.Next(4).ToString(), "STREAMS", keys[0], keys[1], Pick("0", "$", Id()), Pick("0", Id())]); break;
                    case 9: cmd.AddRange(["XACK", k, g, Id(), Id()]); break;
                    case 10: cmd.AddRange(["XPENDING", k, g]); break;
                    case 11: cmd.AddRange(["XPENDING", k, g, AnyId(), AnyId(), rng.Next(6).ToString(), c]); break;
                    case 12: cmd.AddRange(["XCLAIM", k, g, c, "0", Id(), Id(), Pick("JUSTID", "FORCE", "RETRYCOUNT"), "3"]); if (cmd[^2] != "RETRYCOUNT") cmd.RemoveAt(cmd.Count - 1); break;
                    case 13: cmd.AddRange(["XAUTOCLAIM", k, g, c, "0", AnyId(), "COUNT", rng.Next(1, 4).ToString(), Pick("JUSTID", "COUNT")]); if (cmd[^1] == "COUNT") cmd.RemoveAt(cmd.Count - 1); break;
                    case 14: cmd.AddRange(["XINFO", "STREAM", k, "FULL", "COUNT", rng.Next(4).ToString()]); break;
                    case 15: cmd.AddRange(["XINFO", "STREAM", k]); break;
                    case 16: cmd.AddRange(["XINFO", Pick("GROUPS", "CONSUMERS"), k, g]); if (cmd[1] == "GROUPS") cmd.RemoveAt(3); break;
                    case 17: cmd.AddRange(["XSETID", k, Id(), "ENTRIESADDED", rng.Next(31).ToString()]); break;
                    case 18: cmd.AddRange(["MEMORY", "USAGE", k]); break;
                    case 19: StreamDiffHelpers.SameSerializedLength(s, k); continue;
                    default: cmd.AddRange(["DEBUG", "DIGEST-VALUE", k]); break;
                }
            }
            StreamDiffHelpers.SameMasked(s, [.. cmd]);
        }
        s.Same("CONFIG", "SET", "stream-node-max-entries", "100");
        s.Same("CONFIG", "SET", "stream-node-max-bytes", "4096");
    }
}
