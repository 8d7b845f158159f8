using RedisNet.Config;
using RedisNet.Types;

namespace RedisNet.Commands.Sets;

/// <summary>HDEL and SREM: Redis's loop that removes the named elements and deletes the key once it is empty.</summary>
public static class ElementRemoval
{
    /// <summary>Removes arguments 2.. from the collection at argument 1 (read for writing), with the events and reply Redis gives.</summary>
    public static void Run<T>(CommandContext ctx, int eventType, ReadOnlySpan<byte> evt) where T : class, IElementCollection
    {
        var key = ctx.Arg(1);
        if (!ctx.TryWrite<T>(key, out _, out var collection)) return;
        long deleted = 0;
        bool keyRemoved = false;
        if (collection is not null)
        {
            for (int i = 2; i < ctx.ArgCount; i++)
            {
                if (!collection.Remove(ctx.Arg(i))) continue;
                deleted++;
                if (collection.Count == 0)
                {
                    ctx.Db.Delete(key);
                    keyRemoved = true;
                    break;
                }
            }
        }
        if (deleted > 0)
        {
            ctx.Db.SignalModified(key);
            ctx.Db.Notify(eventType, evt, key);
            if (keyRemoved) ctx.Db.Notify(KeyspaceEventFlags.Generic, "del"u8, key);
            ctx.Dirty(deleted);
        }
        ctx.Reply.WriteInteger(deleted);
    }
}
