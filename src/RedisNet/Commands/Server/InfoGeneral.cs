using System.Runtime.InteropServices;
using RedisNet.Scripting;
using RedisNet.Server;

namespace RedisNet.Commands.ServerCommands;

/// <summary>INFO sections server, clients, memory and persistence.</summary>
public static class InfoGeneral
{
    public const string Version = "7.0.15";
    // Like Redis's build id: changes with every build of the binary.
    private static readonly string BuildId = Convert.ToHexString(typeof(InfoGeneral).Assembly.ManifestModule.ModuleVersionId.ToByteArray(), 0, 8).ToLowerInvariant();

    public static void Server(InfoWriter w, RedisServer server)
    {
        long nowUs = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;
        long uptime = (Clock.UnixMs() - server.StartTimeMs) / 1000;
        w.Section("Server");
        w.Field("redis_version", Version)
         .Field("redis_git_sha1", "00000000")
         .Field("redis_git_dirty", 0)
         .Field("redis_build_id", BuildId)
         .Field("redis_mode", Mode(server))
         .Field("os", OsName())
         .Field("arch_bits", IntPtr.Size * 8)
         .Field("monotonic_clock", "POSIX clock_gettime")
         .Field("multiplexing_api", "epoll")
         .Field("atomicvar_api", "c11-builtin")
         .Field("gcc_version", "0.0.0")
         .Field("process_id", Environment.ProcessId)
         .Field("process_supervised", server.Config.Supervised)
         .Field("run_id", server.RunId)
         .Field("tcp_port", server.BoundPort)
         .Field("server_time_usec", nowUs)
         .Field("uptime_in_seconds", uptime)
         .Field("uptime_in_days", uptime / 86400)
         .Field("hz", server.Config.Hz)
         .Field("configured_hz", server.Config.Hz)
         .Field("lru_clock", server.Clock.LruClock)
         .Field("executable", Executable())
         .Field("config_file", server.Config.ConfigFile ?? "")
         .Field("io_threads_active", 0);
    }

    /// <summary>redis_mode and HELLO's mode: "standalone", "cluster" or "sentinel".</summary>
    public static string Mode(RedisServer server) =>
        server.Config.SentinelMode ? "sentinel" : server.Config.ClusterEnabled ? "cluster" : "standalone";

