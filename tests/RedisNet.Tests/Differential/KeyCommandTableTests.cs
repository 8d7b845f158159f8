using System.Text;
using RedisNet.Commands;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Differential;

/// <summary>
/// The declarations of the key commands against the oracle's COMMAND INFO and COMMAND DOCS:
/// arity, flags, key positions, ACL categories, tips, key specs, subcommands and doc fields.
/// </summary>
public class KeyCommandTableTests : IDisposable
{
    private readonly ServerProcess _redis = ServerProcess.StartRedis();
    private static readonly CommandTable Table = new();

    public static readonly TheoryData<string> Names = new(
        "del", "unlink", "exists", "type", "rename", "renamenx", "keys", "scan", "randomkey", "dbsize", "touch",
        "flushdb", "flushall", "select", "swapdb", "move", "copy", "expire", "pexpire", "expireat", "pexpireat",
        "ttl", "pttl", "expiretime", "pexpiretime", "persist", "object", "debug");

    [Theory]
    [MemberData(nameof(Names))]
    public void InfoAndDocsMatchRedis(string name)
    {
        using var c = _redis.Client();
        var info = (List<object?>)((List<object?>)Resp.Parse(c.Call("COMMAND", "INFO", name))!)[0]!;
        var def = Table.Find(name)!;
        Assert.NotNull(def);
        CompareInfo(info, def);
        var docs = (List<object?>)Resp.Parse(c.Call("COMMAND", "DOCS", name))!;
        CompareDocs(Pairs((List<object?>)docs[1]!), def);
    }

    private static void CompareInfo(List<object?> info, CommandDef def)
    {
        Assert.Equal((string)info[0]!, def.Name);
        Assert.Equal((long)info[1]!, def.Arity);
        Assert.Equal(Strings(info[2]).Order(), FlagNames.Of(def.Flags).Order());
        Assert.Equal((long)info[3]!, def.FirstKey);
        Assert.Equal((long)info[4]!, def.LastKey);
        Assert.Equal((long)info[5]!, def.Step);
        Assert.Equal(Strings(info[6]).Order(), FlagNames.Of(def.Acl).Order());
        Assert.Equal(Strings(info[7]), def.Tips);
        var specs = (List<object?>)info[8]!;
        Assert.Equal(specs.Count, def.KeySpecs.Length);
        for (int i = 0; i < specs.Count; i++)
        {
            var spec = Pairs((List<object?>)specs[i]!);
            var ours = def.KeySpecs[i];
            Assert.Equal(Strings(spec["flags"]).Select(f => f.ToUpperInvariant()), ours.Flags.Select(f => f.ToUpperInvariant()));
            var begin = Pairs((List<object?>)spec["begin_search"]!);
            Assert.Equal("index", begin["type"]);
            Assert.Equal((long)Pairs((List<object?>)begin["spec"]!)["index"]!, ours.BeginIndex);
            var find = Pairs((List<object?>)spec["find_keys"]!);
            Assert.Equal("range", find["type"]);
            var range = Pairs((List<object?>)find["spec"]!);
            Assert.Equal(((long)range["lastkey"]!, (long)range["keystep"]!, (long)range["limit"]!), (ours.LastKey, ours.KeyStep, ours.Limit));
        }
        var subs = (List<object?>)info[9]!;
        Assert.Equal(subs.Count, def.Subcommands?.Count ?? 0);
        foreach (var subObj in subs)
        {
            var sub = (List<object?>)subObj!;
            var subName = ((string)sub[0]!)[(def.Name.Length + 1)..];
            CompareInfo(sub, def.Subcommands![subName]);
        }
    }

    private static void CompareDocs(Dictionary<string, object?> docs, CommandDef def)
    {
        Assert.Equal(docs["summary"], def.Summary);
        Assert.Equal(docs["since"], def.Since);
        Assert.Equal(docs["group"], def.Group);
        Assert.Equal(docs.GetValueOrDefault("complexity"), def.Complexity);
        Assert.Equal(docs.TryGetValue("doc_flags", out var f) ? string.Join(",", Strings(f)) : null, def.DocFlags);
        if (docs.TryGetValue("subcommands", out var subs))
            foreach (var (subName, subDocs) in Pairs((List<object?>)subs!))
                CompareDocs(Pairs((List<object?>)subDocs!), def.Subcommands![subName[(def.Name.Length + 1)..]]);
    }

    private static List<string> Strings(object? list) => ((List<object?>)list!).Select(o => (string)o!).ToList();

    private static Dictionary<string, object?> Pairs(List<object?> flat)
    {
        var d = new Dictionary<string, object?>();
        for (int i = 0; i + 1 < flat.Count; i += 2) d[(string)flat[i]!] = flat[i + 1];
        return d;
    }

    public void Dispose() => _redis.Dispose();

    /// <summary>A minimal RESP2 reader: strings, integers, arrays (null bulk as null).</summary>
    private static class Resp
    {
        public static object? Parse(byte[] data)
        {
            int pos = 0;
            return Read(Encoding.Latin1.GetString(data), ref pos);
        }

        private static object? Read(string s, ref int pos)
        {
            int eol = s.IndexOf("\r\n", pos, StringComparison.Ordinal);
            char type = s[pos];
            var line = s[(pos + 1)..eol];
            pos = eol + 2;
            switch (type)
            {
                case '+': case '-': return line;
                case ':': return long.Parse(line);
                case '$':
                {
                    int len = int.Parse(line);
                    if (len < 0) return null;
                    var v = s.Substring(pos, len);
                    pos += len + 2;
                    return v;
                }
                case '*':
                {
                    int n = int.Parse(line);
                    var list = new List<object?>();
                    for (int i = 0; i < n; i++) list.Add(Read(s, ref pos));
                    return list;
                }
                default: throw new InvalidDataException("RESP type " + type);
            }
        }
    }
}
