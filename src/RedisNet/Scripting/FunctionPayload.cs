using RedisNet.Persistence.Rdb;

namespace RedisNet.Scripting;

/// <summary>
/// FUNCTION DUMP / RESTORE payloads in Redis's format: per library the RDB opcode FUNCTION2 and its
/// code as an RDB string, then DUMP's footer (RDB version and CRC64). Built on the RDB primitives.
/// </summary>
internal static class FunctionPayload
{
    public static byte[] Dump(FunctionRegistry registry)
    {
        var w = new RdbWriter(compress: true, capacity: 256);
        foreach (var lib in registry.Libraries.Values) w.WriteFunction(lib.Code);
        DumpPayload.WriteFooter(w);
        return w.ToArray();
    }

    public static string? Restore(FunctionRegistry registry, ReadOnlySpan<byte> payload, string policy, bool skipChecksum)
    {
        if (!DumpPayload.Verify(payload, skipChecksum)) return "ERR DUMP payload version or checksum are wrong";
        var codes = new List<byte[]>();
        var r = RdbReader.Over(payload[..^DumpPayload.FooterSize].ToArray());
        try
        {
            while (!r.AtEnd)
            {
                if (r.ReadByte() != RdbFormat.OpFunction2) return "ERR given type is not a function";
                codes.Add(r.ReadString());
            }
        }
        catch (RdbFormatException) { return "ERR DUMP payload version or checksum are wrong"; }
        if (policy == "flush") registry.Flush();
        foreach (var code in codes)
        {
            var error = registry.Load(code, policy == "replace", out var name);
            if (error != null) return error.EndsWith("already exists", StringComparison.Ordinal) && error.StartsWith("ERR Library", StringComparison.Ordinal)
                ? $"ERR Library {name} already exists" : error;
        }
        return null;
    }
}
