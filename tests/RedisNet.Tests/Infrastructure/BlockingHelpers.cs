using System.Text;
using Xunit;

namespace RedisNet.Tests.Infrastructure;

/// <summary>Helpers for tests where one connection blocks and others act: send without reading, wait until the server reports n blocked clients.</summary>
public static class BlockingHelpers
{
    public static void Send(RespClient c, params string[] args) => c.SendRaw(RespClient.Encode(args.Select(RespClient.Bytes)));

    public static string Text(byte[] reply) => Encoding.Latin1.GetString(reply);

    /// <summary>Waits until the server reports <paramref name="n"/> blocked clients (the order of later blocks then is known).</summary>
    public static void WaitBlocked(RespClient admin, int n)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Text(admin.Call("INFO", "clients")).Contains($"blocked_clients:{n}\r\n"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"never saw {n} blocked clients");
            Thread.Sleep(5);
        }
    }
}
