using System.Text;
using RedisNet.Keyspace;
using RedisNet.Protocol;
using RedisNet.Server;

namespace RedisNet.Commands;

/// <summary>
/// What a handler sees: the arguments of the current call (as spans over the query buffer), the
/// client, its database, and the reply writer. One per client, reused for every command.
/// </summary>
public sealed class CommandContext
{
    public readonly RedisServer Server;
    public readonly Client Client;
    internal CommandBatch Batch = null!;
    internal int ArgStart;
    public int ArgCount;
    public CommandDef Command = null!;
    /// <summary>Set by Error(); the call counts as failed in INFO commandstats.</summary>
    public bool Failed;
    /// <summary>When set, replaces the argv propagated to AOF/replicas (e.g. EXPIRE as PEXPIREAT).</summary>
    public List<byte[][]>? PropagateOverride;
    /// <summary>Set when the handler wants nothing propagated even though it changed data.</summary>
    public bool PreventPropagation;
    /// <summary>Arguments (bit i = argument i, i &lt; 64) that the slow log must show as "(redacted)": secrets.</summary>
    public ulong RedactedArgs;

    /// <summary>Hides argument i (a password) from the slow log, as Redis's redactClientCommandArgument.</summary>
    public void Redact(int i) { if (i < 64) RedactedArgs |= 1UL << i; }
    public bool IsRedacted(int i) => i < 64 && (RedactedArgs & (1UL << i)) != 0;

    public CommandContext(RedisServer server, Client client)
    {
        Server = server;
        Client = client;
    }

    public RespWriter Reply => Client.Output;
    public Database Db => Client.Db;

    public ReadOnlySpan<byte> Arg(int i)
    {
        int k = ArgStart + i;
        return new ReadOnlySpan<byte>(Batch.Buffer, Batch.Offsets[k], Batch.Lengths[k]);
    }

    public byte[] ArgBytes(int i) => Arg(i).ToArray();
    public string ArgString(int i) => Encoding.UTF8.GetString(Arg(i));
    /// <summary>Arguments as raw 8-bit text (for error messages that echo client input byte for byte).</summary>
    public string ArgLatin1(int i) => Encoding.Latin1.GetString(Arg(i));

    public bool ArgIs(int i, ReadOnlySpan<byte> lowerAscii) => Ascii.EqualsIgnoreCase(Arg(i), lowerAscii);

    public byte[][] AllArgs()
    {
        var a = new byte[ArgCount][];
        for (int i = 0; i < ArgCount; i++) a[i] = ArgBytes(i);
        return a;
    }

    /// <summary>Parses argument i as an integer, replying Redis's error when it is not one.</summary>
    public bool TryArgLong(int i, out long value, string error = Errors.NotInteger)
    {
        if (NumberFormat.TryParseInt64(Arg(i), out value)) return true;
        Error(error);
        return false;
    }

    public bool TryArgDouble(int i, out double value, string error = Errors.NotFloat)
    {
        if (NumberFormat.TryParseDouble(Arg(i), out value)) return true;
        Error(error);
        return false;
    }

    /// <summary>Replies an error and counts it (INFO errorstats, failed_calls).</summary>
    public void Error(string message)
    {
        Failed = true;
        Server.Stats.CountError(message);
        Reply.WriteError(message);
    }

    public void WrongType() => Error(Errors.WrongType);
    public void SyntaxError() => Error(Errors.Syntax);

    /// <summary>Marks the dataset changed: counts toward save points and triggers propagation.</summary>
    public void Dirty(long n = 1) => Server.Dirty += n;

    /// <summary>Propagate this argv instead of (or, called again, in addition to) the original.</summary>
    public void Propagate(params byte[][] argv) => (PropagateOverride ??= new()).Add(argv);

    internal void Bind(CommandBatch batch, int argStart, int argCount)
    {
        Batch = batch;
        ArgStart = argStart;
        ArgCount = argCount;
        Failed = false;
        PropagateOverride = null;
        PreventPropagation = false;
        RedactedArgs = 0;
    }
}

/// <summary>Redis's shared error replies, verbatim.</summary>
public static class Errors
{
    public const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public const string Syntax = "ERR syntax error";
    public const string NotInteger = "ERR value is not an integer or out of range";
    public const string NotFloat = "ERR value is not a valid float";
    public const string NoSuchKey = "ERR no such key";
    public const string OutOfRange = "ERR index out of range";
    public const string DbIndexOutOfRange = "ERR DB index is out of range";
    public const string NoAuth = "NOAUTH Authentication required.";
    public const string InvalidExpire = "ERR invalid expire time in '{0}' command";
    public const string Overflow = "ERR increment or decrement would overflow";

    public static string WrongArgs(string command) => $"ERR wrong number of arguments for '{command}' command";
}
