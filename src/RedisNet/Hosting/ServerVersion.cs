namespace RedisNet.Hosting;

/// <summary>
/// The version facts redis-server prints (`-v`, the startup lines, the logo, INFO server). A release
/// build of Redis without git reports sha 00000000 and dirty 0; we report the same.
/// </summary>
public static class ServerVersion
{
    public const string Version = "7.0.15";
    public const string GitSha1 = "00000000";
    public const string GitDirty = "0";
    public const string Malloc = "libc";
    public static readonly int Bits = IntPtr.Size * 8;

    /// <summary>
    /// A stable id for this build (Redis hashes its version and build host). Printed like Redis's
    /// %llx: lower-case hex without leading zeros.
    /// </summary>
    public static readonly string BuildId = ComputeBuildId();

    public static string VersionLine =>
        $"Redis server v={Version} sha={GitSha1}:{GitDirty} malloc={Malloc} bits={Bits} build={BuildId}";

    private static string ComputeBuildId()
    {
        // FNV-1a over the version and this assembly's module id: the same binary always prints the same id.
        var mvid = typeof(ServerVersion).Assembly.ManifestModule.ModuleVersionId.ToString();
        ulong h = 14695981039346656037UL;
        foreach (char c in Version + mvid)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return h.ToString("x");
    }
}
