using System.Security.Cryptography;
using System.Text;
using RedisNet.Server;

namespace RedisNet.Commands.Connection;

/// <summary>AUTH [username] password, against the default user (requirepass); ACL users come with ACL.</summary>
public static class Auth
{
    public const string WrongPass = "WRONGPASS invalid username-password pair or user is disabled.";

    [RedisCommand("auth", Arity = -2, Flags = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast | CommandFlags.NoAuth | CommandFlags.AllowBusy,
        Acl = AclCategory.Fast | AclCategory.Connection, Group = "connection", Since = "1.0.0", Summary = "Authenticate to the server",
        Complexity = "O(N) where N is the number of passwords defined for the user")]
    public static void Command(CommandContext ctx)
    {
        if (ctx.ArgCount > 3) { ctx.SyntaxError(); return; }
        for (int i = 1; i < ctx.ArgCount; i++) ctx.Redact(i);
        if (ctx.ArgCount == 2 && !ctx.Server.Config.RequiresAuth)
        {
            ctx.Error("ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?");
            return;
        }
        var user = ctx.ArgCount == 3 ? ctx.Arg(1) : "default"u8;
        if (TryAuthenticate(ctx, user, ctx.Arg(ctx.ArgCount - 1))) ctx.Reply.WriteOk();
    }

    /// <summary>Checks the credentials; on success marks the client authenticated, else replies WRONGPASS.</summary>
    public static bool TryAuthenticate(CommandContext ctx, ReadOnlySpan<byte> user, ReadOnlySpan<byte> password)
    {
        var cfg = ctx.Server.Config;
        bool ok = user.SequenceEqual("default"u8)
                  && (!cfg.RequiresAuth || CryptographicOperations.FixedTimeEquals(password, Encoding.Latin1.GetBytes(cfg.RequirePass!)));
        if (!ok)
        {
            ctx.Error(WrongPass);
            return false;
        }
        ctx.Client.Authenticated = true;
        ctx.Client.User = "default";
        return true;
    }
}
