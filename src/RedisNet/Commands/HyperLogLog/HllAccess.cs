using RedisNet.Keyspace;
using RedisNet.Types.HyperLogLog;

namespace RedisNet.Commands.HyperLogLog;

/// <summary>What the HyperLogLog commands share: Redis's isHLLObjectOrReply and its error replies.</summary>
internal static class HllAccess
{
    public const string NotHll = "WRONGTYPE Key is not a valid HyperLogLog string value.";
    public const string Corrupted = "INVALIDOBJ Corrupted HLL object detected";

    /// <summary>True when the entry holds a valid HLL string; otherwise replies WRONGTYPE (either form).</summary>
    public static bool Check(CommandContext ctx, KeyEntry e, out ReadOnlySpan<byte> hll)
    {
        if (!StringValues.TryGetSpan(e, out hll))
        {
            ctx.WrongType();
            return false;
        }
        if (HllFormat.IsValid(hll)) return true;
        ctx.Error(NotHll);
        return false;
    }

    /// <summary>A new, empty HLL value (sparse; a raw string, as Redis creates it).</summary>
    public static MutableString NewValue()
    {
        var empty = HllFormat.NewSparse();
        return new MutableString(empty, empty.Length);
    }

    /// <summary>Raises one register whatever the encoding: 1 changed, 0 unchanged, -1 corrupt.</summary>
    public static int SetRegister(CommandContext ctx, MutableString m, int index, int count)
    {
        if (HllFormat.IsDense(m.Span))
            return HllDense.Set(m.Span[HllFormat.HeaderSize..], index, count) ? 1 : 0;
        return HllSparse.Set(m, index, count, ctx.Server.Config.HllSparseMaxBytes);
    }
}
