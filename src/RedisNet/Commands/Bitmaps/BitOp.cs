using System.Numerics;
using System.Runtime.InteropServices;
using RedisNet.Config;
using RedisNet.Keyspace;

namespace RedisNet.Commands.Bitmaps;

/// <summary>BITOP AND/OR/XOR/NOT: missing keys are empty strings, shorter inputs are zero-padded.</summary>
public static class BitOp
{
    private enum Op { And, Or, Xor, Not }

    [RedisCommand("bitop", Arity = -4, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 2, LastKey = -1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Bitmap | AclCategory.Slow, KeySpecs = "OW,UPDATE index:2 range:0,1,0;RO,ACCESS index:3 range:-1,1,0",
        Group = "bitmap", Since = "2.6.0", Summary = "Perform bitwise operations between strings", Complexity = "O(N)")]
    public static void Run(CommandContext ctx)
    {
        Op op;
        if (ctx.ArgIs(1, "and"u8)) op = Op.And;
        else if (ctx.ArgIs(1, "or"u8)) op = Op.Or;
        else if (ctx.ArgIs(1, "xor"u8)) op = Op.Xor;
        else if (ctx.ArgIs(1, "not"u8)) op = Op.Not;
        else
        {
            ctx.SyntaxError();
            return;
        }
        if (op == Op.Not && ctx.ArgCount != 4)
        {
            ctx.Error("ERR BITOP NOT must be called with a single source key.");
            return;
        }
        int n = ctx.ArgCount - 3;
        // Sources are read in place: the result is built in a new buffer before the destination
        // (possibly one of them) is replaced. Missing keys are empty strings.
        var sources = new KeyEntry?[n];
        int maxLen = 0;
        for (int j = 0; j < n; j++)
        {
            var e = ctx.Db.LookupRead(ctx.Arg(j + 3));
            if (e is null) continue;
            if (!StringValues.TryGetSpan(e, out var s))
            {
                ctx.WrongType();
                return;
            }
            sources[j] = e;
            maxLen = Math.Max(maxLen, s.Length);
        }
        var dest = ctx.Arg(2);
        if (maxLen == 0)
        {
            if (ctx.Db.Delete(dest))
            {
                ctx.Db.Notify(KeyspaceEventFlags.Generic, "del"u8, dest);
                ctx.Dirty();
            }
            ctx.Reply.WriteInteger(0);
            return;
        }
        // The result is a raw string (Redis creates it from an sds, not through tryObjectEncoding).
        var result = new MutableString(ReadOnlySpan<byte>.Empty, maxLen);
        result.EnsureLength(maxLen);
        Compute(op, sources, result.Span);
        ctx.Db.Set(dest, result);
        ctx.Db.Notify(KeyspaceEventFlags.String, "set"u8, dest);
        ctx.Dirty();
        ctx.Reply.WriteInteger(maxLen);
    }

    private static ReadOnlySpan<byte> Bytes(KeyEntry? e) => e is null ? default : StringValues.Span(e);

    private static void Compute(Op op, KeyEntry?[] sources, Span<byte> res)
    {
        if (op == Op.Not)
        {
            var src = Bytes(sources[0]);
            var rv = MemoryMarshal.Cast<byte, Vector<byte>>(res);
            var sv = MemoryMarshal.Cast<byte, Vector<byte>>(src);
            for (int i = 0; i < rv.Length; i++) rv[i] = ~sv[i];
            for (int i = rv.Length * Vector<byte>.Count; i < res.Length; i++) res[i] = (byte)~src[i];
            return;
        }
        // res starts as the first input, zero-padded (the buffer is zeroed); the others fold in.
        var first = Bytes(sources[0]);
        first.CopyTo(res);
        if (op == Op.And) res[first.Length..].Clear();
        for (int j = 1; j < sources.Length; j++)
        {
            var src = Bytes(sources[j]);
            Fold(op, res[..src.Length], src);
            // AND: past the end of a shorter input its bytes are zero.
            if (op == Op.And) res[src.Length..].Clear();
        }
    }

    /// <summary>res[i] = res[i] op src[i], a vector at a time.</summary>
    private static void Fold(Op op, Span<byte> res, ReadOnlySpan<byte> src)
    {
        var rv = MemoryMarshal.Cast<byte, Vector<byte>>(res);
        var sv = MemoryMarshal.Cast<byte, Vector<byte>>(src);
        int tail = rv.Length * Vector<byte>.Count;
        switch (op)
        {
            case Op.And:
                for (int i = 0; i < rv.Length; i++) rv[i] &= sv[i];
                for (int i = tail; i < res.Length; i++) res[i] &= src[i];
                break;
            case Op.Or:
                for (int i = 0; i < rv.Length; i++) rv[i] |= sv[i];
                for (int i = tail; i < res.Length; i++) res[i] |= src[i];
                break;
            default:
                for (int i = 0; i < rv.Length; i++) rv[i] ^= sv[i];
                for (int i = tail; i < res.Length; i++) res[i] ^= src[i];
                break;
        }
    }
}
