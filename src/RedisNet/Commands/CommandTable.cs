using System.Reflection;
using System.Text;

namespace RedisNet.Commands;

/// <summary>
/// All commands, built once from the [RedisCommand]/[RedisContainer] declarations in this assembly.
/// Lookup by the raw name bytes is case-insensitive and allocation-free.
/// </summary>
public sealed class CommandTable
{
    private readonly Dictionary<string, CommandDef> _byName = new(StringComparer.Ordinal);
    // Open-addressed index over lower-cased name bytes for the per-command lookup.
    private readonly CommandDef?[] _slots;
    private readonly int _mask;

    public IReadOnlyCollection<CommandDef> All => _byName.Values;
    // rename-command: name -> command, or null for a name renamed away. Null while unused, so the
    // per-command lookup pays a single null check.
    private Dictionary<string, CommandDef?>? _renamed;

    public CommandTable(params Assembly[] assemblies)
    {
        if (assemblies.Length == 0) assemblies = new[] { typeof(CommandTable).Assembly };
        var subs = new List<CommandDef>();
        foreach (var asm in assemblies)
        foreach (var type in asm.GetTypes())
        {
            foreach (var c in type.GetCustomAttributes<RedisContainerAttribute>())
                Add(new CommandDef
                {
                    Name = c.Name, Arity = c.Arity, Flags = c.Flags, Acl = c.Acl, Summary = c.Summary,
                    Since = c.Since, Group = c.Group, Complexity = c.Complexity, NameBytes = Encoding.ASCII.GetBytes(c.Name),
                    Tips = c.Tips is null ? Array.Empty<string>() : c.Tips.Split(';', StringSplitOptions.RemoveEmptyEntries),
                    Handler = c.BareHandler is null ? null
                        : type.GetMethod(c.BareHandler, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.CreateDelegate<CommandHandler>(),
                    Subcommands = new Dictionary<string, CommandDef>(StringComparer.Ordinal),
                });
            foreach (var m in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            foreach (var a in m.GetCustomAttributes<RedisCommandAttribute>())
            {
                var def = new CommandDef
                {
                    Name = a.Name, Arity = a.Arity, Flags = a.Flags, Acl = a.Acl, FirstKey = a.FirstKey,
                    LastKey = a.LastKey, Step = a.Step,
                    KeySpecs = a.KeySpecs is null ? Array.Empty<KeySpec>() : a.KeySpecs.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(KeySpec.Parse).ToArray(),
                    Tips = a.Tips is null ? Array.Empty<string>() : a.Tips.Split(';', StringSplitOptions.RemoveEmptyEntries),
                    Handler = m.CreateDelegate<CommandHandler>(),
                    Summary = a.Summary, Since = a.Since, Group = a.Group, Complexity = a.Complexity,
                    DocFlags = a.DocFlags, DeprecatedSince = a.DeprecatedSince, ReplacedBy = a.ReplacedBy,
                    KeysFunction = a.KeysFunction is null ? null
                        : type.GetMethod(a.KeysFunction, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.CreateDelegate<KeysFinder>(),
                    NameBytes = Encoding.ASCII.GetBytes(a.Name.Contains('|') ? a.Name[(a.Name.IndexOf('|') + 1)..] : a.Name),
                };
                if (def.KeySpecs.Any(k => k.FindByKeynum || k.BeginByKeyword)) def.Flags |= CommandFlags.MovableKeys;
                if (a.Name.Contains('|')) subs.Add(def); else Add(def);
            }
        }
        foreach (var sub in subs)
        {
            var parentName = sub.Name[..sub.Name.IndexOf('|')];
            if (!_byName.TryGetValue(parentName, out var parent) || parent.Subcommands is null)
                throw new InvalidOperationException($"subcommand {sub.Name} has no [RedisContainer(\"{parentName}\")]");
            sub.Parent = parent;
            parent.Subcommands[sub.Name[(parentName.Length + 1)..]] = sub;
        }
        int size = 1;
        while (size < _byName.Count * 4) size <<= 1;
        _slots = new CommandDef?[size];
        _mask = size - 1;
        foreach (var def in _byName.Values)
        {
            int i = (int)Hash(def.NameBytes) & _mask;
            while (_slots[i] != null) i = (i + 1) & _mask;
            _slots[i] = def;
        }
    }

    private void Add(CommandDef def)
    {
        if (!_byName.TryAdd(def.Name, def)) throw new InvalidOperationException($"command {def.Name} declared twice");
    }

    public CommandDef? Find(string name) => _byName.GetValueOrDefault(name.ToLowerInvariant());

    /// <summary>Finds "config|get" style names too.</summary>
    public CommandDef? FindFull(string fullName)
    {
        int bar = fullName.IndexOf('|');
        if (bar < 0) return Find(fullName);
        var parent = Find(fullName[..bar]);
        return parent?.Subcommands?.GetValueOrDefault(fullName[(bar + 1)..].ToLowerInvariant());
    }

    /// <summary>rename-command: the command answers to <paramref name="newName"/> only (empty: removed).</summary>
    public void Rename(string name, string newName)
    {
        var def = Find(Encoding.Latin1.GetBytes(name)) ?? throw new ArgumentException("no such command: " + name);
        _renamed ??= new Dictionary<string, CommandDef?>(StringComparer.OrdinalIgnoreCase);
        _renamed[name] = null;
        if (newName.Length > 0) _renamed[newName] = def;
    }

    public CommandDef? Find(ReadOnlySpan<byte> name)
    {
        if (_renamed != null && _renamed.TryGetValue(Encoding.Latin1.GetString(name), out var renamed)) return renamed;
        if (name.Length == 0 || name.Length > 64) return null;
        int i = (int)Hash(name) & _mask;
        while (true)
        {
            var def = _slots[i];
            if (def is null) return null;
            if (Ascii.EqualsIgnoreCase(def.NameBytes, name)) return def;
            i = (i + 1) & _mask;
        }
    }

    public static CommandDef? FindSub(CommandDef container, ReadOnlySpan<byte> name)
    {
        foreach (var sub in container.Subcommands!.Values)
            if (Ascii.EqualsIgnoreCase(sub.NameBytes, name)) return sub;
        return null;
    }

    private static uint Hash(ReadOnlySpan<byte> s)
    {
        uint h = 2166136261;
        foreach (var b in s) h = (h ^ (uint)(b | 0x20)) * 16777619;
        return h;
    }
}
