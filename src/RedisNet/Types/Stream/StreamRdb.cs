using RedisNet.Commands.Keys;

namespace RedisNet.Types.Stream;

/// <summary>
/// Sizes of a stream in Redis 7.0's RDB form (RDB_TYPE_STREAM_LISTPACKS_2): each node as its rax
/// key (16 raw bytes) and listpack (a string, LZF-compressed when that pays), then the metadata, the groups with
/// their PELs, and the consumers with theirs. DEBUG OBJECT's serializedlength reports it.
/// </summary>
public static class StreamRdb
{
    public static long SerializedLength(StreamValue s)
    {
        long n = LenSize(s.Nodes.Count);
        foreach (var node in s.Nodes) n += 17 + Debug.SerializedLength(ListpackImage.Of(node));
        n += LenSize(s.Length) + IdSize(s.LastId) + IdSize(s.FirstId) + IdSize(s.MaxDeletedId) + LenSize(s.EntriesAdded);
        n += LenSize(s.GroupCount);
        if (s.Groups is null) return n;
        foreach (var g in s.Groups)
        {
            n += Debug.SerializedLength(g.Name) + IdSize(g.LastId) + LenSize(g.EntriesRead);
            n += LenSize(g.Pel.Count);
            foreach (var e in g.Pel.All) n += 16 + 8 + LenSize(e.DeliveryCount);
            n += LenSize(g.Consumers.Count);
            foreach (var c in g.Consumers) n += Debug.SerializedLength(c.Name) + 8 + LenSize(c.Pel.Count) + 16L * c.Pel.Count;
        }
        return n;
    }

    private static long IdSize(StreamId id) => LenSize((long)id.Ms) + LenSize((long)id.Seq);

    /// <summary>rdbSaveLen's size; the value is read as unsigned (an entries-read of -1 takes 9 bytes).</summary>
    private static int LenSize(long len)
    {
        ulong u = (ulong)len;
        return u < 1 << 6 ? 1 : u < 1 << 14 ? 2 : u <= uint.MaxValue ? 5 : 9;
    }
}
