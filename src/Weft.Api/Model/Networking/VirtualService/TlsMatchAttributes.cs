using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>The conditions of a TLS rule's match; the SNI hosts are required.</summary>
[WireNullsAreAbsent]
public sealed record TlsMatchAttributes
{
    public IReadOnlyList<string>? SniHosts { get; init; }
    public IReadOnlyList<string>? DestinationSubnets { get; init; }
    public uint? Port { get; init; }
    public IReadOnlyDictionary<string, string>? SourceLabels { get; init; }
    public IReadOnlyList<string>? Gateways { get; init; }
    public string? SourceNamespace { get; init; }
}
