using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// One extra connection on each server (a subscriber or tracking client), driven in lockstep:
/// the same commands go to both and what each receives is compared byte for byte, including
/// messages pushed to it by commands run on other connections.
/// </summary>
public sealed class ConnPair : IDisposable
{
    public RespClient Redis { get; }
    public RespClient Net { get; }

    public ConnPair(DiffServers servers)
    {
        Redis = servers.Redis.Client();
        Net = servers.RedisNet.Client();
    }

    /// <summary>Sends one command to both and compares the next <paramref name="replies"/> replies (SUBSCRIBE a b answers twice).</summary>
    public string Same(int replies, params string[] args)
    {
        var bytes = args.Select(RespClient.Bytes).ToArray();
        Redis.SendRaw(RespClient.Encode(bytes));
        Net.SendRaw(RespClient.Encode(bytes));
        return Read(replies, string.Join(" ", args));
    }

    public string Same(params string[] args) => Same(1, args);

    /// <summary>Runs each line once (one reply each).</summary>
    public void Script(string script)
    {
        foreach (var raw in script.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            Same(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    /// <summary>Runs a command on both without comparing (HELLO's server details differ).</summary>
    public void Both(params string[] args)
    {
        Redis.Call(args);
        Net.Call(args);
    }

    /// <summary>Reads <paramref name="n"/> replies or messages from both and compares them.</summary>
    public string Read(int n, string what = "pushed data")
    {
        var e = new StringBuilder();
        var a = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            e.Append(DiffSession.Escape(Redis.ReadReply()));
            a.Append(DiffSession.Escape(Net.ReadReply()));
        }
        if (e.ToString() != a.ToString())
            Assert.Fail($"received data differs for: {what}\n  redis:    {e}\n  redisnet: {a}");
        return a.ToString();
    }

    /// <summary>Reads messages from both until one carries <paramref name="sentinel"/>, comparing the whole sequence.</summary>
    public string ReadUntil(string sentinel)
    {
        var e = ReadUntil(Redis, sentinel);
        var a = ReadUntil(Net, sentinel);
        if (e != a) Assert.Fail($"received messages differ\n  redis:    {e}\n  redisnet: {a}");
        return a;
    }

    private static string ReadUntil(RespClient c, string sentinel)
    {
        var sb = new StringBuilder();
        while (true)
        {
            var m = DiffSession.Escape(c.ReadReply());
            sb.Append(m).Append('\n');
            if (m.Contains(sentinel, StringComparison.Ordinal)) return sb.ToString();
        }
    }

    /// <summary>CLIENT ID on each server (ids differ between them, so redirects are built per server).</summary>
    public (string Redis, string Net) Ids()
        => (Encoding.ASCII.GetString(Redis.Call("CLIENT", "ID")).Trim(':', '\r', '\n'),
            Encoding.ASCII.GetString(Net.Call("CLIENT", "ID")).Trim(':', '\r', '\n'));

    public void Dispose()
    {
        Redis.Dispose();
        Net.Dispose();
    }
}

internal static class InfoFields
{
    /// <summary>A field of an INFO / CLIENT LIST style text ("name:value" or "name=value").</summary>
    public static string Field(byte[] reply, string name, char sep)
    {
        var text = Encoding.Latin1.GetString(reply);
        foreach (var part in text.Split('\n', ' ', '\r'))
            if (part.StartsWith(name + sep, StringComparison.Ordinal)) return part[(name.Length + 1)..];
        throw new InvalidOperationException($"no {name} in {text}");
    }
}
