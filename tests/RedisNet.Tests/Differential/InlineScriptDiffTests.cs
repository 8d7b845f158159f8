using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// Scripts sent as inline commands: their batch runs off the socket thread, and the quoted script
/// (unescaped in place when parsed) must reach EVAL intact.
/// </summary>
public class InlineScriptDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void QuotedInlineScriptsRun()
    {
        using var s = servers.Session();
        s.SameRaw("EVAL \"return 1\" 0\r\n");
        s.SameRaw("EVAL 'return {1, \"two\"}' 0\r\n");
        s.SameRaw("EVAL \"return redis.call('set', KEYS[1], ARGV[1])\" 1 \"k\\x41\" 'v w'\r\n");
        s.SameRaw("GET kA\r\n");
        // A pipeline mixing inline and multibulk commands around the script.
        s.Redis.SendRaw("PING\r\nEVAL \"return 'a b'\" 0\r\n*1\r\n$4\r\nPING\r\n");
        s.Net.SendRaw("PING\r\nEVAL \"return 'a b'\" 0\r\n*1\r\n$4\r\nPING\r\n");
        for (int i = 0; i < 3; i++)
            Assert.Equal(DiffSession.Escape(s.Redis.ReadReply()), DiffSession.Escape(s.Net.ReadReply()));
        s.SameRaw("FCALL nosuch 0\r\n");
    }
}
