using System.Diagnostics;
using RedisNet.Commands;
using RedisNet.Tests.Infrastructure;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>
/// The string commands' declarations against redis-server 7.0's COMMAND INFO and COMMAND DOCS, so
/// the table RedisNet builds from its attributes says what the real server says.
/// </summary>
public sealed class StringCommandTableTests : IDisposable
{
    private static readonly string[] Names =
    {
        "get", "set", "setnx", "setex", "psetex", "getset", "getdel", "getex", "mget", "mset", "msetnx", "append",
        "strlen", "getrange", "setrange", "substr", "incr", "decr", "incrby", "decrby", "incrbyfloat", "lcs",
    };

    private readonly ServerProcess _redis = ServerProcess.StartRedis();
    private readonly CommandTable _table = new();

    [Fact]
    public void CommandInfoMatchesRedis()
    {
        foreach (var name in Names)
        {
            var def = _table.All.Single(c => c.Name == name);
            Assert.Equal(RedisCli("COMMAND", "INFO", name), string.Join("\n", InfoTokens(def)).ToLowerInvariant());
        }
    }

    [Fact]
    public void CommandDocsMatchRedis()
    {
        foreach (var name in Names)
        {
            var def = _table.All.Single(c => c.Name == name);
            var lines = RedisCli("COMMAND", "DOCS", name).Split('\n');
            string? After(string field) { int i = Array.IndexOf(lines, field); return i < 0 ? null : lines[i + 1]; }
            Assert.Equal(After("summary"), def.Summary.ToLowerInvariant());
            Assert.Equal(After("since"), def.Since);
            Assert.Equal(After("group"), def.Group);
            Assert.Equal(After("complexity"), def.Complexity?.ToLowerInvariant());
            Assert.Equal(After("doc_flags"), def.DocFlags);
            Assert.Equal(After("deprecated_since"), def.DeprecatedSince);
            Assert.Equal(After("replaced_by"), def.ReplacedBy?.ToLowerInvariant());
        }
    }

    /// <summary>COMMAND INFO's reply flattened the way redis-cli prints it (empty arrays print nothing).</summary>
    private static IEnumerable<string> InfoTokens(CommandDef def)
    {
        yield return def.Name;
        yield return def.Arity.ToString();
        foreach (var f in FlagNames.Of(def.Flags)) yield return f;
        yield return def.FirstKey.ToString();
        yield return def.LastKey.ToString();
        yield return def.Step.ToString();
        foreach (var c in FlagNames.Of(def.Acl)) yield return c;
        foreach (var t in def.Tips) yield return t;
        foreach (var k in def.KeySpecs)
        {
            if (k.Notes != null) { yield return "notes"; yield return k.Notes; }
            yield return "flags";
            foreach (var f in k.Flags) yield return f;
            foreach (var t in new[] { "begin_search", "type", "index", "spec", "index", k.BeginIndex.ToString() }) yield return t;
            foreach (var t in new[] { "find_keys", "type", "range", "spec", "lastkey", k.LastKey.ToString(), "keystep", k.KeyStep.ToString(), "limit", k.Limit.ToString() }) yield return t;
        }
    }

    private string RedisCli(params string[] args)
    {
        var psi = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-p");
        psi.ArgumentList.Add(_redis.Port.ToString());
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return string.Join("\n", output.Split('\n').Where(l => l.Length > 0)).ToLowerInvariant();
    }

    public void Dispose() => _redis.Dispose();
}
