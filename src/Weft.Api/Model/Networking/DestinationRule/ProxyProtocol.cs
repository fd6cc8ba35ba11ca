namespace Weft.Api.Model.Networking;

/// <summary>Send a PROXY protocol header to the destination.</summary>
public sealed record ProxyProtocol
{
    public ProxyProtocolVersion? Version { get; init; }
}
