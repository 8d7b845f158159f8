namespace RedisNet.Types.List;

public sealed partial class ListValue
{
    /// <summary>
    /// RDB loading (quicklistAppendListpack): adds a whole node at the tail as it was stored, without
    /// the fill check or merging, so node boundaries match what Redis keeps after loading the same file.
    /// </summary>
    internal void AppendLoadedNode(ListChunk node)
    {
        if (node.Count == 0) return;
        node.Trim();
        _chunks.Add(node);
        _count += node.Count;
    }
}
