namespace RedisNet.Keyspace;

/// <summary>
/// What the generic key commands need to know about a value type: its TYPE name, Redis's object
/// type code (DEBUG DIGEST mixes it in; RDB uses the same numbering), how COPY duplicates it and
/// how DEBUG DIGEST hashes it.
/// </summary>
public sealed class RedisValueType
{
    public required string Name { get; init; }
    /// <summary>OBJ_STRING 0, OBJ_LIST 1, OBJ_SET 2, OBJ_ZSET 3, OBJ_HASH 4, OBJ_MODULE 5, OBJ_STREAM 6.</summary>
    public required int ObjType { get; init; }
    /// <summary>A deep copy for COPY (immutable values may return themselves).</summary>
    public required Func<object, object> Copy { get; init; }
    /// <summary>Mixes the value into a key's digest, as Redis's xorObjectDigest does for this type.</summary>
    public required Action<object, Digest> DigestValue { get; init; }
    /// <summary>
    /// OBJECT ENCODING's answer for a value of this type ("listpack", "quicklist", "hashtable",
    /// "intset", "skiplist", "stream"): what Redis 7.0 would report for the same history of writes.
    /// </summary>
    public Func<object, string>? Encoding { get; init; }
    /// <summary>
    /// MEMORY USAGE's value part as Redis would compute it (robj plus the encoding's allocations);
    /// the int is MEMORY USAGE's SAMPLES (0 = all elements). Null: a rough size is used.
    /// </summary>
    public Func<object, int, long>? MemoryUsage { get; init; }
    /// <summary>Extra fields DEBUG OBJECT appends for this type (a leading space each), e.g. a list's " ql_nodes:...".</summary>
    public Func<object, string>? DebugObjectFields { get; init; }
    /// <summary>DEBUG OBJECT serializedlength: the value's RDB encoding size (rdbSavedObjectLen).</summary>
    public Func<object, long>? SerializedLength { get; init; }
}

/// <summary>
/// The registry from CLR value type (the value's runtime type is its Redis type, see KeyEntry) to
/// <see cref="RedisValueType"/>. Collection types register themselves here when they are added.
/// </summary>
public static class TypeNames
{
    public const string None = "none";

    public static readonly RedisValueType String = new()
    {
        Name = "string",
        ObjType = 0,
        Copy = v => v is MutableString m ? new MutableString(m.Span, m.Length) : v,
        DigestValue = (v, d) => d.Mix(StringBytes(v)),
    };

    private static readonly Dictionary<Type, RedisValueType> ByClrType = new()
    {
        [typeof(byte[])] = String,
        [typeof(MutableString)] = String,
    };

    /// <summary>Registers (or replaces) the description of a value type. Call once at startup.</summary>
    public static void Register(Type clrType, RedisValueType type)
    {
        lock (ByClrType) ByClrType[clrType] = type;
    }

    public static RedisValueType Of(object value) =>
        ByClrType.TryGetValue(value.GetType(), out var t) ? t
            : throw new InvalidOperationException($"value type {value.GetType().Name} is not registered in TypeNames");

    /// <summary>TYPE's answer: "string", "list", ... or "none" for a missing key.</summary>
    public static string NameOf(object? value) => value is null ? None : Of(value).Name;

    /// <summary>TYPE's answer for an entry, without copying an inline string value.</summary>
    public static string NameOf(KeyEntry? e) => e is null ? None : e.IsString ? String.Name : Of(e.BoxedValue!).Name;

    /// <summary>The bytes of a string value, whichever representation holds it.</summary>
    public static ReadOnlySpan<byte> StringBytes(object value) => value switch
    {
        byte[] b => b,
        MutableString m => m.Span,
        _ => throw new InvalidOperationException("not a string value"),
    };
}
