using System.Text;

namespace RedisNet.Commands.Keys;

/// <summary>DEBUG PROTOCOL type: a sample reply of each RESP type, for client library tests.</summary>
internal static class DebugProtocol
{
    public static void Reply(CommandContext ctx)
    {
        var r = ctx.Reply;
        var type = Encoding.Latin1.GetString(ctx.Arg(2)).ToLowerInvariant();
        switch (type)
        {
            case "string": r.WriteBulk("Hello World"u8); break;
            case "integer": r.WriteInteger(12345); break;
            case "double": r.WriteDouble(3.141); break;
            case "bignum":
                if (r.Resp3) r.WriteRaw("(1234567999999999999999999999999999999\r\n"u8);
                else r.WriteBulk("1234567999999999999999999999999999999"u8);
                break;
            case "null": r.WriteNull(); break;
            case "array":
                r.WriteArrayHeader(3);
                for (int j = 0; j < 3; j++) r.WriteInteger(j);
                break;
            case "set":
                r.WriteSetHeader(3);
                for (int j = 0; j < 3; j++) r.WriteInteger(j);
                break;
            case "map":
                r.WriteMapHeader(3);
                for (int j = 0; j < 3; j++) { r.WriteInteger(j); r.WriteBool(j == 1); }
                break;
            case "attrib":
                // Attributes exist only in RESP3; a real reply always follows.
                if (r.Resp3)
                {
                    r.WriteRaw("|1\r\n"u8);
                    r.WriteBulk("key-popularity"u8);
                    r.WriteArrayHeader(2);
                    r.WriteBulk("key:123"u8);
                    r.WriteInteger(90);
                }
                r.WriteBulk("Some real reply following the attribute"u8);
                break;
            case "push":
                if (!r.Resp3) { ctx.Error("ERR RESP2 is not supported by this command"); return; }
                r.WritePushHeader(2);
                r.WriteBulk("server-cpu-usage"u8);
                r.WriteInteger(42);
                r.WriteBulk("Some real reply following the push reply"u8);
                break;
            case "true": r.WriteBool(true); break;
            case "false": r.WriteBool(false); break;
            case "verbatim": r.WriteVerbatim("This is a verbatim\nstring"); break;
            default:
                ctx.Error("ERR Wrong protocol type name. Please use one of the following: string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false");
                break;
        }
    }
}
