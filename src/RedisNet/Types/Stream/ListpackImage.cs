using RedisNet.Persistence.Rdb;

namespace RedisNet.Types.Stream;

/// <summary>
/// Builds the exact bytes of the listpack Redis keeps for a stream node (master entry, then each
/// entry with its flags, ID deltas, fields/values and lp-count). RDB files and DUMP payloads store
/// stream nodes as these bytes, and DEBUG OBJECT's serializedlength counts them.
/// </summary>
public static class ListpackImage
{
    /// <summary>The listpack of one node.</summary>
    public static byte[] Of(StreamNode node)
    {
        var lp = new ListpackBuilder();
        lp.AppendInt(node.Live);
        lp.AppendInt(node.Deleted);
        lp.AppendInt(node.MasterFields.Length);
        foreach (var f in node.MasterFields) lp.Append(f);
        lp.AppendInt(0);
        for (int i = 0; i < node.Count; i++)
        {
            var id = node.IdAt(i);
            var fields = node.Fields(i);
            bool same = node.HasMasterFields(i);
            lp.AppendInt(node.FlagsAt(i));
            lp.AppendInt((long)(id.Ms - node.Master.Ms));
            lp.AppendInt((long)(id.Seq - node.Master.Seq));
            if (!same) lp.AppendInt(fields.Count);
            while (fields.Next())
            {
                if (!same) lp.Append(fields.Field);
                lp.Append(fields.Value);
            }
            lp.AppendInt(same ? fields.Count + 3 : 2 * fields.Count + 4);
        }
        return lp.ToArray();
    }
}
