namespace RedisNet.Keyspace;

/// <summary>
/// What commands of other types need from a set value: ZUNIONSTORE/ZINTERSTORE/ZDIFF accept sets
/// (every member scored 1), SORT reads them. The set type implements it.
/// </summary>
public interface ISetMembers
{
    long Count { get; }
    bool Contains(ReadOnlySpan<byte> member);
    /// <summary>The members, in the set's own order; the set must not change while this is enumerated.</summary>
    IEnumerable<byte[]> Members();
}
