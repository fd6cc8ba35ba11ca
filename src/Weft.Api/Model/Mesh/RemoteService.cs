using Weft.Api.Binding;
using Weft.Api.Model.Networking;

namespace Weft.Api.Model.Mesh;

/// <summary>RemoteService: a service proxies send data to (access logs, metrics).</summary>
[WireNullsAreAbsent]
public sealed record RemoteService
{
    public string? Address { get; init; }
    public ClientTlsSettings? TlsSettings { get; init; }
    public TcpKeepalive? TcpKeepalive { get; init; }
}
