using System.Text;
using RedisNet.Keyspace;
using RedisNet.Types.HyperLogLog;

namespace RedisNet.Commands.HyperLogLog;

/// <summary>PFDEBUG (GETREG, DECODE, ENCODING, TODENSE) and PFSELFTEST.</summary>
public static class PfDebug
{
    [RedisCommand("pfdebug", Arity = 3, Flags = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Admin, FirstKey = 2, LastKey = 2, Step = 1,
        Acl = AclCategory.Write | AclCategory.HyperLogLog | AclCategory.Admin | AclCategory.Slow | AclCategory.Dangerous,
        KeySpecs = "RW,ACCESS index:2 range:0,1,0", DocFlags = "syscmd",
        Group = "hyperloglog", Since = "2.8.9", Summary = "Internal commands for debugging HyperLogLog values", Complexity = "N/A")]
    public static void Run(CommandContext ctx)
    {
        var key = ctx.Arg(2);
        var e = ctx.Db.LookupWrite(key);
        if (e is null)
        {
            ctx.Error("ERR The specified key does not exist");
            return;
        }
        if (!HllAccess.Check(ctx, e, out _)) return;
        var m = StringValues.Unshare(e);
        if (ctx.ArgIs(1, "getreg"u8))
        {
            if (!ToDense(ctx, m, out _)) return;
            var regs = m.Span[HllFormat.HeaderSize..];
            ctx.Reply.WriteArrayHeader(HllFormat.Registers);
            for (int j = 0; j < HllFormat.Registers; j++) ctx.Reply.WriteInteger(HllDense.Get(regs, j));
        }
        else if (ctx.ArgIs(1, "decode"u8))
        {
            if (HllFormat.IsDense(m.Span)) ctx.Error("ERR HLL encoding is not sparse");
            else ctx.Reply.WriteBulk(Encoding.ASCII.GetBytes(HllSparse.Decode(m.Span[HllFormat.HeaderSize..])));
        }
        else if (ctx.ArgIs(1, "encoding"u8))
        {
            ctx.Reply.WriteSimple(HllFormat.IsDense(m.Span) ? "dense" : "sparse");
        }
        else if (ctx.ArgIs(1, "todense"u8))
        {
            if (ToDense(ctx, m, out bool converted)) ctx.Reply.WriteInteger(converted ? 1 : 0);
        }
        else
        {
            // The name is echoed as a C string: it ends at a NUL, and line breaks become spaces.
            var name = ctx.ArgLatin1(1);
            int nul = name.IndexOf('\0');
            if (nul >= 0) name = name[..nul];
            ctx.Error($"ERR Unknown PFDEBUG subcommand '{name.Replace('\r', ' ').Replace('\n', ' ')}'");
        }
    }

    /// <summary>Converts to dense (a write, so it propagates); false after replying the corruption error.</summary>
    private static bool ToDense(CommandContext ctx, MutableString m, out bool converted)
    {
        converted = !HllFormat.IsDense(m.Span);
        if (!converted) return true;
        if (!HllSparse.ToDense(m))
        {
            ctx.Error(HllAccess.Corrupted);
            return false;
        }
        ctx.Dirty();
        return true;
    }

    [RedisCommand("pfselftest", Arity = 1, Flags = CommandFlags.Admin,
        Acl = AclCategory.HyperLogLog | AclCategory.Admin | AclCategory.Slow | AclCategory.Dangerous, DocFlags = "syscmd",
        Group = "hyperloglog", Since = "2.8.9", Summary = "An internal command for testing HyperLogLog values", Complexity = "N/A")]
    public static void SelfTest(CommandContext ctx)
    {
        string? failure = HllSelfTest.Run();
        if (failure is null) ctx.Reply.WriteOk();
        else ctx.Error("TESTFAILED " + failure);
    }
}
