using RedisNet.Protocol;

namespace RedisNet.Scripting;

/// <summary>FUNCTION STATS: the running function (only while one is busy, answered without the lock) and the engine's counts.</summary>
internal static class FunctionStats
{
    public static void Write(RespWriter w, ScriptingState state, ScriptRun? running)
    {
        var fr = state.Functions;
        w.WriteMapHeader(2);
        w.WriteBulk("running_script"u8);
        if (running is null) w.WriteNull();
        else
        {
            w.WriteMapHeader(3);
            w.WriteBulk("name"u8); w.WriteBulk(running.Name);
            w.WriteBulk("command"u8); w.WriteBulkArray(running.CommandArgs ?? []);
            w.WriteBulk("duration_ms"u8); w.WriteInteger(running.ElapsedMs);
        }
        w.WriteBulk("engines"u8);
        w.WriteMapHeader(1);
        w.WriteBulk("LUA"u8);
        w.WriteMapHeader(2);
        w.WriteBulk("libraries_count"u8); w.WriteInteger(fr.Libraries.Count);
        w.WriteBulk("functions_count"u8); w.WriteInteger(fr.Functions.Count);
    }
}
