using System.Text;
using RedisNet.Config;
using Xunit;

namespace RedisNet.Tests.Config;

/// <summary>Unit tests of redis.conf parsing, values and command-line options.</summary>
public class ConfigParsingTests
{
    private static ServerConfig Load(string text)
    {
        var cfg = new ServerConfig();
        new ConfigParser(cfg).LoadString(text);
        return cfg;
    }

    private static string Get(ServerConfig cfg, string name) => DirectiveTable.Find(name)!.Get(cfg);

    private static ConfigFileException Fails(string text) => Assert.Throws<ConfigFileException>(() => Load(text));

    [Fact]
    public void Every_name_marked_implemented_is_a_primary_directive_name()
    {
        foreach (var name in DirectiveTable.ImplementedNames)
        {
            var d = DirectiveTable.Find(name);
            Assert.True(d != null && d.Name == name, $"'{name}' is not a directive's primary name");
            Assert.True(d!.Implemented);
        }
    }

    [Fact]
    public void CommentsBlanksQuotingAndCase()
    {
        var cfg = Load("# comment\n\n   \t\r\nPORT 7000\r\n  requirepass \"a b\\x41\\n\"\nmasterauth 'it\\'s'\n  # indented comment\nLogLevel WARNING\n");
        Assert.Equal(7000, cfg.Port);
        Assert.Equal("a bA\n", cfg.RequirePass);
        Assert.Equal("it's", cfg.MasterAuth);
        Assert.Equal("warning", cfg.LogLevel);
    }

    [Fact]
    public void ErrorsCarryLineNumberAndTrimmedLine()
    {
        var ex = Fails("port 1\n\n  hz abc  \n");
        Assert.Equal(3, ex.LineNumber);
        Assert.Equal("hz abc", ex.Line);
        Assert.Equal("argument couldn't be parsed into an integer", ex.Message);
        Assert.Equal("Unbalanced quotes in configuration line", Fails("requirepass \"abc\n").Message);
        Assert.Equal("Unbalanced quotes in configuration line", Fails("requirepass \"abc\"def\n").Message);
        Assert.Equal("wrong number of arguments", Fails("port\n").Message);
        Assert.Equal("Bad directive or wrong number of arguments", Fails("include\n").Message);
        Assert.Equal("Bad directive or wrong number of arguments", Fails("rename-command get\n").Message);
        Assert.Equal("argument must be 'yes' or 'no'", Fails("daemonize 1\n").Message);
        Assert.Equal("argument must be between 1 and 2147483647 inclusive", Fails("databases 0\n").Message);
    }

    [Fact]
    public void MemoryUnits()
    {
        foreach (var (text, bytes) in new[] { ("1k", 1000UL), ("1kb", 1024UL), ("1m", 1000000UL), ("1mb", 1048576UL), ("1g", 1000000000UL),
                     ("1gb", 1073741824UL), ("2GB", 2147483648UL), ("5B", 5UL), ("", 0UL), ("k", 0UL), ("007", 7UL) })
        {
            Assert.True(MemoryValue.TryParse(text, out var v), text);
            Assert.Equal(bytes, v);
        }
        foreach (var bad in new[] { "-1", "1zz", " 1", "+1", "1 kb", "1.5mb", "99999999999999999999gb" })
            Assert.False(MemoryValue.TryParse(bad, out _), bad);
        Assert.Equal("2gb", MemoryValue.Format(2L << 30));
        Assert.Equal("3mb", MemoryValue.Format(3L << 20));
        Assert.Equal("1kb", MemoryValue.Format(1024));
        Assert.Equal("1000", MemoryValue.Format(1000));
        Assert.Equal("0", MemoryValue.Format(0));
        var cfg = Load("maxmemory 100mb\nproto-max-bulk-len 1gb\nmaxmemory-clients 5%\n");
        Assert.Equal(100UL << 20, cfg.MaxMemory);
        Assert.Equal(1L << 30, cfg.ProtoMaxBulkLen);
        Assert.Equal("5%", Get(cfg, "maxmemory-clients"));
        Assert.Equal("argument must be a memory value", Fails("maxmemory 1zz\n").Message);
    }

    [Fact]
    public void OneArgumentOfAMultiArgumentDirectiveIsSplit()
    {
        // redis-server --save "900 1 300 10" and --latency-tracking-info-percentiles "50 99 99.9" work on Redis 7.0.
        Assert.Equal("900 1 300 10", Get(Load("save \"900 1 300 10\"\n"), "save"));
        Assert.Equal("50 99 99.9", Get(Load("latency-tracking-info-percentiles \"50 99 99.9\"\n"), "latency-tracking-info-percentiles"));
    }

