namespace RedisNet.Types;

/// <summary>What HDEL and SREM share: removing elements by name (a hash field, a set member) and the count left.</summary>
public interface IElementCollection
{
    int Count { get; }
    bool Remove(ReadOnlySpan<byte> element);
}
