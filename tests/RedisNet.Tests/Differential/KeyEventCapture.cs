using System.Text;
using RedisNet.Tests.Infrastructure;

namespace RedisNet.Tests.Differential;

/// <summary>
/// A keyspace-event subscriber on each server while the same commands run on both; everything it
/// received is compared byte for byte (event names, classes, order).
/// </summary>
internal static class KeyEventCapture
{
    /// <summary>Sets the classes, runs <paramref name="run"/>, then compares everything the subscriber got.</summary>
    public static void Compare(DiffServers servers, string classes, Action<DiffSession> run, string pattern = "__key*__:*", bool resp3 = false)
    {
        using var s = servers.Session();
        s.Same("FLUSHALL");
        s.Same("DEBUG", "SET-ACTIVE-EXPIRE", "0");
        s.Same("CONFIG", "SET", "notify-keyspace-events", classes);
        using var sub = new ConnPair(servers);
        if (resp3) sub.Both("HELLO", "3");
        sub.Same("PSUBSCRIBE", pattern);
        sub.Same("SUBSCRIBE", "end-of-test");
        run(s);
        s.Same("PUBLISH", "end-of-test", "done");
        sub.ReadUntil("end-of-test");
        s.Same("CONFIG", "SET", "notify-keyspace-events", "");
        s.Same("DEBUG", "SET-ACTIVE-EXPIRE", "1");
    }

    /// <summary>Sends a blocking command on both connections of <paramref name="blocker"/> and waits until each server counts it blocked.</summary>
    public static void Block(DiffSession s, ConnPair blocker, int blockedAfter, params string[] args)
    {
        var bytes = RespClient.Encode(args.Select(RespClient.Bytes));
        blocker.Redis.SendRaw(bytes);
        blocker.Net.SendRaw(bytes);
        WaitBlocked(s.Redis, blockedAfter);
        WaitBlocked(s.Net, blockedAfter);
    }

    private static void WaitBlocked(RespClient admin, int n)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Encoding.Latin1.GetString(admin.Call("INFO", "clients")).Contains($"blocked_clients:{n}\r\n"))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"blocked_clients never reached {n}");
            Thread.Sleep(5);
        }
    }
}