    [Fact]
    public void SaveLinesAccumulateAndEmptyClears()
    {
        Assert.Equal("3600 1 300 100 60 10000", Get(new ServerConfig(), "save"));
        Assert.Equal("900 1 300 10 60 10000", Get(Load("save 900 1\nsave 300 10\nsave 60 10000\n"), "save"));
        Assert.Equal("", Get(Load("save \"\"\n"), "save"));
        Assert.Equal("60 5", Get(Load("save \"\"\nsave 60 5\n"), "save"));
        Assert.Equal("900 1 60 5", Get(Load("save 900 1\nsave \"\"\nsave 60 5\n"), "save"));
        Assert.Equal("Invalid save parameters", Fails("save 10\n").Message);
    }

    [Fact]
    public void AliasesMultiArgAndSpecials()
    {
        var cfg = Load("slaveof 10.0.0.1 6380\nslave-read-only no\nhash-max-ziplist-entries 100\nlist-max-ziplist-entries 512\n" +
                       "bind 127.0.0.1 -::1\nclient-output-buffer-limit slave 256mb 64mb 60\nclient-output-buffer-limit pubsub 1mb 1kb 0\n" +
                       "notify-keyspace-events Ex\nshutdown-on-sigterm nosave now\n");
        Assert.Equal("10.0.0.1 6380", Get(cfg, "replicaof"));
        Assert.False(cfg.ReplicaReadOnly);
        Assert.Equal(100, cfg.HashMaxListpackEntries);
        Assert.Equal(new[] { "127.0.0.1", "-::1" }, cfg.Bind);
        Assert.Equal("normal 0 0 0 slave 268435456 67108864 60 pubsub 1048576 1024 0", Get(cfg, "client-output-buffer-limit"));
        Assert.Equal("xE", Get(cfg, "notify-keyspace-events"));
        Assert.Equal("nosave now", cfg.ShutdownOnSigterm);
        Assert.Equal("", Get(Load("replicaof no one\n"), "replicaof"));
        Assert.Equal("Invalid master port", Fails("replicaof host 70000\n").Message);
    }

    [Fact]
    public void FileOnlyDirectives()
    {
        var cfg = Load("rename-command ECHO \"\"\nrename-command ping pong\nuser alice on >pw ~* +@all\nloadmodule /x.so a b\nmod.opt 5\n");
        Assert.Equal(new[] { ("echo", ""), ("ping", "pong") }, cfg.RenameCommands);
        Assert.Single(cfg.Users);
        Assert.Equal(new[] { "/x.so", "a", "b" }, cfg.LoadModules[0]);
        Assert.Equal("5", cfg.ModuleConfigs["mod.opt"]);
        Assert.Equal("No such command in rename-command", Fails("rename-command ping a\nrename-command ping b\n").Message);
        Assert.Equal("Target command name already exists", Fails("rename-command ping echo\n").Message);
        Assert.Equal("sentinel directive while not in sentinel mode", Fails("sentinel monitor m 127.0.0.1 6379 2\n").Message);
        var sentinel = new ServerConfig { SentinelMode = true };
        new ConfigParser(sentinel).LoadString("sentinel\nsentinel monitor m 127.0.0.1 6379 2\n");
        Assert.Equal(new[] { "monitor", "m", "127.0.0.1", "6379", "2" }, sentinel.SentinelLines.Single());
    }

