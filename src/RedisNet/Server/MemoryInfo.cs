using System.Globalization;

namespace RedisNet.Server;

/// <summary>
/// Memory figures for INFO memory and MEMORY STATS. "used" is the managed heap (what our data
/// costs), "rss" the process's resident set from /proc. Peak is tracked whenever these are read.
/// </summary>
public static class MemoryInfo
{
    private static long _peak;
    /// <summary>Heap in use when the server started (used_memory_startup), captured on first use.</summary>
    public static readonly long Startup = GC.GetTotalMemory(false);

    public static long Used()
    {
        long used = GC.GetTotalMemory(false);
        if (used > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, used);
        return used;
    }

    public static long Peak => Math.Max(Interlocked.Read(ref _peak), Startup);

    /// <summary>Resident set size: /proc/self/statm's second field times the page size.</summary>
    public static long Rss()
    {
        try
        {
            var parts = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(parts[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (IOException) { return Environment.WorkingSet; }
        catch (UnauthorizedAccessException) { return Environment.WorkingSet; }
    }

    public static long TotalSystemMemory()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                    return long.Parse(line[9..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    /// <summary>Redis's bytesToHuman: "123B", "918.95K", "6.84M", ...</summary>
    public static string Human(long n)
    {
        double d = n;
        if (n < 1024) return n.ToString(CultureInfo.InvariantCulture) + "B";
        string[] units = { "K", "M", "G", "T", "P" };
        for (int i = 0; i < units.Length; i++)
        {
            d /= 1024;
            if (d < 1024 || i == units.Length - 1)
                return d.ToString("F2", CultureInfo.InvariantCulture) + units[i];
        }
        return n.ToString(CultureInfo.InvariantCulture) + "B";
    }
}
