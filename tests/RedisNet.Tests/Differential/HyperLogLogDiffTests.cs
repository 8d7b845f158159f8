using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// PFADD, PFCOUNT and PFMERGE against redis-server 7.0. GET after each step compares the stored
/// bytes: header, cached cardinality, sparse opcodes and dense registers must all be identical.
/// </summary>
public class HyperLogLogDiffTests(DiffServers servers) : IClassFixture<DiffServers>
{
    [Fact]
    public void PfAddStoresTheSameBytes()
    {
        using var s = servers.Session();
        s.Script("""
            PFADD hl:a
            GET hl:a
            OBJECT ENCODING hl:a
            PFCOUNT hl:a
            GET hl:a
            PFADD hl:a
            PFADD hl:a a b c d e f g
            GET hl:a
            PFADD hl:a a b c
            GET hl:a
            PFCOUNT hl:a
            GET hl:a
            PFCOUNT hl:a
            PFADD hl:a h
            GET hl:a
            PFADD hl:b "" "\x00" "\xff\xfe" "a longer element with more than eight bytes" 12345
            GET hl:b
            PFCOUNT hl:b
            PFADD hl:a
            PFCOUNT hl:missing
            EXISTS hl:missing
            PFADD
            PFCOUNT
            """);
    }

    [Fact]
    public void ManyAddsKeepSparseBytesIdentical()
    {
        using var s = servers.Session();
        // Enough elements to exercise every opcode split and VAL merge, checked after each batch.
        for (int batch = 0; batch < 60; batch++)
        {
            var args = new List<string> { "PFADD", "hm:a" };
            for (int i = 0; i < 25; i++) args.Add($"el:{batch}:{i}");
            s.Same(args.ToArray());
            s.Same("GET", "hm:a");
            if (batch % 7 == 0) s.Same("PFCOUNT", "hm:a");
        }
        s.Same("PFDEBUG", "ENCODING", "hm:a");
        s.Same("PFDEBUG", "DECODE", "hm:a");
        s.Same("STRLEN", "hm:a");
    }

    [Fact]
    public void SparseIsPromotedToDenseAtTheConfiguredSize()
    {
        using var s = servers.Session();
        s.Script("""
            CONFIG SET hll-sparse-max-bytes 100
            PFADD hp:a a b c d e f g h i j k l m n o p q r s t u v w x y z
            PFDEBUG ENCODING hp:a
            GET hp:a
            PFADD hp:b a b c d e f g h i j
            PFDEBUG ENCODING hp:b
            PFADD hp:b k l m n o p q r s t u v w x y z 1 2 3 4 5 6 7 8 9 10 11 12
            PFDEBUG ENCODING hp:b
            GET hp:b
            PFCOUNT hp:b
            GET hp:b
            CONFIG SET hll-sparse-max-bytes 0
            PFADD hp:c x
            PFDEBUG ENCODING hp:c
            GET hp:c
            CONFIG SET hll-sparse-max-bytes 3000
            """);
        // A register value above 32 cannot be sparse: these elements' hashes have long zero runs.
        s.Same("PFADD", "hp:d", "seed");
        for (int i = 0; i < 3000; i++)
        {
            var reply = s.Same("PFADD", "hp:d", "e" + i);
            if (i % 500 == 0) s.Same("GET", "hp:d");
        }
        s.Same("PFDEBUG", "ENCODING", "hp:d");
        s.Same("GET", "hp:d");
        s.Same("PFCOUNT", "hp:d");
        s.Same("GET", "hp:d");
    }

    [Fact]
    public void PfMergeAndMultiKeyCount()
    {
        using var s = servers.Session();
        s.Script("""
            PFADD hg:a a b c d
            PFADD hg:b c d e f g
            PFCOUNT hg:a hg:b
            PFCOUNT hg:a hg:b hg:missing
            PFCOUNT hg:missing hg:missing2
            GET hg:a
            PFMERGE hg:m hg:a hg:b
            GET hg:m
            PFCOUNT hg:m
            GET hg:m
            PFMERGE hg:a hg:b
            GET hg:a
            PFMERGE hg:e
            GET hg:e
            PFMERGE hg:e2 hg:missing
            GET hg:e2
            PFMERGE hg:a
            GET hg:a
            PFADD hg:d x y z
            PFDEBUG TODENSE hg:d
            PFMERGE hg:s hg:a hg:d
            PFDEBUG ENCODING hg:s
            GET hg:s
            PFMERGE hg:a hg:a hg:d
            PFDEBUG ENCODING hg:a
            GET hg:a
            PFCOUNT hg:a hg:d hg:b
            PFCOUNT hg:a
            GET hg:a
            SET hg:t x
            DEL hg:t
            PFADD hg:t q
            EXPIRE hg:t 100
            PFMERGE hg:t hg:b
            TTL hg:t
            PFMERGE
            """);
    }

