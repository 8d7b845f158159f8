using System.Text;
using RedisNet.Commands;
using RedisNet.Protocol;
using RedisNet.Server;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>
/// Redis 7.0 wraps what one execution unit propagates in MULTI/EXEC when it is more than one
/// command. Expected streams are the ones redis-server 7.0.15 wrote to its AOF for the same steps.
/// </summary>
public class PropagationWrapTests
{
    private static List<string> Lines(KeyTestHost h) => h.Propagated.Select(p => string.Join(' ', p.Argv)).ToList();

    private static KeyTestHost Fresh(params string[][] setup)
    {
        var h = new KeyTestHost();
        foreach (var cmd in setup) h.Run(cmd);
        h.Propagated.Clear();
        return h;
    }

    /// <summary>Makes a key logically expired without deleting it (active expiry never runs in the host).</summary>
    private static void Expire(KeyTestHost h, string key, int db = 0) =>
        h.Server.Databases[db].SetExpire(h.Server.Databases[db].FindRaw(Encoding.Latin1.GetBytes(key))!, 1);

    /// <summary>A connected-looking client (fake clients never block).</summary>
    private static Client Connected(KeyTestHost h) => h.Server.CreateClient(new NullTransport());

    private static void RunAs(KeyTestHost h, Client c, params string[] args)
    {
        var batch = CommandBatch.FromArgs(args.Select(Encoding.Latin1.GetBytes).ToArray());
        lock (h.Server.ExecLock) Executor.Execute(h.Server, c, batch, 0);
    }

    [Fact]
    public void SpopWithCountSendsItsSremsAsOneTransaction()
    {
        var h = Fresh(["SADD", "s", "a", "b", "c", "d", "e"]);
        h.Run("SPOP", "s", "3");
        var lines = Lines(h);
        Assert.Equal(5, lines.Count);
        Assert.Equal("MULTI", lines[0]);
        Assert.All(lines[1..4], l => Assert.StartsWith("SREM s ", l));
        Assert.Equal("EXEC", lines[4]);
    }

    [Fact]
    public void SingleRewrittenCommandsAreNotWrapped()
    {
        var h = Fresh(["SADD", "s", "a", "b"], ["RPUSH", "l", "a", "b", "c"]);
        h.Run("SPOP", "s", "5");            // takes the whole set: one DEL
        h.Run("SPOP", "nokey", "2");        // nothing
        h.Run("LMPOP", "1", "l", "LEFT", "COUNT", "2");
        h.Run("SET", "k", "v");
        Assert.Equal(["DEL s", "LPOP l 2", "SET k v"], Lines(h));
    }

    [Fact]
    public void ExpiredKeysDeletedByAWriteJoinItsTransaction()
    {
        var h = Fresh(["SET", "e", "v"], ["SET", "f", "v"], ["SET", "g", "v"]);
        Expire(h, "e");
        h.Run("APPEND", "e", "x");
        Expire(h, "f");
        Expire(h, "g");
        h.Run("MSET", "f", "a", "g", "b");
        Assert.Equal(["MULTI", "DEL e", "APPEND e x", "EXEC", "MULTI", "DEL f", "DEL g", "MSET f a g b", "EXEC"], Lines(h));
    }

    [Fact]
    public void ALoneExpiryIsNotWrapped()
    {
        var h = Fresh(["SET", "a", "v"], ["SET", "b", "v"], ["SET", "c", "v"]);
        Expire(h, "a");
        h.Run("GET", "a");                  // a read that expires: DEL only
        Expire(h, "b");
        h.Run("DEL", "b");                  // nothing left to delete: DEL from the expiry only
        h.Run("MULTI");
        h.Run("GET", "c");
        Expire(h, "c");
        h.Run("EXEC");
        Assert.Equal(["DEL a", "DEL b", "DEL c"], Lines(h));
    }

