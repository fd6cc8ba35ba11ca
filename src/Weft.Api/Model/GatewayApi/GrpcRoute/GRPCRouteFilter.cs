namespace Weft.Api.Model.GatewayApi;

/// <summary>A step applied to a call; <see cref="Type"/> says which of the fields is set.</summary>
public sealed record GRPCRouteFilter
{
    public GRPCRouteFilterType? Type { get; init; }

    public HTTPHeaderFilter? RequestHeaderModifier { get; init; }

    public HTTPHeaderFilter? ResponseHeaderModifier { get; init; }

    public HTTPRequestMirrorFilter? RequestMirror { get; init; }

    public LocalObjectReference? ExtensionRef { get; init; }
}

public enum GRPCRouteFilterType
{
    ResponseHeaderModifier,
    RequestHeaderModifier,
    RequestMirror,
    ExtensionRef,
}

/// <summary>A weighted backend of a GRPCRoute rule, with filters of its own.</summary>
public sealed record GRPCBackendRef : IBackendRef
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

    public IReadOnlyList<GRPCRouteFilter>? Filters { get; init; }
}
