namespace Weft.Api.Model.GatewayApi;

/// <summary>A weighted backend of an HTTPRoute rule, with filters of its own.</summary>
public sealed record HTTPBackendRef : IBackendRef
{
    /// <summary>Defaults to "" (core).</summary>
    public string? Group { get; init; }

    /// <summary>Defaults to <c>Service</c>.</summary>
    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public int? Port { get; init; }

    /// <summary>Defaults to 1; 0 means no traffic.</summary>
    public int? Weight { get; init; }

    public IReadOnlyList<HTTPRouteFilter>? Filters { get; init; }
}
