using RedisNet.Server;

namespace RedisNet.Tests.Unit;

/// <summary>A transport for in-process clients that must look connected (fake clients never block); counts flush requests.</summary>
internal sealed class NullTransport : IClientTransport
{
    public int Flushes;
    public void RequestFlush() => Flushes++;
    public void Close(bool now = false) { }
    public string RemoteAddress => "127.0.0.1:1";
    public string LocalAddress => "127.0.0.1:2";
    public int Fd => 0;
    public int QueryBufferLength => 0;
}