    [Fact]
    public void IncludeWithGlobAndOwnLineNumbers()
    {
        var dir = Directory.CreateTempSubdirectory("redisnet-include-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "conf.d"));
            File.WriteAllText(Path.Combine(dir, "conf.d", "b.conf"), "hz 20\n");
            File.WriteAllText(Path.Combine(dir, "conf.d", "a.conf"), "hz 15\ntimeout 3\n");
            File.WriteAllText(Path.Combine(dir, "conf.d", "c.txt"), "hz 99\n");
            var cfg = Load($"include {dir}/conf.d/*.conf\ninclude {dir}/empty.d/*.conf\nport 1\n");
            Assert.Equal(20, cfg.Hz); // a.conf then b.conf: sorted, later wins
            Assert.Equal(3, cfg.Timeout);
            File.WriteAllText(Path.Combine(dir, "bad.conf"), "\n\nbogus\n");
            var ex = Fails($"port 1\ninclude {dir}/bad.conf\n");
            Assert.Equal(3, ex.LineNumber);
            Assert.Equal("bogus", ex.Line);
            Assert.Throws<ConfigOpenException>(() => Load($"include {dir}/missing.conf\n"));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void CommandLineOptionsBecomeQuotedConfigLines()
    {
        Assert.Equal("port \"6380\" \nsave \"\"\nloglevel \"warning\" ", ConfigLoader.BuildOptions(new[] { "--port", "6380", "--save", "--loglevel", "warning" }, 0, out var stdin));
        Assert.False(stdin);
        Assert.Equal("save \"\"", ConfigLoader.BuildOptions(new[] { "--save" }, 0, out _));
        Assert.Equal("save \"900\" \"1\" ", ConfigLoader.BuildOptions(new[] { "--save", "900", "1" }, 0, out _));
        Assert.Equal("requirepass \"--x\" ", ConfigLoader.BuildOptions(new[] { "--requirepass", "--x" }, 0, out _));
        Assert.Equal("port 7 ", ConfigLoader.BuildOptions(new[] { "--port 7" }, 0, out _));
        Assert.Equal("hz \"a\\\"b\" ", ConfigLoader.BuildOptions(new[] { "--hz", "a\"b" }, 0, out _));
        ConfigLoader.BuildOptions(new[] { "-", "--port", "1" }, 0, out stdin);
        Assert.True(stdin);
    }

    [Fact]
    public void FatalReportFormat()
    {
        var report = ConfigLoader.FatalReport(new ConfigFileException("argument couldn't be parsed into an integer", 2, "port \"abc\""));
        Assert.Equal("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 2\n>>> 'port \"abc\"'\n" +
                     "argument couldn't be parsed into an integer\n", report);
        Assert.Equal("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nx\n", ConfigLoader.FatalReport(new ConfigFileException("x", -1)));
    }

    [Fact]
    public void NotImplementedDirectivesAreReportedOnlyWhenNonDefault()
    {
        var dir = Directory.CreateTempSubdirectory("redisnet-ni-").FullName;
        try
        {
            var file = Path.Combine(dir, "a.conf");
            // pidfile, syslog and latency tracking are implemented (Hosting/, Logging/, INFO): never reported.
            File.WriteAllText(file, "appendonly no\nmaxmemory-policy allkeys-lru\nhz 20\nuser bob on\npidfile /tmp/x.pid\nsyslog-ident rn\nlatency-tracking no\n");
            var cfg = ConfigLoader.Parse(new[] { file, "--lfu-log-factor", "5", "--list-compress-depth", "1" });
            Assert.Equal(new[] { "list-compress-depth", "maxmemory-policy", "user" }, cfg.NotImplementedSet.Order(StringComparer.Ordinal));
            Assert.Equal(file, cfg.ConfigFile);
            Assert.Contains("list-compress-depth, maxmemory-policy, user", ConfigLoader.NotImplementedNote(cfg));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void EveryDirectiveHasAWorkingGetAndRoundTripsItsDefault()
    {
        var cfg = new ServerConfig();
        foreach (var d in DirectiveTable.All)
        {
            var value = d.Get(cfg);
            // dir is the cwd; replicaof "" is not a valid value (it is immutable, so CONFIG SET never restores it).
            if (d.Name is "dir" or "replicaof") continue;
            var args = d.Has(DirectiveFlags.MultiArg) ? (value.Length == 0 ? Array.Empty<string>() : value.Split(' ')) : new[] { value };
            var r = d.Set(cfg, args, fromFile: false, out var err);
            Assert.True(r != SetResult.Error, $"{d.Name}: {err}");
            Assert.Equal(value, d.Get(cfg));
            Assert.True(d.IsDefault(cfg), d.Name);
        }
    }

    [Fact]
    public void KeyspaceEventFlagStrings()
    {
        Assert.Equal("AKE", KeyspaceEventFlags.Format(KeyspaceEventFlags.Parse("KEA")));
        Assert.Equal("A", KeyspaceEventFlags.Format(KeyspaceEventFlags.Parse("An")));
        Assert.Equal("nKm", KeyspaceEventFlags.Format(KeyspaceEventFlags.Parse("Kmn")));
        Assert.Equal("A", KeyspaceEventFlags.Format(KeyspaceEventFlags.Parse("ndtexzhsl$g")));
        Assert.Equal("g$n", KeyspaceEventFlags.Format(KeyspaceEventFlags.Parse("n$g")));
        Assert.Equal(-1, KeyspaceEventFlags.Parse("Kq"));
        Assert.Equal(0, KeyspaceEventFlags.Parse(""));
    }
}
