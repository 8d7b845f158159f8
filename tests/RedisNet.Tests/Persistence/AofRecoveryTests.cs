using System.Text;
using System.Text.RegularExpressions;
using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Persistence.AofTestSupport;

namespace RedisNet.Tests.Persistence;

/// <summary>
/// Damaged AOF directories, given to Redis and to RedisNet: the same outcome (loaded, truncated, or
/// refused with exit code 1), the same log lines from "Server initialized" on, and the same files
/// afterwards. Never a crash or a hang.
/// </summary>
public class AofRecoveryTests
{
    private const string Select0 = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n";
    private const string SetA = "*3\r\n$3\r\nset\r\n$1\r\na\r\n$1\r\n1\r\n";
    private const string SetB = "*3\r\n$3\r\nset\r\n$1\r\nb\r\n$1\r\n2\r\n";
    private const string Multi = "*1\r\n$5\r\nMULTI\r\n";
    private const string Exec = "*1\r\n$4\r\nEXEC\r\n";

    private sealed record Outcome(bool Started, string Log, string Keys, string Files);

    /// <summary>Writes the files of appendonlydir (name → content), starts a server on them and records what happened.</summary>
    private static Outcome Try(Func<string, string[], ServerProcess> start, Dictionary<string, string> files, params string[] args)
    {
        var dir = NewDir();
        try
        {
            var aofDir = Path.Combine(dir, "appendonlydir");
            Directory.CreateDirectory(aofDir);
            foreach (var (name, content) in files) File.WriteAllBytes(Path.Combine(name == "appendonly.aof" && !files.ContainsKey("appendonly.aof.manifest") ? dir : aofDir, name), Encoding.Latin1.GetBytes(content));
            string keys;
            bool started;
            var logFile = Path.Combine(dir, "server.log");
            try
            {
                using var s = start(dir, ["--appendonly", "yes", "--logfile", logFile, .. args]);
                using var c = s.Client();
                var all = new List<string>();
                for (int db = 0; db < 4; db++)
                {
                    c.Call("SELECT", db.ToString());
                    foreach (var k in Encoding.Latin1.GetString(c.Call("KEYS", "*")).Split("\r\n").Where(l => l.Length > 0 && l[0] != '*' && l[0] != '$').Order())
                        all.Add($"{db}:{k}={Encoding.Latin1.GetString(c.Call("DUMP", k)).Length > 0}");
                }
                keys = string.Join(",", all);
                Shutdown(s, c);
                started = true;
            }
            catch (InvalidOperationException ex) when (ex.Message.Contains("exited with 1"))
            {
                keys = "";
                started = false;
            }
            var listing = string.Join("\n", Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".log") && !Path.GetFileName(f).StartsWith("temp-"))
                .Select(f => Path.GetRelativePath(dir, f) + " " + new FileInfo(f).Length).Order());
            return new Outcome(started, LoadingLines(File.ReadAllText(logFile)), keys, listing);
        }
        finally { Delete(dir); }
    }

    /// <summary>The log from "Server initialized" to "Ready to accept connections" (or the end), without pid, time and durations.</summary>
    private static string LoadingLines(string log)
    {
        var lines = new List<string>();
        bool on = false;
        foreach (var raw in log.Split('\n'))
        {
            var m = Regex.Match(raw.TrimEnd('\r'), @"^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ ([#*.-]) (.*)$");
            if (!m.Success) continue;
            var text = m.Groups[2].Value;
            if (text.StartsWith("Server initialized")) { on = true; continue; }
            if (!on || text.StartsWith("WARNING")) continue;
            if (text.StartsWith("Ready to accept")) break;
            if (text.StartsWith("RDB age") || text.StartsWith("RDB memory usage")) continue;
            lines.Add(m.Groups[1].Value + " " + Regex.Replace(text, @"\d+\.\d{3} seconds", "N seconds"));
        }
        return string.Join("\n", lines);
    }

    private static void Same(Dictionary<string, string> files, params string[] args)
    {
        var redis = Try((d, a) => RedisOn(d, a), files, args);
        var net = Try((d, a) => RedisNetOn(d, a), files, args);
        Assert.Equal(redis, net);
    }

    private static Dictionary<string, string> Incr(string content) => new()
    {
        ["appendonly.aof.manifest"] = "file appendonly.aof.1.incr.aof seq 1 type i\n",
        ["appendonly.aof.1.incr.aof"] = content,
    };

    [Fact]
    public void TruncatedLastCommandIsCutUnderAofLoadTruncated() => Same(Incr(Select0 + SetA + "*3\r\n$3\r\nset\r\n$1\r\nb\r\n$1"));

    [Fact]
    public void TruncatedInsideABulkIsCut() => Same(Incr(Select0 + SetA + SetB[..^4]));

    [Fact]
    public void TruncatedAofIsRefusedWithoutAofLoadTruncated() => Same(Incr(Select0 + SetA + SetB[..^3]), "--aof-load-truncated", "no");

    [Fact]
    public void BadFormatIsRefused() => Same(Incr(Select0 + SetA + "xx3\r\n$3\r\nset\r\n"));

    [Fact]
    public void UnknownCommandIsRefused() => Same(Incr(Select0 + "*2\r\n$7\r\nnotacmd\r\n$1\r\nx\r\n"));

    [Fact]
    public void IncompleteMultiIsReverted() => Same(Incr(Select0 + SetA + Multi + SetB));

    [Fact]
    public void CompleteMultiIsApplied() => Same(Incr(Select0 + Multi + SetA + SetB + Exec + "#TS:1700000000\r\n" + SetA));

    [Fact]
    public void TruncatedFileThatIsNotTheLastIsRefused() => Same(new()
    {
        ["appendonly.aof.manifest"] = "file appendonly.aof.1.incr.aof seq 1 type i\nfile appendonly.aof.2.incr.aof seq 2 type i\n",
        ["appendonly.aof.1.incr.aof"] = Select0 + SetA + SetB[..^3],
        ["appendonly.aof.2.incr.aof"] = Select0 + SetB,
    });

    [Fact]
    public void CorruptRdbBaseIsRefused()
    {
        var files = new Dictionary<string, string>
        {
            ["appendonly.aof.manifest"] = "file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n",
            ["appendonly.aof.1.base.rdb"] = "REDIS0010\xfa\x09redis-ver\x067.0.15\x00\x01",
            ["appendonly.aof.1.incr.aof"] = Select0 + SetB,
        };
        var redis = Try((d, a) => RedisOn(d, a), files);
        var net = Try((d, a) => RedisNetOn(d, a), files);
        // The RDB reader's own error lines differ (Redis names its source line); the outcome may not.
        Assert.Equal(redis with { Log = "" }, net with { Log = "" });
        Assert.False(net.Started);
        Assert.StartsWith("* Reading RDB base file on AOF loading...\n# Unexpected EOF reading RDB file", net.Log);
    }

    [Fact]
    public void EmptyAndMissingIncrFiles() => Same(new()
    {
        ["appendonly.aof.manifest"] = "file appendonly.aof.1.incr.aof seq 1 type i\nfile appendonly.aof.2.incr.aof seq 2 type i\n",
        ["appendonly.aof.1.incr.aof"] = "",
        ["appendonly.aof.2.incr.aof"] = Select0 + SetB,
    });

    [Fact]
    public void OldSingleFileAofIsMigratedIntoTheDirectory() => Same(new() { ["appendonly.aof"] = Select0 + SetA + SetB });

    [Fact]
    public void CommandBaseWithTimestamps() => Same(new()
    {
        ["appendonly.aof.manifest"] = "file appendonly.aof.3.base.aof seq 3 type b\nfile appendonly.aof.5.incr.aof seq 5 type i\n",
        ["appendonly.aof.3.base.aof"] = "#TS:1700000000\r\n" + Select0 + SetA,
        ["appendonly.aof.5.incr.aof"] = "#TS:1700000001\r\n" + Select0 + SetB,
    });

    [Fact]
    public void EmptyDirectoryGetsABaseAndAnIncrFile() => Same(new());

    [Fact]
    public void ManifestWithHistoryFilesDeletesThem() => Same(new()
    {
        ["appendonly.aof.manifest"] = "file appendonly.aof.2.base.aof seq 2 type b\nfile appendonly.aof.1.base.aof seq 1 type h\nfile appendonly.aof.2.incr.aof seq 2 type i\n",
        ["appendonly.aof.1.base.aof"] = Select0 + SetB,
        ["appendonly.aof.2.base.aof"] = Select0 + SetA,
        ["appendonly.aof.2.incr.aof"] = Select0 + SetB,
    });

    [Fact]
    public void InvalidManifestIsRefused() => Same(new() { ["appendonly.aof.manifest"] = "file appendonly.aof.1.incr.aof seq x\n" });
}
