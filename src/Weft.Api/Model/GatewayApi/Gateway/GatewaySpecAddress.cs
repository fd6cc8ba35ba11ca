namespace Weft.Api.Model.GatewayApi;

/// <summary>An address requested for a Gateway: an IP, a host name, a named pool, or a domain-prefixed type.</summary>
public sealed record GatewaySpecAddress
{
    /// <summary>IPAddress (the default), Hostname, NamedAddress, or <c>example.com/custom</c>.</summary>
    public string? Type { get; init; }

    /// <summary>May be empty: the implementation then picks one of the type.</summary>
    public string? Value { get; init; }

    public string TypeOrDefault => Type ?? "IPAddress";
}
