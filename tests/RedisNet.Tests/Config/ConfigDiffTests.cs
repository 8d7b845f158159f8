using RedisNet.Tests.Infrastructure;
using Xunit;
using static RedisNet.Tests.Config.ConfigTestHelpers;

namespace RedisNet.Tests.Config;

/// <summary>Both servers started with save "" (the harness gives it to redis-server only).</summary>
public sealed class ConfigDiffServers : DiffServers
{
    public ConfigDiffServers() : base(new[] { "--save", "" }) { }
}

/// <summary>CONFIG GET/SET/HELP/RESETSTAT/REWRITE against redis-server 7.0.</summary>
public class ConfigDiffTests(ConfigDiffServers servers) : IClassFixture<ConfigDiffServers>
{
    private static readonly HashSet<string> InstanceKeys = new(StringComparer.OrdinalIgnoreCase) { "port", "dir" };

    /// <summary>CONFIG GET replies are maps in hash order: compare them as dictionaries.</summary>
    private static void SameMap(DiffSession s, params string[] args)
    {
        var (r, n) = s.Both(args);
        var expected = Pairs(r);
        var actual = Pairs(n);
        foreach (var k in expected.Keys.Concat(actual.Keys).Where(InstanceKeys.Contains).ToList()) { expected.Remove(k); actual.Remove(k); }
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void GetAllMatchesRedis()
    {
        using var s = servers.Session();
        var (r, n) = s.Both("CONFIG", "GET", "*");
        var expected = Pairs(r);
        var actual = Pairs(n);
        Assert.True(expected.Count > 180);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (k, v) in expected)
            if (!InstanceKeys.Contains(k)) Assert.True(v == actual[k], $"{k}: redisnet '{actual[k]}', redis '{v}'");
    }

    [Fact]
    public void GetPatternsAliasesAndHidden()
    {
        using var s = servers.Session();
        foreach (var args in new[]
        {
            new[] { "p*" }, new[] { "*max*" }, new[] { "*ziplist*" }, new[] { "slave*" }, new[] { "[ab]ind" }, new[] { "?z" },
            new[] { "HZ" }, new[] { "Port", "port", "PORT" }, new[] { "p*rt", "PORT" }, new[] { "hz", "maxmemory", "save", "hz" },
            new[] { "slaveof", "replicaof", "lua-time-limit", "list-max-ziplist-size", "hash-max-ziplist-entries" },
            new[] { "use-exit-on-panic", "rdb-key-save-delay", "key-load-delay", "watchdog-period", "loading-process-events-interval-bytes" },
            new[] { "*exit-on*" }, new[] { "*load*delay*" }, new[] { "nosuchconfig" }, new[] { "no*such" }, new[] { "client-output-buffer-limit" },
        })
            SameMap(s, new[] { "CONFIG", "GET" }.Concat(args).ToArray());
        s.Script("""
            CONFIG GET nosuch
            CONFIG GET
            CONFIG
            CONFIG NOSUCHSUB
            CONFIG HELP
            CONFIG HELP extra
            CONFIG RESETSTAT extra
            CONFIG REWRITE
            CONFIG REWRITE extra
            """);
    }

    [Fact]
    public void SetErrorsMatchRedis()
    {
        using var s = servers.Session();
        s.Script("""
            CONFIG SET hz
            CONFIG SET hz 10 timeout
            CONFIG SET nosuch 1
            CONFIG SET hz 1 nosuch 2
            CONFIG SET nosuch 1 daemonize yes
            CONFIG SET daemonize yes
            CONFIG SET daemonize yes nosuch 1
            CONFIG SET dir /tmp
            CONFIG SET dbfilename x.rdb
            CONFIG SET hz 1 hz 2
            CONFIG SET hz 1 HZ 2
            CONFIG SET replica-read-only yes slave-read-only no
            CONFIG SET hz abc
            CONFIG SET hz 012
            CONFIG SET hz +1
            CONFIG SET hz -1
            CONFIG SET hz 99999999999
            CONFIG SET timeout 5 hz x
            CONFIG SET maxmemory -1
            CONFIG SET maxmemory 1zz
            CONFIG SET maxmemory-clients 101%
            CONFIG SET maxmemory-clients 1zz
            CONFIG SET maxmemory-clients -5
            CONFIG SET maxclients 0
            CONFIG SET maxclients 1000000
            CONFIG GET maxclients
            CONFIG SET maxclients -1
            CONFIG SET slowlog-log-slower-than -2
            CONFIG SET slowlog-max-len -1
            CONFIG SET repl-backlog-size 0
            CONFIG SET proto-max-bulk-len 1000
            CONFIG SET list-max-ziplist-size -100000000000
            CONFIG SET hash-max-ziplist-entries -1
            CONFIG SET active-expire-effort 11
            CONFIG SET unixsocketperm 777
            CONFIG SET socket-mark-id 1
            CONFIG SET appendonly maybe
            CONFIG SET loglevel loud
            CONFIG SET maxmemory-policy lru
            CONFIG SET shutdown-on-sigint x
            CONFIG SET shutdown-on-sigint "save nosave"
            CONFIG SET shutdown-on-sigint ""
            CONFIG SET propagation-error-behavior x
            CONFIG SET activedefrag yes
            CONFIG SET notify-keyspace-events Kq
            CONFIG SET save "100"
            CONFIG SET save "100 abc"
            CONFIG SET save "0 1"
            CONFIG SET save "100 10  200 20"
            CONFIG SET save "\"100\" 10"
            CONFIG SET client-output-buffer-limit "normal 1 2"
            CONFIG SET client-output-buffer-limit "master 1 2 3"
            CONFIG SET client-output-buffer-limit "normal 1x 2 3"
            CONFIG SET client-output-buffer-limit "normal 1 2 -3"
            CONFIG SET oom-score-adj-values "1 2"
            CONFIG SET oom-score-adj-values "1 2 3000"
            CONFIG SET latency-tracking-info-percentiles "50 abc"
            CONFIG SET latency-tracking-info-percentiles "50 101"
            CONFIG SET latency-tracking-info-percentiles " 50"
            CONFIG SET proc-title-template "{bad}"
            CONFIG SET proc-title-template "{title"
            CONFIG SET cluster-announce-hostname "a b"
            CONFIG SET replicaof "127.0.0.1 1"
            CONFIG SET slaveof "no one"
            CONFIG SET enable-debug-command yes
            CONFIG SET appendfilename x.aof
            """);
    }

