using RedisNet.Keyspace;

namespace RedisNet.Commands;

/// <summary>
/// Lookups for commands on one value type: a missing key is null, a key of another type replies
/// WRONGTYPE (counted in errorstats) and returns false, as Redis's checkType does.
/// </summary>
public static class TypedLookup
{
    /// <summary>Read lookup (keyspace hits/misses, LRU touch) of a key holding a <typeparamref name="T"/>.</summary>
    public static bool TryRead<T>(this CommandContext ctx, ReadOnlySpan<byte> key, out T? value) where T : class
    {
        var e = ctx.Db.LookupRead(key);
        return Check(ctx, e, out value);
    }

    /// <summary>
    /// Write lookup (a running snapshot records the entry first) of a key holding a
    /// <typeparamref name="T"/>; <paramref name="entry"/> is the key's entry when it exists.
    /// </summary>
    public static bool TryWrite<T>(this CommandContext ctx, ReadOnlySpan<byte> key, out KeyEntry? entry, out T? value) where T : class
    {
        entry = ctx.Db.LookupWrite(key);
        return Check(ctx, entry, out value);
    }

    private static bool Check<T>(CommandContext ctx, KeyEntry? e, out T? value) where T : class
    {
        value = null;
        if (e is null) return true;
        if (e.BoxedValue is T v) { value = v; return true; }
        ctx.WrongType();
        return false;
    }
}