    [Fact]
    public void ScanAndRandomkeyExpiriesAreSentOneByOne()
    {
        var h = Fresh(["SET", "a", "v"], ["SET", "b", "v"]);
        Expire(h, "a");
        Expire(h, "b");
        h.Run("SCAN", "0");
        Assert.Equal(["DEL a", "DEL b"], Lines(h).Order().ToList());
        Assert.DoesNotContain("MULTI", Lines(h));

        var r = Fresh(["SET", "a", "v"], ["SET", "b", "v"]);
        Expire(r, "a");
        Expire(r, "b");
        r.Run("RANDOMKEY");
        Assert.Equal(["DEL a", "DEL b"], Lines(r).Order().ToList());
    }

    [Fact]
    public void ExecWithExpiredKeysWrapsEvenASingleWrite()
    {
        var h = Fresh(["SELECT", "3"], ["SET", "old", "v"]);
        Expire(h, "old", 3);
        h.Run("MULTI");
        h.Run("SET", "old", "new");
        h.Run("EXEC");
        Assert.Equal([(3, "MULTI"), (3, "DEL old"), (3, "SET old new"), (3, "EXEC")],
            h.Propagated.Select(p => (p.Db, string.Join(' ', p.Argv))).ToList());
    }

    [Fact]
    public void XreadgroupNoackWithANewConsumerIsATransaction()
    {
        var h = Fresh(["XADD", "st", "1-1", "f", "v"], ["XGROUP", "CREATE", "st", "g", "0"]);
        h.Run("XREADGROUP", "GROUP", "g", "c", "COUNT", "10", "NOACK", "STREAMS", "st", ">");
        h.Run("XADD", "st", "2-1", "f", "v");
        h.Run("XREADGROUP", "GROUP", "g", "c", "COUNT", "10", "NOACK", "STREAMS", "st", ">");
        Assert.Equal([
            "MULTI", "XGROUP CREATECONSUMER st g c", "XGROUP SETID st g 1-1 ENTRIESREAD 1", "EXEC",
            "XADD st 2-1 f v", "XGROUP SETID st g 2-1 ENTRIESREAD 2"], Lines(h));
    }

    [Fact]
    public void EachServedBlockedClientIsItsOwnUnitAfterThePush()
    {
        var h = Fresh();
        var c1 = Connected(h);
        var c2 = Connected(h);
        RunAs(h, c1, "BLPOP", "bl", "0");
        RunAs(h, c2, "BLPOP", "bl", "0");
        h.Run("RPUSH", "bl", "x", "y", "z");
        Assert.Equal(["RPUSH bl x y z", "LPOP bl", "LPOP bl"], Lines(h));
    }

    [Fact]
    public void AServedClientWhoseCommandExpiresAKeyIsWrapped()
    {
        var h = Fresh(["RPUSH", "dst", "old"]);
        var c1 = Connected(h);
        RunAs(h, c1, "BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
        Expire(h, "dst");
        h.Run("RPUSH", "src", "1");
        Assert.Equal(["RPUSH src 1", "MULTI", "DEL dst", "LMOVE src dst LEFT RIGHT", "EXEC"], Lines(h));
        Assert.Equal("*1\r\n$1\r\n1\r\n", h.Run("LRANGE", "dst", "0", "-1"));
    }

    [Fact]
    public void ClientsServedAfterExecFollowItsBlock()
    {
        var h = Fresh();
        RunAs(h, Connected(h), "BLPOP", "q", "0");
        h.Run("MULTI");
        h.Run("RPUSH", "q", "a");
        h.Run("RPUSH", "q", "b");
        h.Run("EXEC");
        RunAs(h, Connected(h), "BLPOP", "q2", "0");
        h.Run("MULTI");
        h.Run("RPUSH", "q2", "a");
        h.Run("EXEC");
        Assert.Equal(["MULTI", "RPUSH q a", "RPUSH q b", "EXEC", "LPOP q", "RPUSH q2 a", "LPOP q2"], Lines(h));
    }
}
