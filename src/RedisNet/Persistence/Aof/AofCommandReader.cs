namespace RedisNet.Persistence.Aof;

/// <summary>What reading the next command of an AOF found.</summary>
public enum AofReadStatus { Command, End, Truncated, BadFormat }

/// <summary>
/// Reads commands from the command part of an AOF file, as Redis's loadSingleAppendOnlyFile does:
/// "#" lines are annotations (aof-timestamp-enabled), then RESP arrays of bulk strings. A file that
/// ends inside a command is Truncated (short read); anything else that is not "*N" / "$N" is BadFormat.
/// </summary>
public sealed class AofCommandReader(Stream input, long startOffset)
{
    private readonly Stream _in = input;
    private readonly byte[] _line = new byte[128];
    private readonly List<byte[]> _argv = new();
    private readonly byte[] _crlf = new byte[2];

    /// <summary>Offset just after the last byte consumed.</summary>
    public long Position { get; private set; } = startOffset;

    public IReadOnlyList<byte[]> Argv => _argv;

    public AofReadStatus Next()
    {
        _argv.Clear();
        while (true)
        {
            int n = ReadLine(out bool eof);
            if (n == 0 && eof) return AofReadStatus.End;
            if (eof) return AofReadStatus.Truncated;
            if (_line[0] == '#') continue; // an annotation: skipped
            if (_line[0] != '*') return AofReadStatus.BadFormat;
            if (n == 1) return AofReadStatus.Truncated;
            long argc = Atoi(1, n);
            if (argc < 1) return AofReadStatus.BadFormat;
            for (long i = 0; i < argc; i++)
            {
                n = ReadLine(out eof);
                if (eof) return AofReadStatus.Truncated;
                if (_line[0] != '$') return AofReadStatus.BadFormat;
                long len = Atoi(1, n);
                if (len < 0 || len > int.MaxValue - 2) return AofReadStatus.BadFormat;
                var arg = new byte[len];
                if (!ReadExactly(arg) || !ReadExactly(_crlf)) return AofReadStatus.Truncated;
                _argv.Add(arg);
            }
            return AofReadStatus.Command;
        }
    }

    /// <summary>
    /// Reads a line like fgets with a 128-byte buffer: up to and including '\n' (longer lines are cut
    /// into pieces, as Redis reads them). Returns its length without the line end; eof when the line
    /// did not end before the file did.
    /// </summary>
    private int ReadLine(out bool eof)
    {
        int n = 0;
        eof = false;
        while (n < _line.Length - 1)
        {
            int b = _in.ReadByte();
            if (b < 0) { eof = true; break; }
            Position++;
            if (b == '\n') return n > 0 && _line[n - 1] == '\r' ? n - 1 : n;
            _line[n++] = (byte)b;
        }
        return n;
    }

    private bool ReadExactly(Span<byte> buf)
    {
        int got = _in.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false);
        Position += got;
        return got == buf.Length;
    }

    /// <summary>C's atoi/strtol over the line: optional sign, digits, stops at the first other byte.</summary>
    private long Atoi(int from, int to)
    {
        long v = 0;
        bool neg = false;
        int i = from;
        if (i < to && (_line[i] == '-' || _line[i] == '+')) neg = _line[i++] == '-';
        for (; i < to && _line[i] >= '0' && _line[i] <= '9'; i++)
        {
            v = v * 10 + (_line[i] - '0');
            if (v > int.MaxValue) return neg ? -1 : long.MaxValue;
        }
        return neg ? -v : v;
    }
}
