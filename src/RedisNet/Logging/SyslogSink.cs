using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace RedisNet.Logging;

/// <summary>
/// `syslog-enabled yes`: sends each log message to the local syslog daemon as an RFC 3164 datagram on
/// /dev/log, "&lt;PRI&gt;Mmm dd HH:mm:ss ident[pid]: message", as openlog(ident, LOG_PID, facility) does.
/// Messages are dropped silently while no daemon listens, like syslog(3).
/// </summary>
public sealed class SyslogSink : IDisposable
{
    private readonly Socket? _socket;
    private readonly string _ident;
    private readonly int _facility;
    private readonly string _path;

    public SyslogSink(string ident, string facility, string path = "/dev/log")
    {
        _ident = ident;
        _facility = FacilityCode(facility);
        _path = path;
        try
        {
            _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            _socket.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException) { /* reconnected on the next message */ }
    }

    /// <summary>Facility numbers from syslog.h; Redis accepts user and local0..local7.</summary>
    public static int FacilityCode(string name) => name switch
    {
        "user" => 1,
        "local0" => 16, "local1" => 17, "local2" => 18, "local3" => 19,
        "local4" => 20, "local5" => 21, "local6" => 22, "local7" => 23,
        _ => 16,
    };

    /// <summary>Redis maps debug/verbose/notice/warning to LOG_DEBUG/LOG_INFO/LOG_NOTICE/LOG_WARNING.</summary>
    public static int Severity(char mark) => mark switch
    {
        '.' => 7,
        '-' => 6,
        '*' => 5,
        _ => 4,
    };

    public static string Format(int facility, int severity, DateTime now, string ident, int pid, string message)
    {
        // RFC 3164 pads a one-digit day with a space ("Nov  2").
        var stamp = now.ToString("MMM", CultureInfo.InvariantCulture) + " " +
                    now.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2) + " " +
                    now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        return $"<{facility * 8 + severity}>{stamp} {ident}[{pid}]: {message}";
    }

    public void Send(char mark, string message)
    {
        if (_socket is null) return;
        var text = Format(_facility, Severity(mark), DateTime.Now, _ident, Environment.ProcessId, message);
        var bytes = Encoding.UTF8.GetBytes(text);
        try
        {
            if (!_socket.Connected) _socket.Connect(new UnixDomainSocketEndPoint(_path));
            _socket.Send(bytes);
        }
        catch (SocketException) { }
        catch (InvalidOperationException) { }
    }

    public void Dispose() => _socket?.Dispose();
}
