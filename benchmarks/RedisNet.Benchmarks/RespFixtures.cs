using System.Text;
using RedisNet.Protocol;

namespace RedisNet.Benchmarks;

/// <summary>Builds the RESP input the benchmarks feed to the parser and executor.</summary>
internal static class RespFixtures
{
    /// <summary>RESP multibulk encoding of one command, as a client library sends it.</summary>
    public static byte[] Encode(params string[] args)
    {
        var sb = new StringBuilder();
        sb.Append('*').Append(args.Length).Append("\r\n");
        foreach (var a in args) sb.Append('$').Append(Encoding.UTF8.GetByteCount(a)).Append("\r\n").Append(a).Append("\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>A pipeline of <paramref name="count"/> SET commands with distinct keys and <paramref name="valueSize"/>-byte values.</summary>
    public static byte[] SetPipeline(int count, int valueSize)
    {
        var value = new string('x', valueSize);
        var ms = new MemoryStream();
        for (int i = 0; i < count; i++) ms.Write(Encode("SET", $"key:{i:D12}", value));
        return ms.ToArray();
    }

    /// <summary>Parses every complete command of <paramref name="input"/> into a batch, as a connection does per read.</summary>
    public static CommandBatch Parse(byte[] input)
    {
        var batch = new CommandBatch { Buffer = input };
        int pos = 0;
        ParseStatus status;
        string? error;
        while ((status = RespParser.ParseCommand(input, ref pos, batch, long.MaxValue, out error)) == ParseStatus.Complete) { }
        if (status == ParseStatus.Error || pos != input.Length)
            throw new InvalidOperationException("fixture did not parse: " + error);
        return batch;
    }
}
