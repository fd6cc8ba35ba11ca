namespace Weft.Api.Model.GatewayApi;

/// <summary>A weighted backend of a TCPRoute, TLSRoute or UDPRoute rule.</summary>
public sealed record BackendRef : IBackendRef
{
    /// <summary>Defaults to "" (core).</summary>
    public string? Group { get; init; }

    /// <summary>Defaults to <c>Service</c>.</summary>
    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public int? Port { get; init; }

    /// <summary>Proportion of traffic; defaults to 1, 0 means none.</summary>
    public int? Weight { get; init; }
}
