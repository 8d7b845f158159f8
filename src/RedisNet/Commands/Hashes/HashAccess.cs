using RedisNet.Keyspace;
using RedisNet.Config;
using RedisNet.Types;
using RedisNet.Types.Hash;

namespace RedisNet.Commands.Hashes;

/// <summary>Lookups and change notifications shared by the hash commands.</summary>
internal static class HashAccess
{
    /// <summary>
    /// Redis's hashTypeLookupWriteOrCreate: the hash at argument 1 for writing, a new empty one
    /// (added to the keyspace) when the key is missing; false after WRONGTYPE.
    /// </summary>
    public static bool TryWriteOrCreate(CommandContext ctx, out HashValue hash)
    {
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<HashValue>(key, out _, out var h)) { hash = null!; return false; }
        if (h is null)
        {
            h = new HashValue();
            ctx.Db.Add(key, h);
        }
        hash = h;
        return true;
    }

    /// <summary>After an in-place change: WATCH/tracking, then the keyspace event.</summary>
    public static void Changed(CommandContext ctx, ReadOnlySpan<byte> evt)
    {
        var key = ctx.Arg(1);
        ctx.Db.SignalModified(key);
        ctx.Db.Notify(KeyspaceEventFlags.Hash, evt, key);
    }
}
