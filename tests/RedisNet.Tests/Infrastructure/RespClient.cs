using System.Net.Sockets;
using System.Text;

namespace RedisNet.Tests.Infrastructure;

/// <summary>
/// A raw RESP client for byte-exact assertions: sends a command as a multibulk (or raw bytes) and
/// returns one complete reply exactly as the server sent it.
/// </summary>
public sealed class RespClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buf = new byte[64 * 1024];
    private int _start, _end;
    public int Timeout { get; set; } = 10_000;

    public RespClient(int port, string host = "127.0.0.1")
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(host, port);
        _socket.ReceiveTimeout = Timeout;
    }

    public static byte[] Encode(IEnumerable<byte[]> args)
    {
        var list = args.ToList();
        var ms = new MemoryStream();
        ms.Write(Encoding.ASCII.GetBytes($"*{list.Count}\r\n"));
        foreach (var a in list)
        {
            ms.Write(Encoding.ASCII.GetBytes($"${a.Length}\r\n"));
            ms.Write(a);
            ms.Write("\r\n"u8);
        }
        return ms.ToArray();
    }

    public static byte[] Bytes(string s) => Encoding.Latin1.GetBytes(s);

    public void SendRaw(byte[] data) => _socket.Send(data);
    public void SendRaw(string data) => SendRaw(Bytes(data));

    public byte[] Call(params string[] args) => Call(args.Select(Bytes).ToArray());

    public byte[] Call(params byte[][] args)
    {
        SendRaw(Encode(args));
        return ReadReply();
    }

    public string CallString(params string[] args) => Encoding.Latin1.GetString(Call(args));

    /// <summary>Reads exactly one RESP2/RESP3 reply and returns its raw bytes.</summary>
    public byte[] ReadReply()
    {
        var result = new MemoryStream();
        ReadValue(result);
        return result.ToArray();
    }

    /// <summary>True if the server has closed the connection (reads EOF within the timeout).</summary>
    public bool IsClosedByServer(int ms = 2000)
    {
        _socket.ReceiveTimeout = ms;
        try
        {
            while (true)
            {
                if (_end > _start) { _start = _end; continue; }
                int n = _socket.Receive(_buf);
                if (n == 0) return true;
                _start = 0; _end = n;
            }
        }
        catch (SocketException) { return _socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0; }
        finally { _socket.ReceiveTimeout = Timeout; }
    }

    private void ReadValue(MemoryStream into)
    {
        var line = ReadLine(into);
        char type = (char)line[0];
        switch (type)
        {
            case '+': case '-': case ':': case ',': case '#': case '_': case '(':
                return;
            case '$': case '=': case '!':
            {
                long len = long.Parse(Encoding.ASCII.GetString(line, 1, line.Length - 1));
                if (len < 0) return;
                ReadExact(into, (int)len + 2);
                return;
            }
            case '*': case '~': case '>':
            {
                long n = long.Parse(Encoding.ASCII.GetString(line, 1, line.Length - 1));
                for (long i = 0; i < n; i++) ReadValue(into);
                return;
            }
            case '%': case '|':
            {
                long n = long.Parse(Encoding.ASCII.GetString(line, 1, line.Length - 1));
                for (long i = 0; i < n * 2; i++) ReadValue(into);
                if (type == '|') ReadValue(into); // attribute precedes the real reply
                return;
            }
            default:
                throw new InvalidDataException("unexpected RESP type byte " + (int)type);
        }
    }

    /// <summary>Reads a line (without CRLF) and appends it with CRLF to <paramref name="into"/>.</summary>
    private byte[] ReadLine(MemoryStream into)
    {
        var line = new MemoryStream();
        while (true)
        {
            if (_start == _end) Fill();
            int idx = Array.IndexOf(_buf, (byte)'\n', _start, _end - _start);
            if (idx < 0)
            {
                line.Write(_buf, _start, _end - _start);
                _start = _end;
                continue;
            }
            line.Write(_buf, _start, idx + 1 - _start);
            _start = idx + 1;
            var all = line.ToArray();
            into.Write(all);
            return all.AsSpan(0, all.Length - 2).ToArray();
        }
    }

    private void ReadExact(MemoryStream into, int n)
    {
        while (n > 0)
        {
            if (_start == _end) Fill();
            int take = Math.Min(n, _end - _start);
            into.Write(_buf, _start, take);
            _start += take;
            n -= take;
        }
    }

    private void Fill()
    {
        int n = _socket.Receive(_buf);
        if (n == 0) throw new IOException("server closed the connection");
        _start = 0;
        _end = n;
    }

    public void Dispose() => _socket.Dispose();
}
