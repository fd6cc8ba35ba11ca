using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>One listener of a gateway: a port, the hosts it exposes (<c>namespace/host</c>), and TLS.</summary>
[WireNullsAreAbsent]
public sealed record Server
{
    public Port? Port { get; init; }
    public string? Bind { get; init; }
    public IReadOnlyList<string>? Hosts { get; init; }
    public ServerTlsSettings? Tls { get; init; }
    public string? DefaultEndpoint { get; init; }
    public string? Name { get; init; }
}
