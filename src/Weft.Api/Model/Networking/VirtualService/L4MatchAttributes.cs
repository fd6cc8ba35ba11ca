using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>The conditions of a TCP rule's match.</summary>
[WireNullsAreAbsent]
public sealed record L4MatchAttributes
{
    public IReadOnlyList<string>? DestinationSubnets { get; init; }
    public uint? Port { get; init; }
    public string? SourceSubnet { get; init; }
    public IReadOnlyDictionary<string, string>? SourceLabels { get; init; }
    public IReadOnlyList<string>? Gateways { get; init; }
    public string? SourceNamespace { get; init; }
}
