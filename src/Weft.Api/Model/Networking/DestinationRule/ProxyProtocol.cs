using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Send a PROXY protocol header to the destination.</summary>
[WireNullsAreAbsent]
public sealed record ProxyProtocol
{
    public ProxyProtocolVersion? Version { get; init; }
}
