using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>List commands against redis-server 7.0: replies, errors and edge cases byte for byte.</summary>
public class ListDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void PushAndRange()
    {
        using var s = servers.Session();
        s.Script("""
            LPUSH pr:a 1 2 3
            RPUSH pr:a 4 5 6
            LRANGE pr:a 0 -1
            LRANGE pr:a 1 2
            LRANGE pr:a -2 -1
            LRANGE pr:a -100 100
            LRANGE pr:a 5 2
            LRANGE pr:a 6 10
            LRANGE pr:a -1 -2
            LRANGE pr:missing 0 -1
            LRANGE pr:a x 1
            LRANGE pr:a 0 y
            LRANGE pr:a 0 9223372036854775807
            LRANGE pr:a -9223372036854775808 0
            LLEN pr:a
            LLEN pr:missing
            LPUSHX pr:missing a
            RPUSHX pr:missing a
            EXISTS pr:missing
            LPUSHX pr:a x y
            RPUSHX pr:a z
            LRANGE pr:a 0 -1
            RPUSH pr:bin "\x00\xff\r\n" "" "with space"
            LRANGE pr:bin 0 -1
            LPUSH pr:a
            RPUSH
            LPUSHX pr:a
            lpush pr:MiXed a
            TYPE pr:a
            OBJECT ENCODING pr:a
            """);
    }

    [Fact]
    public void PopWithAndWithoutCount()
    {
        using var s = servers.Session();
        s.Script("""
            RPUSH pp:a a b c d e
            LPOP pp:a
            RPOP pp:a
            LPOP pp:a 2
            RPOP pp:a 0
            LPOP pp:a -1
            LPOP pp:a abc
            LPOP pp:a 1 2
            RPOP pp:a 10
            EXISTS pp:a
            LPOP pp:a
            LPOP pp:a 3
            RPOP pp:a 0
            RPUSH pp:b 1 2 3
            RPOP pp:b 2
            LPOP pp:b 9223372036854775807
            """);
    }

    [Fact]
    public void IndexSetInsert()
    {
        using var s = servers.Session();
        s.Script("""
            RPUSH is:a a b c
            LINDEX is:a 0
            LINDEX is:a -1
            LINDEX is:a -3
            LINDEX is:a -4
            LINDEX is:a 3
            LINDEX is:a abc
            LINDEX is:missing abc
            LINDEX is:missing 0
            LSET is:a 1 B
            LSET is:a -1 C
            LSET is:a 3 x
            LSET is:a -4 x
            LSET is:a abc x
            LSET is:missing 0 x
            LSET is:missing abc x
            LRANGE is:a 0 -1
            LINSERT is:a BEFORE a first
            LINSERT is:a after C last
            LINSERT is:a after nothere x
            LINSERT is:a middle a x
            LINSERT is:missing before a x
            LINSERT is:missing middle a x
            LRANGE is:a 0 -1
            LSET is:a 0 ""
            LINDEX is:a 0
            """);
    }

    [Fact]
    public void RemoveAndTrim()
    {
        using var s = servers.Session();
        s.Script("""
            RPUSH rt:a a b a c a d a
            LREM rt:a 2 a
            LRANGE rt:a 0 -1
            LREM rt:a -1 a
            LRANGE rt:a 0 -1
            LREM rt:a 0 a
            LRANGE rt:a 0 -1
            LREM rt:a 0 zz
            LREM rt:a x a
            LREM rt:missing 0 a
            LREM rt:a 0 b
            LREM rt:a 0 c
            LREM rt:a 0 d
            EXISTS rt:a
            RPUSH rt:b 1 2 3 4 5 6 7
            LTRIM rt:b 1 -2
            LRANGE rt:b 0 -1
            LTRIM rt:b -2 100
            LRANGE rt:b 0 -1
            LTRIM rt:b x 1
            LTRIM rt:b 0 y
            LTRIM rt:missing 0 1
            LTRIM rt:b 5 1
            EXISTS rt:b
            RPUSH rt:c 1 2 3
            LTRIM rt:c 0 -1
            LTRIM rt:c 3 5
            EXISTS rt:c
            """);
    }

    [Fact]
    public void LPosOptionsAndErrors()
    {
        using var s = servers.Session();
        s.Script("""
            RPUSH lp:a a b c 1 2 3 c c
            LPOS lp:a c
            LPOS lp:a c RANK 2
            LPOS lp:a c RANK -1
            LPOS lp:a c RANK -3
            LPOS lp:a c RANK 10
            LPOS lp:a c COUNT 0
            LPOS lp:a c COUNT 2
            LPOS lp:a c COUNT 2 RANK -1
            LPOS lp:a c RANK 2 COUNT 0 MAXLEN 7
            LPOS lp:a c MAXLEN 2
            LPOS lp:a c MAXLEN 3 COUNT 0
            LPOS lp:a zz
            LPOS lp:a zz COUNT 1
            LPOS lp:missing a
            LPOS lp:missing a COUNT 1
            LPOS lp:a c RANK 0
            LPOS lp:a c RANK x
            LPOS lp:a c COUNT -1
            LPOS lp:a c COUNT x
            LPOS lp:a c MAXLEN -1
            LPOS lp:a c MAXLEN x
            LPOS lp:a c RANK
            LPOS lp:a c BOGUS 1
            LPOS lp:a c RANK -9223372036854775808
            LPOS lp:a 1
            LPOS lp:a
            """);
    }

    [Fact]
    public void MoveAndMultiPop()
    {
        using var s = servers.Session();
        s.Script("""
            RPUSH mv:a 1 2 3
            LMOVE mv:a mv:b LEFT RIGHT
            LMOVE mv:a mv:b right left
            LRANGE mv:b 0 -1
            LMOVE mv:a mv:a LEFT RIGHT
            LRANGE mv:a 0 -1
            LMOVE mv:a mv:b up left
            LMOVE mv:a mv:b left down
            LMOVE mv:missing mv:b LEFT LEFT
            RPOPLPUSH mv:a mv:b
            RPOPLPUSH mv:a mv:b
            EXISTS mv:a
            LRANGE mv:b 0 -1
            SET mv:str x
            LMOVE mv:b mv:str LEFT LEFT
            RPOPLPUSH mv:str mv:b
            LRANGE mv:b 0 -1
            LMPOP 2 mv:missing mv:b LEFT
            LMPOP 2 mv:missing mv:b RIGHT COUNT 2
            LMPOP 1 mv:b left count 10
            LMPOP 1 mv:b left
            LMPOP 2 mv:str mv:b LEFT
            LMPOP 0 mv:b LEFT
            LMPOP -1 mv:b LEFT
            LMPOP abc mv:b LEFT
            LMPOP 3 mv:b LEFT
            LMPOP 1 mv:b MIDDLE
            LMPOP 1 mv:b LEFT COUNT 0
            LMPOP 1 mv:b LEFT COUNT x
            LMPOP 1 mv:b LEFT COUNT 1 COUNT 2
            LMPOP 1 mv:b LEFT EXTRA
            LMPOP 1 mv:b LEFT COUNT
            LMPOP 1 mv:b
            """);
    }

    [Fact]
    public void WrongTypeForEveryCommand()
    {
        using var s = servers.Session();
        s.Script("""
            SET wt:s v
            LPUSH wt:s a
            RPUSH wt:s a
            LPUSHX wt:s a
            RPUSHX wt:s a
            LPOP wt:s
            RPOP wt:s 2
            LLEN wt:s
            LRANGE wt:s 0 -1
            LINDEX wt:s 0
            LSET wt:s 0 a
            LINSERT wt:s BEFORE a b
            LREM wt:s 0 a
            LTRIM wt:s 0 1
            LPOS wt:s a
            LMOVE wt:s wt:d LEFT LEFT
            RPOPLPUSH wt:s wt:d
            LMPOP 1 wt:s LEFT
            BLPOP wt:s 0
            BRPOP wt:missing wt:s 0
            BLMOVE wt:s wt:d LEFT LEFT 0
            BRPOPLPUSH wt:s wt:d 0
            BLMPOP 0 1 wt:s LEFT
            RPUSH wt:l x
            LPOS wt:l x RANK 0
            BLPOP wt:l wt:s 0
            """);
    }

    [Fact]
    public void BlockingCommandsThatDoNotBlock()
    {
        using var s = servers.Session();
        s.Script("""
            RPUSH bn:a 1 2 3
            BLPOP bn:missing bn:a 0
            BRPOP bn:a 0
            BLMOVE bn:a bn:b LEFT RIGHT 0
            BRPOPLPUSH bn:b bn:c 0
            BLMPOP 0 2 bn:missing bn:c RIGHT COUNT 5
            EXISTS bn:a bn:b bn:c
            BLPOP bn:a -1
            BLPOP bn:a abc
            BLPOP bn:a nan
            BLPOP bn:a inf
            BLPOP bn:a -inf
            BLPOP bn:a 1e300
            BLPOP bn:a
            BLMOVE bn:a bn:b LEFT RIGHT -1
            BLMOVE bn:a bn:b UP RIGHT -1
            BRPOPLPUSH bn:a bn:b x
            BLMPOP -1 1 bn:a LEFT
            BLMPOP 0 0 bn:a LEFT
            BLMPOP x 0 bn:a LEFT
            BLMPOP 0 1 bn:a SIDE
            BLMPOP 0 1 bn:a
            BLPOP bn:missing 0.01
            BRPOP bn:missing 0.001
            BLMOVE bn:missing bn:b LEFT RIGHT 0.01
            BRPOPLPUSH bn:missing bn:b 0.01
            BLMPOP 0.01 1 bn:missing LEFT
            """);
    }

    [Fact]
    public void Resp3Replies()
    {
        using var s = servers.Session();
        s.Both("HELLO", "3"); // the reply carries the connection id
        s.Script("""
            CLIENT SETNAME r3
            RPUSH r3:a a b c
            LPOP r3:missing
            LPOP r3:missing 2
            LPOP r3:a 0
            RPOP r3:a 2
            LINDEX r3:a 5
            LPOS r3:a zz
            LPOS r3:a zz COUNT 0
            LMOVE r3:missing r3:b LEFT LEFT
            LMPOP 1 r3:missing LEFT
            LMPOP 1 r3:a LEFT
            BLPOP r3:missing 0.01
            BLMOVE r3:missing r3:b LEFT LEFT 0.01
            BLMPOP 0.01 1 r3:missing LEFT
            RPUSH r3:c x
            BLPOP r3:c 0
            """);
    }

    [Fact]
    public void LargeListIndexes()
    {
        using var s = servers.Session();
        var args = new List<string> { "RPUSH", "big:a" };
        for (int i = 0; i < 3000; i++) args.Add("element-" + i);
        s.Same(args.ToArray());
        s.Script("""
            LLEN big:a
            LINDEX big:a 1500
            LINDEX big:a -1200
            LSET big:a 2222 changed
            LINDEX big:a 2222
            LRANGE big:a 1000 1010
            LRANGE big:a -5 -1
            LINSERT big:a BEFORE element-1700 inserted
            LPOS big:a inserted
            LPOS big:a element-2999 RANK -1
            LREM big:a 0 element-5
            LTRIM big:a 100 -100
            LLEN big:a
            LINDEX big:a 0
            LPOP big:a 3
            RPOP big:a 3
            MEMORY USAGE big:a
            MEMORY USAGE big:a SAMPLES 0
            """);
    }
}
