using System.Runtime.CompilerServices;
using RedisNet.Types.Stream;

namespace RedisNet.Persistence.Rdb;

/// <summary>Streams in RDB (RDB_TYPE_STREAM_LISTPACKS_2): the stream type's own writer and reader.</summary>
internal static class RdbStream
{
    [ModuleInitializer]
    internal static void Register()
    {
        RdbCodecs.RegisterWriter(typeof(StreamValue), new RdbValueCodec
        {
            TypeOf = _ => RdbFormat.TypeStreamListpacks2,
            Save = (w, v) => StreamRdb.Write(w, (StreamValue)v),
        });
        RdbCodecs.RegisterLoader(RdbFormat.TypeStreamListpacks2, (r, ctx) => StreamRdbReader.Read(r, ctx.DeepSanitize, v1: false, ctx.CountSanitization));
        RdbCodecs.RegisterLoader(RdbFormat.TypeStreamListpacks, (r, ctx) => StreamRdbReader.Read(r, ctx.DeepSanitize, v1: true, ctx.CountSanitization));
    }
}
