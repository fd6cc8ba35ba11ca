using Weft.Api.Binding;

namespace Weft.Api.Model.GatewayApi;

/// <summary>Calls that match any of <see cref="Matches"/> (all, when none) are filtered and sent to <see cref="BackendRefs"/>.</summary>
public sealed record GRPCRouteRule
{
    public string? Name { get; init; }

    public IReadOnlyList<GRPCRouteMatch>? Matches { get; init; }

    public IReadOnlyList<GRPCRouteFilter>? Filters { get; init; }

    public IReadOnlyList<GRPCBackendRef>? BackendRefs { get; init; }

    /// <summary>Experimental-channel fields (<c>sessionPersistence</c>); see <see cref="HTTPRouteRule.Experimental"/>.</summary>
    [WireExtensionData]
    public IReadOnlyDictionary<string, FreeForm>? Experimental { get; init; }

    public SessionPersistence? SessionPersistence => ExperimentalFields.Read<SessionPersistence>(Experimental, "sessionPersistence");
}

/// <summary>Conditions a call must all meet: method and headers.</summary>
public sealed record GRPCRouteMatch
{
    public GRPCMethodMatch? Method { get; init; }

    public IReadOnlyList<GRPCHeaderMatch>? Headers { get; init; }
}

/// <summary>The gRPC service (<c>package.Service</c>) and method; one or both.</summary>
public sealed record GRPCMethodMatch
{
    /// <summary>Defaults to <see cref="HeaderMatchType.Exact"/>.</summary>
    public HeaderMatchType? Type { get; init; }

    public string? Service { get; init; }

    public string? Method { get; init; }
}

public sealed record GRPCHeaderMatch
{
    /// <summary>Defaults to <see cref="HeaderMatchType.Exact"/>.</summary>
    public HeaderMatchType? Type { get; init; }

    public string? Name { get; init; }

    public string? Value { get; init; }
}
