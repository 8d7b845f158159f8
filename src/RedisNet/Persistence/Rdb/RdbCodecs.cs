using RedisNet.Config;

namespace RedisNet.Persistence.Rdb;

/// <summary>How one value type is written to RDB: the type byte its current encoding maps to, and the body.</summary>
public sealed class RdbValueCodec
{
    public required Func<object, byte> TypeOf { get; init; }
    public required Action<RdbWriter, object> Save { get; init; }
}

/// <summary>What a value loader may consult: the config (to pick encodings as Redis would on load) and checks.</summary>
public sealed class RdbLoadContext
{
    public required ServerConfig Config { get; init; }
    /// <summary>sanitize-dump-payload yes (or a RESTORE under it): validate every listpack/ziplist entry deeply.</summary>
    public bool DeepSanitize { get; init; }
    /// <summary>Blobs deeply validated by this load (INFO stats dump_payload_sanitizations).</summary>
    public long Sanitizations { get; private set; }

    /// <summary>Counts one listpack/intset blob check when it is deep, as Redis counts them.</summary>
    public void CountSanitization()
    {
        if (DeepSanitize) Sanitizations++;
    }
}

/// <summary>
/// The registry of RDB codecs: writers by CLR value type and loaders by RDB type byte. Each value
/// type registers its codec from its own file (a [ModuleInitializer]), as types register in
/// TypeNames, so the RDB file code knows no type's internals. Strings are handled by the file
/// code itself (they are the hot case).
/// </summary>
public static class RdbCodecs
{
    private static readonly Dictionary<Type, RdbValueCodec> Writers = new();
    private static readonly Func<RdbReader, RdbLoadContext, object?>?[] Loaders = new Func<RdbReader, RdbLoadContext, object?>?[256];

    public static void RegisterWriter(Type clrType, RdbValueCodec codec)
    {
        lock (Writers) Writers[clrType] = codec;
    }

    /// <summary>
    /// Registers the loader for an RDB type byte. It returns the value, or null when the value is
    /// empty (Redis skips empty collections on load); it throws <see cref="RdbFormatException"/> on bad data.
    /// </summary>
    public static void RegisterLoader(byte rdbType, Func<RdbReader, RdbLoadContext, object?> loader) => Loaders[rdbType] = loader;

    public static RdbValueCodec For(object value) =>
        Writers.TryGetValue(value.GetType(), out var c) ? c
            : throw new InvalidOperationException($"no RDB codec for {value.GetType().Name}");

    /// <summary>Reads one value of type <paramref name="rdbType"/> (strings included).</summary>
    public static object? Load(byte rdbType, RdbReader r, RdbLoadContext ctx)
    {
        if (rdbType == RdbFormat.TypeString) return r.ReadString();
        if (rdbType is RdbFormat.TypeModulePreGa or RdbFormat.TypeModule2)
            throw new RdbFormatException("module value types are not supported by this server");
        var loader = Loaders[rdbType] ?? throw new RdbFormatException($"Unknown RDB encoding type {rdbType}");
        return loader(r, ctx);
    }
}

/// <summary>Corrupt, truncated or unsupported RDB data.</summary>
public sealed class RdbFormatException(string message) : Exception(message);
