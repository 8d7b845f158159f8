namespace RedisNet.Protocol;

/// <summary>
/// Arguments of the commands parsed from one read, as offsets into one contiguous buffer.
/// Parsing a whole batch before taking the execution lock keeps parsing off the serialized path;
/// handlers read arguments as spans, so nothing is copied unless a value is stored.
/// </summary>
public sealed class CommandBatch
{
    public byte[] Buffer = Array.Empty<byte>();
    public int[] Offsets = new int[64];
    public int[] Lengths = new int[64];
    /// <summary>Index of each command's first argument in Offsets/Lengths; CommandStarts[Count] is the end.</summary>
    public int[] CommandStarts = new int[17];
    public int Count;
    public int ArgTotal;
    /// <summary>After an incomplete parse: bytes, from the incomplete command's start, needed before it can complete (0 = unknown).</summary>
    public long NeedBytes;

    public void Clear() { Count = 0; ArgTotal = 0; CommandStarts[0] = 0; NeedBytes = 0; }

    public void AddArg(int offset, int length)
    {
        if (ArgTotal == Offsets.Length)
        {
            Array.Resize(ref Offsets, ArgTotal * 2);
            Array.Resize(ref Lengths, ArgTotal * 2);
        }
        Offsets[ArgTotal] = offset;
        Lengths[ArgTotal] = length;
        ArgTotal++;
    }

    public void EndCommand()
    {
        Count++;
        if (Count + 1 >= CommandStarts.Length) Array.Resize(ref CommandStarts, CommandStarts.Length * 2);
        CommandStarts[Count] = ArgTotal;
    }

    /// <summary>Drops arguments added since the last EndCommand (an incomplete command).</summary>
    public void Rollback() => ArgTotal = CommandStarts[Count];

    /// <summary>Builds a one-command batch from separate arguments (scripts, AOF loading, replication).</summary>
    public static CommandBatch FromArgs(IReadOnlyList<byte[]> args)
    {
        var b = new CommandBatch();
        b.Load(args);
        return b;
    }

    public void Load(IReadOnlyList<byte[]> args)
    {
        Clear();
        int total = 0;
        for (int i = 0; i < args.Count; i++) total += args[i].Length;
        if (Buffer.Length < total) Buffer = new byte[total];
        int pos = 0;
        for (int i = 0; i < args.Count; i++)
        {
            args[i].CopyTo(Buffer, pos);
            AddArg(pos, args[i].Length);
            pos += args[i].Length;
        }
        EndCommand();
    }
}
