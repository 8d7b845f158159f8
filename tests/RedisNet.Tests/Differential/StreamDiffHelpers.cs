using System.Text;
using System.Text.RegularExpressions;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>Comparing stream replies that carry times.</summary>
public static class StreamDiffHelpers
{
    /// <summary>
    /// Replies with times (delivery times, seen-time, idle, elapsed) masked: the two servers' clocks
    /// are read at different moments. Unix ms values, and integers after "idle"/"seen-time" or in
    /// XPENDING's elapsed column, become placeholders.
    /// </summary>
    public static string Masked(byte[] reply)
    {
        var s = Encoding.Latin1.GetString(reply);
        s = Regex.Replace(s, @":1\d{12}\r\n", ":T\r\n");
        s = Regex.Replace(s, @"(\$4\r\nidle\r\n):\d+\r\n", "$1:I\r\n");
        // XPENDING extended rows: [id, consumer, elapsed, count]
        s = Regex.Replace(s, @"(\*4\r\n\$\d+\r\n\d+-\d+\r\n\$\d+\r\n[^\r]*\r\n):\d+\r\n", "$1:E\r\n");
        return s;
    }

    public static void SameMasked(DiffSession s, params string[] args)
    {
        var (r, n) = s.Both(args);
        Assert.True(Masked(r) == Masked(n), $"reply differs for: {string.Join(' ', args)}\n  redis:    {DiffSession.Escape(r)}\n  redisnet: {DiffSession.Escape(n)}");
    }

    /// <summary>Runs each script line on both servers and compares the replies with times masked.</summary>
    public static void ScriptMasked(DiffSession s, string script)
    {
        foreach (var raw in script.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var args = RedisNet.Protocol.InlineSplitter.Split(Encoding.Latin1.GetBytes(line))!;
            var (r, n) = s.Both(args.Select(a => Encoding.Latin1.GetString(a)).ToArray());
            Assert.True(Masked(r) == Masked(n), $"reply differs for: {line}\n  redis:    {DiffSession.Escape(r)}\n  redisnet: {DiffSession.Escape(n)}");
        }
    }

    /// <summary>DEBUG OBJECT's serializedlength (the RDB size) on both servers; the rest of the line differs by nature.</summary>
    public static void SameSerializedLength(DiffSession s, string key)
    {
        var (r, n) = s.Both("DEBUG", "OBJECT", key);
        static string Length(byte[] reply) => Regex.Match(Encoding.Latin1.GetString(reply), @"serializedlength:\d+|^-.*").Value;
        Assert.True(Length(r) == Length(n), $"DEBUG OBJECT {key}\n  redis:    {DiffSession.Escape(r)}\n  redisnet: {DiffSession.Escape(n)}");
    }
}
