using RedisNet.Commands.Strings;
using RedisNet.Config;
using RedisNet.Keyspace;

namespace RedisNet.Commands.Bitmaps;

/// <summary>BITFIELD and BITFIELD_RO: GET / SET / INCRBY on i1..i64 and u1..u63 fields, with OVERFLOW.</summary>
public static class BitField
{
    private enum Kind { Get, Set, IncrBy }

    private struct FieldOp
    {
        public Kind Kind;
        public ulong Offset;
        public long Value;
        public Overflow Overflow;
        public int Bits;
        public bool Signed;
    }

    [RedisCommand("bitfield", Arity = -2, Flags = CommandFlags.Write | CommandFlags.DenyOom, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Write | AclCategory.Bitmap | AclCategory.Slow,
        KeySpecs = "RW,ACCESS,UPDATE,VARIABLE_FLAGS index:1 range:0,1,0 notes:This command allows both access and modification of the key",
        Group = "bitmap", Since = "3.2.0", Summary = "Perform arbitrary bitfield integer operations on strings", Complexity = "O(1) for each subcommand specified")]
    public static void Run(CommandContext ctx) => Generic(ctx, false);

    [RedisCommand("bitfield_ro", Arity = -2, Flags = CommandFlags.ReadOnly | CommandFlags.Fast, FirstKey = 1, LastKey = 1, Step = 1,
        Acl = AclCategory.Read | AclCategory.Bitmap | AclCategory.Fast, KeySpecs = "RO,ACCESS index:1 range:0,1,0",
        Group = "bitmap", Since = "6.0.0", Summary = "Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD",
        Complexity = "O(1) for each subcommand specified")]
    public static void RunReadOnly(CommandContext ctx) => Generic(ctx, true);

    private static void Generic(CommandContext ctx, bool readOnlyCommand)
    {
        var ops = new List<FieldOp>();
        var ow = Overflow.Wrap;
        bool readOnly = true;
        ulong highestWrite = 0;
        for (int j = 2; j < ctx.ArgCount; j++)
        {
            int remaining = ctx.ArgCount - j - 1;
            Kind kind;
            if (ctx.ArgIs(j, "get"u8) && remaining >= 2) kind = Kind.Get;
            else if (ctx.ArgIs(j, "set"u8) && remaining >= 3) kind = Kind.Set;
            else if (ctx.ArgIs(j, "incrby"u8) && remaining >= 3) kind = Kind.IncrBy;
            else if (ctx.ArgIs(j, "overflow"u8) && remaining >= 1)
            {
                j++;
                if (ctx.ArgIs(j, "wrap"u8)) ow = Overflow.Wrap;
                else if (ctx.ArgIs(j, "sat"u8)) ow = Overflow.Sat;
                else if (ctx.ArgIs(j, "fail"u8)) ow = Overflow.Fail;
                else
                {
                    ctx.Error("ERR Invalid OVERFLOW type specified");
                    return;
                }
                continue;
            }
            else
            {
                ctx.SyntaxError();
                return;
            }
            if (!BitAccess.TryType(ctx, j + 1, out bool signed, out int bits)) return;
            if (!BitAccess.TryOffset(ctx, j + 2, bits, out ulong offset)) return;
            long value = 0;
            if (kind != Kind.Get)
            {
                readOnly = false;
                highestWrite = Math.Max(highestWrite, offset + (ulong)bits - 1);
                if (!ctx.TryArgLong(j + 3, out value)) return;
            }
            ops.Add(new FieldOp { Kind = kind, Offset = offset, Value = value, Overflow = ow, Bits = bits, Signed = signed });
            j += kind == Kind.Get ? 2 : 3;
        }

        var key = ctx.Arg(1);
        MutableString? target = null;
        ReadOnlySpan<byte> source = default;
        bool grew = false;
        if (readOnly)
        {
            var e = ctx.Db.LookupRead(key);
            if (e is not null && !StringValues.TryGetSpan(e, out source))
            {
                ctx.WrongType();
                return;
            }
        }
        else
        {
            if (readOnlyCommand)
            {
                ctx.Error("ERR BITFIELD_RO only supports the GET subcommand");
                return;
            }
            target = BitAccess.LookupForWrite(ctx, key, highestWrite, out grew);
            if (target is null) return;
        }

        ctx.Reply.WriteArrayHeader(ops.Count);
        int changes = 0;
        foreach (var op in ops)
        {
            if (op.Kind == Kind.Get)
            {
                ReplyGet(ctx, target is null ? source : target.Span, op);
                continue;
            }
            var buf = target!.Span;
            bool overflow;
            ulong oldBits, newBits;
            long reply;
            if (op.Signed)
            {
                long old = BitFieldMath.GetSigned(buf, op.Offset, op.Bits);
                long nv;
                if (op.Kind == Kind.IncrBy)
                {
                    overflow = BitFieldMath.SignedOverflows(old, op.Value, op.Bits, op.Overflow, out long wrapped);
                    nv = overflow ? wrapped : unchecked(old + op.Value);
                    reply = nv;
                }
                else
                {
                    overflow = BitFieldMath.SignedOverflows(op.Value, 0, op.Bits, op.Overflow, out long wrapped);
                    nv = overflow ? wrapped : op.Value;
                    reply = old;
                }
                oldBits = (ulong)old;
                newBits = (ulong)nv;
            }
            else
            {
                ulong old = BitFieldMath.GetUnsigned(buf, op.Offset, op.Bits);
                ulong nv;
                if (op.Kind == Kind.IncrBy)
                {
                    overflow = BitFieldMath.UnsignedOverflows(old, op.Value, op.Bits, op.Overflow, out ulong wrapped);
                    nv = overflow ? wrapped : unchecked(old + (ulong)op.Value);
                    reply = (long)nv;
                }
                else
                {
                    overflow = BitFieldMath.UnsignedOverflows((ulong)op.Value, 0, op.Bits, op.Overflow, out ulong wrapped);
                    nv = overflow ? wrapped : (ulong)op.Value;
                    reply = (long)old;
                }
                oldBits = old;
                newBits = nv;
            }
            // FAIL: nothing is written and the reply is null.
            if (overflow && op.Overflow == Overflow.Fail)
            {
                ctx.Reply.WriteNull();
                continue;
            }
            ctx.Reply.WriteInteger(reply);
            BitFieldMath.Set(buf, op.Offset, op.Bits, newBits);
            if (grew || oldBits != newBits) changes++;
        }
        if (changes > 0)
        {
            ctx.Db.SignalModified(key);
            ctx.Db.Notify(KeyspaceEventFlags.String, "setbit"u8, key);
            ctx.Dirty(changes);
        }
    }

    /// <summary>GET reads past the end of the string as zeros.</summary>
    private static void ReplyGet(CommandContext ctx, ReadOnlySpan<byte> src, FieldOp op)
    {
        Span<byte> buf = stackalloc byte[9];
        buf.Clear();
        ulong first = op.Offset >> 3;
        if (first < (ulong)src.Length)
        {
            var avail = src[(int)first..];
            avail[..Math.Min(9, avail.Length)].CopyTo(buf);
        }
        ulong at = op.Offset - first * 8;
        if (op.Signed) ctx.Reply.WriteInteger(BitFieldMath.GetSigned(buf, at, op.Bits));
        else ctx.Reply.WriteInteger((long)BitFieldMath.GetUnsigned(buf, at, op.Bits));
    }
}
