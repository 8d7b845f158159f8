using System.Text;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

public class ConnectionClientDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void ClientNameAndErrors()
    {
        using var s = servers.Session();
        s.Script("""
            CLIENT GETNAME
            CLIENT SETNAME "a b"
            CLIENT SETNAME "a\nb"
            CLIENT SETNAME myname
            CLIENT GETNAME
            CLIENT SETNAME ""
            CLIENT GETNAME
            CLIENT GETNAME x
            CLIENT NOSUCH
            CLIENT SETINFO lib-name x
            CLIENT HELP
            CLIENT GETREDIR
            CLIENT TRACKINGINFO
            CLIENT NO-EVICT maybe
            CLIENT NO-EVICT on
            CLIENT NO-EVICT off
            CLIENT REPLY foo
            CLIENT REPLY on
            CLIENT UNBLOCK abc
            CLIENT UNBLOCK 99999 foo
            CLIENT UNBLOCK 99999
            CLIENT UNBLOCK 99999 timeout extra
            """);
    }

    [Fact]
    public void ClientKillAndListErrors()
    {
        using var s = servers.Session();
        s.Script("""
            CLIENT KILL 1.2.3.4:5
            CLIENT KILL id abc
            CLIENT KILL id 0
            CLIENT KILL id 99999
            CLIENT KILL type foo
            CLIENT KILL skipme maybe
            CLIENT KILL foo bar
            CLIENT KILL id
            CLIENT KILL maxage 10
            CLIENT KILL user nosuch
            CLIENT KILL addr 1.1.1.1:1
            CLIENT KILL laddr 1.1.1.1:1
            CLIENT KILL addr 1.1.1.1:1 skipme
            CLIENT LIST type foo
            CLIENT LIST id abc
            CLIENT LIST id 99999
            CLIENT LIST id 1 abc
            CLIENT LIST foo
            CLIENT LIST id
            CLIENT LIST type
            CLIENT LIST type normal id 1
            CLIENT PAUSE abc
            CLIENT PAUSE -1
            CLIENT PAUSE 10 foo
            CLIENT PAUSE 10 write x
            CLIENT PAUSE 99999999999999999999
            CLIENT UNPAUSE
            """);
    }

    /// <summary>Field names and order of CLIENT LIST/INFO match; values are instance-specific.</summary>
    [Fact]
    public void ClientListHasRedisFieldsInOrder()
    {
        using var s = servers.Session();
        foreach (var cmd in new[] { new[] { "CLIENT", "LIST" }, new[] { "CLIENT", "INFO" }, new[] { "CLIENT", "LIST", "TYPE", "normal" } })
        {
            var (redis, net) = s.Both(cmd);
            Assert.Equal(FieldNames(redis), FieldNames(net));
        }
        s.Same("CLIENT", "SETNAME", "me");
        var (r2, n2) = s.Both("CLIENT", "INFO");
        Assert.Contains(" name=me ", Encoding.ASCII.GetString(n2));
        Assert.Contains(" cmd=client|info ", Encoding.ASCII.GetString(n2));
        Assert.Contains(" flags=N db=0 ", Encoding.ASCII.GetString(n2));
        Assert.Equal(FieldNames(r2), FieldNames(n2));
    }

    private static string FieldNames(byte[] reply)
    {
        var text = Encoding.ASCII.GetString(reply);
        var firstLine = text.Split("\r\n")[1].Split('\n')[0];
        return string.Join(" ", firstLine.Split(' ').Select(f => f[..f.IndexOf('=')]));
    }

    [Fact]
    public void ClientReplyOffAndSkip()
    {
        using var s = servers.Session();
        s.Redis.SendRaw(RespClientEncode("CLIENT", "REPLY", "OFF"));
        s.Net.SendRaw(RespClientEncode("CLIENT", "REPLY", "OFF"));
        s.Redis.SendRaw(RespClientEncode("PING"));
        s.Net.SendRaw(RespClientEncode("PING"));
        s.Redis.SendRaw(RespClientEncode("NOSUCH"));
        s.Net.SendRaw(RespClientEncode("NOSUCH"));
        s.Same("CLIENT", "REPLY", "ON");
        s.Redis.SendRaw(RespClientEncode("CLIENT", "REPLY", "SKIP"));
        s.Net.SendRaw(RespClientEncode("CLIENT", "REPLY", "SKIP"));
        s.Redis.SendRaw(RespClientEncode("ECHO", "skipped"));
        s.Net.SendRaw(RespClientEncode("ECHO", "skipped"));
        s.Same("ECHO", "seen");
    }

    private static byte[] RespClientEncode(params string[] args) => RespClient.Encode(args.Select(RespClient.Bytes));

    [Fact]
    public void HelloAndAuthWithoutPassword()
    {
        using var s = servers.Session();
        s.Script("""
            AUTH x
            AUTH a b
            AUTH default x
            AUTH a b c
            HELLO 4
            HELLO 1
            HELLO abc
            HELLO 3 setname "a b"
            HELLO 3 foo
            HELLO 3 auth a
            HELLO 2 auth nosuch pw
            """);
        var (r, n) = s.Both("HELLO");
        Assert.Equal(WithoutId(r), WithoutId(n));
        (r, n) = s.Both("HELLO", "3", "SETNAME", "cli");
        Assert.Equal(WithoutId(r), WithoutId(n));
        s.Script("""
            CLIENT GETNAME
            CLIENT TRACKINGINFO
            ECHO resp3
            RESET
            CLIENT GETNAME
            ECHO resp2
            """);
    }

    private static string WithoutId(byte[] reply) => System.Text.RegularExpressions.Regex.Replace(Encoding.ASCII.GetString(reply), @"id\r\n:\d+", "id");
}