    /// <summary>"Linux 6.1.0 x86_64", as uname's sysname, release and machine.</summary>
    private static string OsName()
    {
        string release;
        try { release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim(); }
        catch (IOException) { release = Environment.OSVersion.Version.ToString(); }
        string machine = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x86_64",
            Architecture.Arm64 => "aarch64",
            Architecture.X86 => "i686",
            Architecture.Arm => "armv7l",
            var a => a.ToString().ToLowerInvariant(),
        };
        return $"{(OperatingSystem.IsLinux() ? "Linux" : RuntimeInformation.OSDescription)} {release} {machine}";
    }

    /// <summary>The server's own path: the apphost, or the entry assembly when run as "dotnet redis-server.dll".</summary>
    private static string Executable()
    {
        var path = Environment.ProcessPath ?? "";
        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
            path = System.Reflection.Assembly.GetEntryAssembly()?.Location ?? path;
        return path;
    }

    public static void Clients(InfoWriter w, RedisServer server)
    {
        int blocked = 0, tracking = 0;
        foreach (var c in server.Clients.Values)
        {
            if ((c.Flags & ClientFlags.Blocked) != 0) blocked++;
            if ((c.Flags & ClientFlags.Tracking) != 0) tracking++;
        }
        w.Section("Clients");
        w.Field("connected_clients", server.Clients.Count)
         .Field("cluster_connections", 0)
         .Field("maxclients", server.Config.MaxClients)
         .Field("client_recent_max_input_buffer", 0)
         .Field("client_recent_max_output_buffer", 0)
         .Field("blocked_clients", blocked)
         .Field("tracking_clients", tracking)
         .Field("clients_in_timeout_table", server.Blocking.WithTimeout);
    }

    public static void Memory(InfoWriter w, RedisServer server)
    {
        var m = MemorySnapshot.Take(server);
        long evalVm = ScriptMemory.EvalVm(server), functionVm = ScriptMemory.FunctionVm(server);
        long evalScripts = ScriptMemory.EvalScripts(server), functions = ScriptMemory.FunctionsOverhead(server);
        w.Section("Memory");
        w.Field("used_memory", m.Used)
         .Field("used_memory_human", MemoryInfo.Human(m.Used))
         .Field("used_memory_rss", m.Rss)
         .Field("used_memory_rss_human", MemoryInfo.Human(m.Rss))
         .Field("used_memory_peak", m.Peak)
         .Field("used_memory_peak_human", MemoryInfo.Human(m.Peak))
         .Field("used_memory_peak_perc", InfoWriter.F2(m.PeakPercent) + "%")
         .Field("used_memory_overhead", m.Overhead)
         .Field("used_memory_startup", m.Startup)
         .Field("used_memory_dataset", m.Dataset)
         .Field("used_memory_dataset_perc", InfoWriter.F2(m.DatasetPercent) + "%")
         .Field("allocator_allocated", m.Used)
         .Field("allocator_active", m.Used)
         .Field("allocator_resident", m.Rss)
         .Field("total_system_memory", m.TotalSystem)
         .Field("total_system_memory_human", MemoryInfo.Human(m.TotalSystem))
         .Field("used_memory_lua", evalVm)
         .Field("used_memory_vm_eval", evalVm)
         .Field("used_memory_lua_human", MemoryInfo.Human(evalVm))
         .Field("used_memory_scripts_eval", evalScripts)
         .Field("number_of_cached_scripts", ScriptMemory.CachedScripts(server))
         .Field("number_of_functions", ScriptMemory.Functions(server))
         .Field("number_of_libraries", ScriptMemory.Libraries(server))
         .Field("used_memory_vm_functions", functionVm)
         .Field("used_memory_vm_total", evalVm + functionVm)
         .Field("used_memory_vm_total_human", MemoryInfo.Human(evalVm + functionVm))
         .Field("used_memory_functions", functions)
         .Field("used_memory_scripts", evalScripts + functions)
         .Field("used_memory_scripts_human", MemoryInfo.Human(evalScripts + functions))
         .Field("maxmemory", (long)server.Config.MaxMemory)
         .Field("maxmemory_human", MemoryInfo.Human((long)server.Config.MaxMemory))
         .Field("maxmemory_policy", server.Config.MaxMemoryPolicy)
         .Field2("allocator_frag_ratio", 1.0)
         .Field("allocator_frag_bytes", 0)
         .Field2("allocator_rss_ratio", m.Used == 0 ? 0 : (double)m.Rss / m.Used)
         .Field("allocator_rss_bytes", m.Rss - m.Used)
         .Field2("rss_overhead_ratio", 1.0)
         .Field("rss_overhead_bytes", 0)
         .Field2("mem_fragmentation_ratio", m.Used == 0 ? 0 : (double)m.Rss / m.Used)
         .Field("mem_fragmentation_bytes", m.Rss - m.Used)
         .Field("mem_not_counted_for_evict", 0)
         .Field("mem_replication_backlog", 0)
         .Field("mem_total_replication_buffers", 0)
         .Field("mem_clients_slaves", 0)
         .Field("mem_clients_normal", m.ClientsNormal)
         .Field("mem_cluster_links", 0)
         .Field("mem_aof_buffer", 0)
         .Field("mem_allocator", "libc")
         .Field("active_defrag_running", 0)
         .Field("lazyfree_pending_objects", 0)
         .Field("lazyfreed_objects", 0);
    }
}

/// <summary>One consistent reading of the memory figures shared by INFO memory and MEMORY STATS.</summary>
public readonly record struct MemorySnapshot(long Used, long Rss, long Peak, long Startup, long Overhead, long Dataset, long TotalSystem, long ClientsNormal, long Keys)
{
    public double PeakPercent => Peak == 0 ? 0 : Used * 100.0 / Peak;
    public double DatasetPercent => Used - Startup <= 0 ? 0 : Dataset * 100.0 / (Used - Startup);

    public static MemorySnapshot Take(RedisServer server)
    {
        long used = MemoryInfo.Used();
        long startup = Math.Min(MemoryInfo.Startup, used);
        long clients = 0;
        foreach (var c in server.Clients.Values) clients += c.Output.Length;
        long keys = server.KeyCount();
        // Overhead as Redis counts it: startup, client buffers, and the key tables' bookkeeping.
        long overhead = Math.Min(used, startup + clients + keys * 56);
        return new MemorySnapshot(used, MemoryInfo.Rss(), Math.Max(MemoryInfo.Peak, used), startup, overhead,
            Math.Max(0, used - overhead), MemoryInfo.TotalSystemMemory(), clients, keys);
    }
}
