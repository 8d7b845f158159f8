namespace RedisNet.Config;

/// <summary>proc-title-template checks: only known {variables}, balanced braces, not empty.</summary>
public static class ProcTitle
{
    private static readonly string[] Variables = { "title", "listen-addr", "server-mode", "port", "tls-port", "unixsocket", "config-file" };

    public static bool IsValidTemplate(string template)
    {
        var expanded = new System.Text.StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '}') return false;
            if (c != '{') { expanded.Append(c); continue; }
            int end = template.IndexOf('}', i + 1);
            if (end < 0) return false;
            var name = template[(i + 1)..end];
            if (Array.IndexOf(Variables, name) < 0) return false;
            expanded.Append('x');
            i = end;
        }
        return expanded.ToString().Trim().Length > 0;
    }
}