    [Fact]
    public void SetThenGetMatchesRedis()
    {
        using var s = servers.Session();
        var sets = new[]
        {
            ("maxmemory", "1K"), ("maxmemory", "1Gb"), ("maxmemory", "2mb"), ("maxmemory", ""), ("maxmemory", "k"), ("maxmemory", "01"),
            ("maxmemory", "18446744073709551615"), ("maxmemory", "0"),
            ("maxmemory-clients", "10%"), ("maxmemory-clients", "5mb"), ("maxmemory-clients", "0"),
            ("hz", "1000"), ("hz", "0"), ("hz", "10"),
            ("loglevel", "WARNING"), ("loglevel", "notice"),
            ("maxmemory-policy", "ALLKEYS-LRU"), ("maxmemory-policy", "noeviction"),
            ("lua-time-limit", "100"), ("busy-reply-threshold", "5000"),
            ("slave-read-only", "NO"), ("replica-read-only", "yes"),
            ("notify-keyspace-events", "KEA"), ("notify-keyspace-events", "An"), ("notify-keyspace-events", "Kmn"),
            ("notify-keyspace-events", "g$lshzxetd"), ("notify-keyspace-events", "Em"), ("notify-keyspace-events", ""),
            ("save", "100 10 200 20"), ("save", ""),
            ("client-output-buffer-limit", "replica 1mb 2k 3 pubsub 0 0 0"),
            ("client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"),
            ("oom-score-adj-values", "-100 0 2000"), ("oom-score-adj-values", "0 200 800"),
            ("shutdown-on-sigint", "nosave now"), ("shutdown-on-sigint", "NOW force"), ("shutdown-on-sigint", "default now"),
            ("shutdown-on-sigint", "default"), ("shutdown-on-sigterm", "save"), ("shutdown-on-sigterm", "default"),
            ("latency-tracking-info-percentiles", "1 2.5 99.999"), ("latency-tracking-info-percentiles", ""),
            ("latency-tracking-info-percentiles", "50 99 99.9"),
            ("ignore-warnings", "ARM64-COW-BUG"), ("ignore-warnings", ""),
            ("requirepass", ""), ("masterauth", "secret"), ("masterauth", ""),
            ("cluster-announce-hostname", "host-1.example"), ("cluster-announce-hostname", ""),
            ("acl-pubsub-default", "allchannels"), ("acl-pubsub-default", "resetchannels"),
            ("slowlog-log-slower-than", "-1"), ("slowlog-log-slower-than", "10000"),
            ("hash-max-ziplist-value", "1kb"), ("hash-max-listpack-value", "64"),
            ("list-max-listpack-size", "-5"), ("list-max-listpack-size", "-2"),
            ("timeout", "0"), ("tcp-keepalive", "300"),
        };
        foreach (var (name, value) in sets)
        {
            s.Same("CONFIG", "SET", name, value);
            SameMap(s, "CONFIG", "GET", name);
        }
        // Several at once, and a failure in the middle leaves every value as it was.
        s.Same("CONFIG", "SET", "hz", "20", "timeout", "7", "maxmemory", "3mb");
        SameMap(s, "CONFIG", "GET", "hz", "timeout", "maxmemory");
        s.Same("CONFIG", "SET", "hz", "30", "timeout", "8", "maxmemory", "bad");
        SameMap(s, "CONFIG", "GET", "hz", "timeout", "maxmemory");
        s.Same("CONFIG", "SET", "hz", "10", "timeout", "0", "maxmemory", "0");
        SameMap(s, "CONFIG", "GET", "*");
    }

    [Fact]
    public void ResetStatReplies()
    {
        using var s = servers.Session();
        s.Script("""
            CONFIG RESETSTAT
            CONFIG resetstat
            """);
    }
}