    [Fact]
    public void PfDebugSubcommands()
    {
        using var s = servers.Session();
        s.Script("""
            PFADD hd:a a b c d e f
            PFDEBUG DECODE hd:a
            PFDEBUG ENCODING hd:a
            PFDEBUG decode hd:a
            PFDEBUG GETREG hd:a
            PFDEBUG ENCODING hd:a
            GET hd:a
            PFDEBUG DECODE hd:a
            PFDEBUG TODENSE hd:a
            PFADD hd:b x
            PFDEBUG TODENSE hd:b
            PFDEBUG TODENSE hd:b
            GET hd:b
            PFDEBUG GETREG hd:missing
            PFDEBUG BOGUS hd:missing
            PFDEBUG BOGUS hd:a
            PFDEBUG "bad\nname" hd:a
            SET hd:s notanhll
            PFDEBUG ENCODING hd:s
            PFDEBUG BOGUS hd:s
            PFDEBUG GETREG
            PFDEBUG GETREG hd:a extra
            PFSELFTEST
            PFSELFTEST extra
            """);
    }

    [Fact]
    public void InvalidAndCorruptedValues()
    {
        using var s = servers.Session();
        s.Script("""
            SET hi:s hello
            PFADD hi:s a
            PFCOUNT hi:s
            PFCOUNT hi:s hi:missing
            PFMERGE hi:s hi:missing
            PFMERGE hi:d hi:s
            EXISTS hi:d
            SET hi:n 12345678901234567
            PFADD hi:n a
            SET hi:short HYLL
            PFCOUNT hi:short
            SET hi:enc "HYLL\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80"
            PFCOUNT hi:enc
            SET hi:dense "HYLL\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x00\x00"
            PFCOUNT hi:dense
            SET hi:bad "HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x7f\xfe"
            PFCOUNT hi:bad
            PFCOUNT hi:bad hi:missing
            PFMERGE hi:d hi:bad
            PFDEBUG GETREG hi:bad
            PFDEBUG TODENSE hi:bad
            PFDEBUG DECODE hi:bad
            PFADD hi:bad a
            GET hi:bad
            SET hi:over "HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x7f\xff\x80"
            PFCOUNT hi:over
            PFCOUNT hi:over hi:missing
            PFMERGE hi:d hi:over
            PFDEBUG TODENSE hi:over
            PFADD hi:over zz
            SET hi:exact "HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x7f\xfe\x84"
            PFCOUNT hi:exact
            PFCOUNT hi:exact hi:missing
            PFDEBUG TODENSE hi:exact
            GET hi:exact
            SET hi:empty "HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80"
            PFCOUNT hi:empty
            PFADD hi:empty a
            PFDEBUG DECODE hi:empty
            SET hi:cached "HYLL\x01\x00\x00\x00\x2a\x00\x00\x00\x00\x00\x00\x00\x7f\xff"
            PFCOUNT hi:cached
            PFCOUNT hi:cached hi:cached
            SET hi:trunc "HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x7f"
            PFCOUNT hi:trunc
            PFDEBUG DECODE hi:trunc
            SET hi:val "HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x7f\xfb\x83"
            PFDEBUG DECODE hi:val
            PFCOUNT hi:val
            PFADD hi:val a b c
            GET hi:val
            SET hi:x1 "HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x40\x00\x7f\xfe"
            PFADD hi:x1 a b c d e f g h i j k l m n o p
            GET hi:x1
            """);
    }

    [Fact]
    public void CommandsUnderResp3()
    {
        using var s = servers.Session();
        s.Both("HELLO", "3");
        s.Script("""
            PFADD r3h:a a b c
            PFCOUNT r3h:a
            PFCOUNT r3h:a r3h:b
            PFMERGE r3h:c r3h:a
            PFDEBUG ENCODING r3h:c
            PFDEBUG DECODE r3h:c
            GET r3h:c
            """);
    }
}
