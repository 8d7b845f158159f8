namespace RedisNet.Hosting;

/// <summary>
/// The startup banner: the ASCII-art logo with the version, mode, port and pid lines (tools grep
/// "Running in standalone mode", "Port: N", "PID: N"), or Redis's one-line form when the logo is not
/// shown. Redis shows it when `always-show-logo yes`, or when logging to a terminal without syslog.
/// </summary>
public static class Logo
{
    public static bool ShouldShow(bool alwaysShowLogo, bool syslogEnabled, string logFile, bool stdoutIsTty) =>
        alwaysShowLogo || (!syslogEnabled && string.IsNullOrEmpty(logFile) && stdoutIsTty);

    public static string OneLine(string mode, int port) => $"Running mode={mode}, port={port}.";

    public static string Render(string mode, int port, int pid)
    {
        // Trailing blanks are part of the layout: the art is a fixed-width block.
        string[] art =
        {
            "                _._                                                  ",
            "           _.-``__ ''-._                                             ",
            "      _.-``    `.  `_.  ''-._           " + $"Redis {ServerVersion.Version} ({ServerVersion.GitSha1}/{ServerVersion.GitDirty}) {ServerVersion.Bits} bit",
            "  .-`` .-```.  ```\\/    _.,_ ''-._                                  ",
            " (    '      ,       .-`  | `,    )     " + $"Running in {mode} mode",
            " |`-._`-...-` __...-.``-._|'` _.-'|     " + $"Port: {port}",
            " |    `-._   `._    /     _.-'    |     " + $"PID: {pid}",
            "  `-._    `-._  `-./  _.-'    _.-'                                   ",
            " |`-._`-._    `-.__.-'    _.-'_.-'|                                  ",
            " |    `-._`-._        _.-'_.-'    |           https://redis.io       ",
            "  `-._    `-._`-.__.-'_.-'    _.-'                                   ",
            " |`-._`-._    `-.__.-'    _.-'_.-'|                                  ",
            " |    `-._`-._        _.-'_.-'    |                                  ",
            "  `-._    `-._`-.__.-'_.-'    _.-'                                   ",
            "      `-._    `-.__.-'    _.-'                                       ",
            "          `-._        _.-'                                           ",
            "              `-.__.-'                                               ",
        };
        return string.Join('\n', art) + "\n\n";
    }
}
