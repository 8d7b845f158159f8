namespace RedisNet.Commands;

/// <summary>
/// Declares a command on its handler: the one place its name, arity, flags, keys and ACL categories
/// are written. The command table is built from these at startup and serves dispatch, COMMAND
/// INFO/DOCS, cluster slot checks and ACLs. A handler is <c>static void Name(CommandContext ctx)</c>.
/// Subcommands are named "parent|sub" (e.g. "config|get"); the parent is declared with
/// <see cref="RedisContainerAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RedisCommandAttribute(string name) : Attribute
{
    public string Name { get; } = name;
    /// <summary>Redis arity: N means exactly N arguments (name included), -N means at least N.</summary>
    public int Arity { get; init; }
    public CommandFlags Flags { get; init; }
    public AclCategory Acl { get; init; }
    public int FirstKey { get; init; }
    public int LastKey { get; init; }
    public int Step { get; init; }
    /// <summary>Key specs, ';'-separated: "FLAGS index:N|keyword:WORD,START range:LAST,STEP,LIMIT|keynum:IDX,FIRST,STEP [notes:text]".</summary>
    public string? KeySpecs { get; init; }
    /// <summary>Command tips as COMMAND INFO lists them, ';'-separated ("request_policy:all_nodes;nondeterministic_output").</summary>
    public string? Tips { get; init; }
    public string Summary { get; init; } = "";
    public string Since { get; init; } = "1.0.0";
    public string Group { get; init; } = "generic";
    public string? Complexity { get; init; }
    /// <summary>Doc flags ("deprecated", "syscmd") as COMMAND DOCS shows them.</summary>
    public string? DocFlags { get; init; }
    public string? DeprecatedSince { get; init; }
    public string? ReplacedBy { get; init; }
    /// <summary>
    /// Name of a static <see cref="KeysFinder"/> on the same class that finds the keys of a call
    /// when the key specs cannot (Redis's getkeys_proc, e.g. SORT's STORE key).
    /// </summary>
    public string? KeysFunction { get; init; }
}

/// <summary>Declares a container command (CONFIG, CLIENT, OBJECT...) whose subcommands are dispatched on argument 1.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class RedisContainerAttribute(string name) : Attribute
{
    public string Name { get; } = name;
    public int Arity { get; init; } = -2;
    public CommandFlags Flags { get; init; }
    public AclCategory Acl { get; init; } = AclCategory.Slow;
    public string Summary { get; init; } = "";
    public string Since { get; init; } = "1.0.0";
    public string Group { get; init; } = "generic";
    public string? Complexity { get; init; }
    /// <summary>Command tips, ';'-separated, as for <see cref="RedisCommandAttribute.Tips"/>.</summary>
    public string? Tips { get; init; }
    /// <summary>Name of a static handler on the class run when the container is called without a subcommand (COMMAND).</summary>
    public string? BareHandler { get; init; }
}
