using System.Text;
using RedisNet.Protocol;
using Xunit;

namespace RedisNet.Tests.Infrastructure;

/// <summary>
/// A pair of servers, Debian's redis-server 7.0 (the oracle) and RedisNet, started with the same
/// arguments. One per test class (IClassFixture), so classes run in parallel without sharing data.
/// </summary>
public class DiffServers : IDisposable
{
    public ServerProcess Redis { get; }
    public ServerProcess RedisNet { get; }

    public DiffServers() : this(Array.Empty<string>()) { }

    protected DiffServers(string[] args)
    {
        Redis = ServerProcess.StartRedis(args);
        try { RedisNet = ServerProcess.StartRedisNet(args); }
        catch { Redis.Dispose(); throw; }
    }

    public DiffSession Session() => new(Redis.Client(), RedisNet.Client());

    public void Dispose()
    {
        Redis.Dispose();
        RedisNet.Dispose();
    }
}

/// <summary>Servers started with enable-debug-command yes (DEBUG tests).</summary>
public sealed class DiffServersWithDebug : DiffServers
{
    public DiffServersWithDebug() : base(new[] { "--enable-debug-command", "yes" }) { }
}

/// <summary>
/// One connection to each server. Same() sends a command to both and asserts byte-identical replies.
/// Scripts are lines in redis-cli syntax (quotes and \x escapes as in redis.conf); '#' starts a comment.
/// </summary>
public sealed class DiffSession : IDisposable
{
    public RespClient Redis { get; }
    public RespClient Net { get; }

    public DiffSession(RespClient redis, RespClient net)
    {
        Redis = redis;
        Net = net;
    }

    /// <summary>Runs the command on both servers and asserts identical reply bytes; returns them.</summary>
    public byte[] Same(params string[] args) => Same(args.Select(RespClient.Bytes).ToArray());

    public byte[] Same(params byte[][] args)
    {
        var expected = Redis.Call(args);
        var actual = Net.Call(args);
        if (!expected.AsSpan().SequenceEqual(actual))
            Assert.Fail($"reply differs for: {Show(args)}\n  redis:    {Escape(expected)}\n  redisnet: {Escape(actual)}");
        return actual;
    }

    /// <summary>Runs the command on both; returns both replies for a custom comparison (TTLs, random output).</summary>
    public (byte[] Redis, byte[] Net) Both(params string[] args)
    {
        var bytes = args.Select(RespClient.Bytes).ToArray();
        return (Redis.Call(bytes), Net.Call(bytes));
    }

    /// <summary>Runs every line of a script through Same().</summary>
    public void Script(string script)
    {
        foreach (var raw in script.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var args = InlineSplitter.Split(Encoding.Latin1.GetBytes(line))
                ?? throw new ArgumentException("unbalanced quotes in script line: " + line);
            Same(args.ToArray());
        }
    }

    /// <summary>Sends raw bytes to both and compares the next reply (protocol-level tests).</summary>
    public byte[] SameRaw(string raw)
    {
        Redis.SendRaw(raw);
        Net.SendRaw(raw);
        var e = Redis.ReadReply();
        var a = Net.ReadReply();
        if (!e.AsSpan().SequenceEqual(a))
            Assert.Fail($"reply differs for raw input {Escape(RespClient.Bytes(raw))}\n  redis:    {Escape(e)}\n  redisnet: {Escape(a)}");
        return a;
    }

    private static string Show(byte[][] args) => string.Join(" ", args.Select(a => Escape(a)));

    public static string Escape(byte[] b)
    {
        var sb = new StringBuilder();
        foreach (var c in b)
        {
            if (c == '\r') sb.Append("\\r");
            else if (c == '\n') sb.Append("\\n");
            else if (c < 32 || c > 126) sb.Append($"\\x{c:x2}");
            else sb.Append((char)c);
        }
        return sb.ToString();
    }

    public void Dispose()
    {
        Redis.Dispose();
        Net.Dispose();
    }
}
