using RedisNet.Persistence.Rdb;

namespace RedisNet.Types.List;

/// <summary>
/// A node's elements as Redis's listpack bytes (what RDB files store for each quicklist node,
/// and what DEBUG OBJECT's serializedlength measures). The sizes agree with <see cref="ListpackSize"/>.
/// </summary>
internal static class ListpackEncoder
{
    public static byte[] Encode(ListChunk chunk)
    {
        var lp = new ListpackBuilder(chunk.LpBytes);
        for (int i = 0; i < chunk.Count; i++) lp.Append(chunk.Get(i));
        return lp.ToArray();
    }
}
